import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import type { OnboardingState } from '../../../shared/onboarding'
import type { AdminPeoplePage, AdminPerson, RoleUpdate } from '../../../shared/schemas'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { EmptyNext } from '../../components/EmptyNext'
import { api, queryString } from '../../lib/api'
import { useDebounced } from '../../lib/hooks'
import { useViewer } from '../../lib/session'
import { BulkInvite } from './BulkInvite'
import { InviteForm } from './InviteForm'
import { OnboardingCell, STATE_LABELS } from './OnboardingCell'
import { TableScroll } from '../../components/TableScroll'

const PAGE_SIZE = 50

const invitable = (p: AdminPerson) => p.status !== 'placeholder' && (p.onboarding === 'not_invited' || p.onboarding === 'invited')

/** An address that may wrap after its "@" on a phone, rather than anywhere inside a word. */
function breakableEmail(email: string) {
  const at = email.indexOf('@')
  if (at < 0) return email
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  )
}

function RoleRow({
  person,
  onChange,
  busy,
  picked,
  onPick,
}: {
  person: AdminPerson
  onChange: (update: RoleUpdate) => void
  busy: boolean
  picked: boolean
  onPick: (on: boolean) => void
}) {
  const viewer = useViewer()
  return (
    <tr>
      <td>
        {invitable(person) && (
          <input type="checkbox" aria-label={`Select ${person.name}`} checked={picked} onChange={(e) => onPick(e.target.checked)} />
        )}
      </td>
      <th scope="row">
        <Link to={`/people/${person.id}`}>{person.name}</Link>
        {person.id === viewer.id && <span className="muted"> (you)</span>}
        <span className="person-email">{breakableEmail(person.email)}</span>
      </th>
      <td className="word">
        {person.status === 'placeholder' ? (
          <>
            <span>placeholder</span> <span className="muted">(imported author, no account)</span>
          </>
        ) : (
          <OnboardingCell person={person} />
        )}
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${person.name} is an admin`}
          checked={person.role === 'admin'}
          disabled={busy}
          onChange={(e) => onChange({ role: e.target.checked ? 'admin' : 'member' })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${person.name} has the manager role`}
          checked={person.managerGranted}
          disabled={busy}
          onChange={(e) => onChange({ managerGranted: e.target.checked })}
        />
        {person.isManager && !person.managerGranted && person.role !== 'admin' && <span className="muted"> (has reports)</span>}
      </td>
    </tr>
  )
}

