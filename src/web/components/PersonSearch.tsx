import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import type { DirectoryPage, PersonSummary } from '../../shared/schemas'
import { api, queryString } from '../lib/api'
import { useDebounced } from '../lib/hooks'
import { describeRole } from '../lib/people'
import { ErrorAlert } from './Alerts'
import { Avatar } from './Avatar'
import './PersonSearch.css'

interface PersonSearchProps {
  label: string
  /** What picking a result does, read after each result by screen readers: "show in the chart". */
  action: string
  onPick: (person: PersonSummary) => void
  excludeId?: string
}

/**
 * Find a person by typing: results appear as buttons below the box. Kept simpler than a combobox on purpose:
 * plain buttons work the same with a mouse, a keyboard and a screen reader.
 */
export function PersonSearch({ label, action, onPick, excludeId }: PersonSearchProps) {
  const id = useId()
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 250)
  const results = useQuery({
    queryKey: ['directory', 'search', q],
    queryFn: ({ signal }) => api<DirectoryPage>(`/api/people${queryString({ q, limit: 8 })}`, { signal }),
    enabled: q.length > 0,
  })
  const items = (results.data?.items ?? []).filter((p) => p.id !== excludeId)

  return (
    <div className="person-search">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="search"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-count`}
        />
      </div>
      <p id={`${id}-count`} role="status" className="hint">
        {q && results.isSuccess
          ? items.length === 0
            ? 'No one matches.'
            : `${items.length} ${items.length === 1 ? 'match' : 'matches'}.`
          : ''}
      </p>
      <ErrorAlert error={results.error} />
      {q && items.length > 0 && (
        <ul className="search-results">
          {items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="search-result"
                onClick={() => {
                  onPick(p)
                  setText('')
                }}
              >
                <Avatar person={p} size="small" />
                <span>
                  <span className="search-result-name">{p.name}</span>
                  <span className="muted"> {describeRole(p)}</span>
                  <span className="visually-hidden">: {action}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
