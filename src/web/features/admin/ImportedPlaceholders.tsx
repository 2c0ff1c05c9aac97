import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Static } from '@sinclair/typebox'
import { useEffect, useState } from 'react'
import type { LinkedPlaceholder, PlaceholderList } from '../../../shared/collab-imports'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { PersonSearch } from '../../components/PersonSearch'
import { api } from '../../lib/api'

type Placeholder = Static<typeof PlaceholderList>['items'][number]

function LinkRow({ item, onLinked }: { item: Placeholder; onLinked: (message: string) => void }) {
  const [open, setOpen] = useState(false)
  const link = useMutation({
    mutationFn: (personId: string) =>
      api<Static<typeof LinkedPlaceholder>>(`/api/admin/imports/collab/placeholders/${encodeURIComponent(item.id)}/link`, {
        json: { personId },
      }),
  })
  return (
    <li className="stack">
      <div>
        <strong>{item.name}</strong>{' '}
        <span className="hint">
          ({item.source}: {item.account})
        </span>{' '}
        <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          Link {item.name} to a person
        </button>
      </div>
      {open && (
        <PersonSearch
          label={`Who is ${item.name}?`}
          action="link this placeholder to them"
          onPick={(person) =>
            link.mutate(person.id, {
              onSuccess: (r) =>
                onLinked(
                  r.optedOut
                    ? `${item.name} is ${person.name}, who opted out of analytics: their ${r.moved} interactions were removed.`
                    : `${item.name} is ${person.name}: ${r.moved} interactions moved.`,
                ),
            })
          }
        />
      )}
      <ErrorAlert error={link.error} />
    </li>
  )
}

/** Accounts imports could not match to anyone ("this placeholder is that person"). */
export function ImportedPlaceholders({ refreshKey }: { refreshKey: string | null }) {
  const client = useQueryClient()
  const [message, setMessage] = useState('')
  const list = useQuery({
    queryKey: ['admin', 'collab-placeholders'],
    queryFn: ({ signal }) => api<Static<typeof PlaceholderList>>('/api/admin/imports/collab/placeholders', { signal }),
  })
  useEffect(() => {
    if (refreshKey) void client.invalidateQueries({ queryKey: ['admin', 'collab-placeholders'] })
  }, [refreshKey, client])
  const items = list.data?.items ?? []
  return (
    <section className="card stack" aria-labelledby="placeholders-heading">
      <h2 id="placeholders-heading">Accounts without a person</h2>
      <p>Imported accounts that matched no one here. Link one to a person to give them its interactions.</p>
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && <p className="hint">Every imported account is matched.</p>}
      {items.length > 0 && (
        <ul className="stack" aria-label="Accounts without a person">
          {items.map((p) => (
            <LinkRow
              key={p.id}
              item={p}
              onLinked={(m) => {
                setMessage(m)
                void client.invalidateQueries({ queryKey: ['admin', 'collab-placeholders'] })
              }}
            />
          ))}
        </ul>
      )}
      <StatusMessage>{message}</StatusMessage>
    </section>
  )
}