/** Everyone with an account, their roles, and the invitation form. */
export function AdminPeople() {
  const client = useQueryClient()
  const [text, setText] = useState('')
  const [page, setPage] = useState(1)
  // Authors an import brought in (placeholders) are not people with accounts: they are listed apart, on request.
  const [imported, setImported] = useState(false)
  // The state filter lives in the URL, so the setup checklist can link to "everyone never invited".
  const [params, setParams] = useSearchParams()
  const state = (params.get('state') ?? '') as OnboardingState | ''
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set())
  const q = useDebounced(text.trim(), 250)
  const people = useQuery({
    queryKey: ['admin', 'people', q, page, imported, state],
    queryFn: ({ signal }) =>
      api<AdminPeoplePage>(
        `/api/admin/people${queryString({
          q,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
          placeholders: imported ? 'true' : undefined,
          state: imported ? undefined : state || undefined,
        })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  })
  const placeholders = useQuery({
    queryKey: ['admin', 'people', 'placeholder-count'],
    queryFn: ({ signal }) => api<AdminPeoplePage>(`/api/admin/people${queryString({ limit: 1, placeholders: 'true' })}`, { signal }),
  })
  const placeholderCount = placeholders.data?.total ?? 0
  // Changes waiting for the server, shown at once: held here rather than in the query cache, so that a refetch
  // still in flight from an earlier change cannot put the old state back while the box is being clicked.
  const [pending, setPending] = useState<Record<string, RoleUpdate>>({})
  const roles = useMutation({
    mutationFn: ({ id, update }: { id: string; update: RoleUpdate }) =>
      api(`/api/admin/people/${encodeURIComponent(id)}/roles`, { method: 'PATCH', json: update }),
    onMutate: ({ id, update }) => setPending((all) => ({ ...all, [id]: { ...all[id], ...update } })),
    // The refetch shows what the server kept (it refuses to demote the last admin); then the pending change goes.
    onSettled: async (_data, _error, { id }) => {
      await client.invalidateQueries({ queryKey: ['admin', 'people'] })
      setPending(({ [id]: _done, ...rest }) => rest)
    },
  })
  const pages = people.data ? Math.max(1, Math.ceil(people.data.total / PAGE_SIZE)) : 1
  const pickable = (people.data?.items ?? []).filter(invitable)
  const pick = (id: string, on: boolean) =>
    setPicked((all) => {
      const next = new Set(all)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })

  return (
    <div className="stack">
      <InviteForm />
      <section className="card" aria-labelledby="people-roles-heading">
        <h2 id="people-roles-heading">People and roles</h2>
        <BulkInvite picked={[...picked]} onSent={() => setPicked(new Set())} />
        <div className="field">
          <label htmlFor="admin-people-state">Show</label>
          <select
            id="admin-people-state"
            value={state}
            disabled={imported}
            onChange={(e) => {
              setParams(e.target.value ? { state: e.target.value } : {}, { replace: true })
              setPage(1)
            }}
          >
            <option value="">Everyone</option>
            {(Object.keys(STATE_LABELS) as OnboardingState[]).map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="admin-people-q">Search people</label>
          <input
            id="admin-people-q"
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setPage(1)
            }}
          />
        </div>
        {(placeholderCount > 0 || imported) && (
          <div className="checkbox">
            <input
              id="admin-people-imported"
              type="checkbox"
              checked={imported}
              onChange={(e) => {
                setImported(e.target.checked)
                setPage(1)
              }}
            />
            <label htmlFor="admin-people-imported">
              Show only imported authors ({placeholderCount}): people named in a Q&amp;A import who have no account here. They are kept for
              attribution and are not members of any community.
            </label>
          </div>
        )}
        <ErrorAlert error={roles.error} />
        <ErrorAlert error={people.error} />
        {people.isPending && <Loading />}
        {people.data && people.data.items.length === 0 && (
          <EmptyNext>
            {imported
              ? 'No imported authors match.'
              : state
                ? `No one is in the state “${STATE_LABELS[state]}”${q ? ' and matches the search' : ''}.`
                : 'No one matches.'}{' '}
            Add people with a <Link to="/admin?tab=roster">roster import</Link>, or invite someone by mail above.
          </EmptyNext>
        )}
        {people.data && people.data.items.length > 0 && (
          <TableScroll>
            <table>
              <caption className="visually-hidden">People, with their account status and roles</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select everyone on this page who can be invited"
                      disabled={pickable.length === 0}
                      checked={pickable.length > 0 && pickable.every((p) => picked.has(p.id))}
                      onChange={(e) => pickable.forEach((p) => pick(p.id, e.target.checked))}
                    />
                  </th>
                  <th scope="col">Name and email</th>
                  <th scope="col">State</th>
                  <th scope="col">Admin</th>
                  <th scope="col">Manager</th>
                </tr>
              </thead>
              <tbody>
                {people.data.items.map((p) => (
                  <RoleRow
                    key={p.id}
                    person={{ ...p, ...pending[p.id] }}
                    busy={roles.isPending}
                    onChange={(update) => roles.mutate({ id: p.id, update })}
                    picked={picked.has(p.id)}
                    onPick={(on) => pick(p.id, on)}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pages > 1 && (
          <nav className="pager" aria-label="Pages of people">
            <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button type="button" className="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </nav>
        )}
      </section>
    </div>
  )
}
