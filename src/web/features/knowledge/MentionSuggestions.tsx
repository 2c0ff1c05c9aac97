import { useQuery } from '@tanstack/react-query'
import type { RefObject } from 'react'
import type { PersonSummary } from '../../../shared/schemas'
import { Avatar } from '../../components/Avatar'
import { api, queryString } from '../../lib/api'
import { useDebounced } from '../../lib/hooks'
import { describeRole } from '../../lib/people'

interface MentionCandidates {
  items: { person: PersonSummary; handle: string }[]
}

/** The "@name" being typed just before the caret, or null. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = text.slice(0, caret).match(/(^|[^\p{L}\p{N}._@-])@([\p{L}\p{N}._-]{1,40})$/u)
  if (!match) return null
  const query = match[2] as string
  return { start: caret - query.length - 1, query }
}

interface Props {
  textarea: RefObject<HTMLTextAreaElement | null>
  value: string
  caret: number
  onChange: (value: string) => void
  /** Where the caret goes after a pick. */
  onCaret: (caret: number) => void
}

/**
 * People to mention while "@ana" is typed in a body: the directory's matches as buttons under the editor.
 * Picking one writes "@handle " in place of what was typed, which the server turns into a notification.
 */
export function MentionSuggestions({ textarea, value, caret, onChange, onCaret }: Props) {
  const typing = mentionAt(value, caret)
  const q = useDebounced(typing ? typing.query.replace(/[._-]+/g, ' ').trim() : '', 200)
  const found = useQuery({
    queryKey: ['mentions', q],
    queryFn: ({ signal }) => api<MentionCandidates>(`/api/people/mentions${queryString({ q })}`, { signal }),
    enabled: q.length > 0,
  })
  if (!typing || !q || !found.data) return null
  const items = found.data.items
  function pick(handle: string) {
    if (!typing) return
    const before = value.slice(0, typing.start)
    const after = value.slice(caret)
    const inserted = `@${handle} `
    onChange(before + inserted + after.replace(/^\s+/, ''))
    const at = before.length + inserted.length
    onCaret(at)
    requestAnimationFrame(() => {
      textarea.current?.focus()
      textarea.current?.setSelectionRange(at, at)
    })
  }
  return (
    <div className="mention-suggestions">
      <p role="status" className="hint">
        {items.length === 0 ? `No one matches @${typing.query}.` : `People to mention for @${typing.query}:`}
      </p>
      {items.length > 0 && (
        <ul className="search-results" aria-label="People to mention">
          {items.map(({ person, handle }) => (
            <li key={person.id}>
              <button type="button" className="search-result" onClick={() => pick(handle)}>
                <Avatar person={person} size="small" />
                <span>
                  <span className="search-result-name">{person.name}</span> <span className="muted">@{handle}</span>
                  <span className="muted"> {describeRole(person)}</span>
                  <span className="visually-hidden">: mention them</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
