import { useQuery } from '@tanstack/react-query'
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import type { SuggestionList } from '../../../shared/search'
import { api, queryString } from '../../lib/api'
import { useDebounced } from '../../lib/hooks'
import { KIND_LABELS } from '../../lib/knowledge'
import './search.css'

/**
 * The search box in the header: an ARIA 1.2 combobox. As you type, matching titles appear in a listbox;
 * arrow keys move through them, Enter opens the chosen one (or searches for the text), Escape closes the list.
 */
export function HeaderSearch() {
  const id = useId()
  const navigate = useNavigate()
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const q = useDebounced(text.trim(), 200)
  const suggestions = useQuery({
    queryKey: ['suggest', q],
    queryFn: ({ signal }) => api<SuggestionList>(`/api/search/suggest${queryString({ q: q.slice(0, 100) })}`, { signal }),
    enabled: q.length >= 2,
  })
  const items = q.length >= 2 ? (suggestions.data?.items ?? []) : []
  const expanded = open && items.length > 0
  const listId = `${id}-list`
  const optionId = (i: number) => `${id}-option-${i}`

  function reset() {
    setOpen(false)
    setActive(-1)
  }

  function go(to: string) {
    reset()
    setText('')
    void navigate(to)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const chosen = expanded && active >= 0 ? items[active] : undefined
    if (chosen) go(`/posts/${chosen.id}`)
    else if (text.trim()) go(`/search${queryString({ q: text.trim().slice(0, 200) })}`)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setOpen(true)
      setActive((a) => (items.length ? (a + 1) % items.length : -1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
      setActive((a) => (items.length ? (a <= 0 ? items.length - 1 : a - 1) : -1))
    } else if (event.key === 'Escape') {
      if (expanded) event.preventDefault()
      reset()
    }
  }

  return (
    <form role="search" aria-label="Knowledge" className="header-search" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Search questions, stories, practices and lessons
      </label>
      <input
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        placeholder="Search knowledge…"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setOpen(true)
          setActive(-1)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(reset, 150)}
        onFocus={() => setOpen(true)}
      />
      <ul id={listId} role="listbox" aria-label="Suggestions" className="suggestions" hidden={!expanded}>
        {items.map((s, i) => (
          <li
            key={s.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="suggestion"
            // mousedown, not click: it comes before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault()
              go(`/posts/${s.id}`)
            }}
          >
            <span className="suggestion-title">{s.title}</span>
            <span className="suggestion-meta">
              {KIND_LABELS[s.kind]} · {s.community.name}
            </span>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" role="status">
        {expanded ? `${items.length} ${items.length === 1 ? 'suggestion' : 'suggestions'}; use the arrow keys to choose.` : ''}
      </span>
    </form>
  )
}
