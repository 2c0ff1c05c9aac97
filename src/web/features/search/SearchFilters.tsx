import { useState, type FormEvent } from 'react'
import type { PersonSummary } from '../../../shared/schemas'
import { PersonSearch } from '../../components/PersonSearch'
import { useCommunities } from '../../lib/communities'

export interface Filters {
  q: string
  community: string
  kind: string
  tag: string
  author: string
  authorName: string
  from: string
  to: string
  /** '' (best match), 'newest' or 'votes'. */
  sort: string
}

/** The search words and filters; applied together when the form is submitted. */
export function SearchFilters({ initial, onApply }: { initial: Filters; onApply: (f: Filters) => void }) {
  const [f, setF] = useState(initial)
  const communities = useCommunities({ sort: 'name' })
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value })
  function submit(event: FormEvent) {
    event.preventDefault()
    onApply({ ...f, q: f.q.trim(), tag: f.tag.trim() })
  }
  return (
    <form role="search" aria-label="Search knowledge" className="search-form card" onSubmit={submit}>
      <div className="search-main">
        <div className="field">
          <label htmlFor="search-q">Search for</label>
          <input id="search-q" type="search" required maxLength={200} value={f.q} onChange={set('q')} />
        </div>
        <button type="submit" className="button button-primary">
          Search
        </button>
      </div>
      <fieldset className="search-filters">
        <legend>Filters</legend>
        <div className="field">
          <label htmlFor="search-community">Community</label>
          <select id="search-community" value={f.community} onChange={set('community')}>
            <option value="">All communities</option>
            {(communities.data?.items ?? [])
              .filter((c) => c.canSeeContent)
              .map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-kind">Kind</label>
          <select id="search-kind" value={f.kind} onChange={set('kind')}>
            <option value="">All kinds</option>
            <option value="question">Questions and answers</option>
            <option value="story">Stories</option>
            <option value="practice">Practices</option>
            <option value="lesson">Lessons</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-tag">Tag</label>
          <input id="search-tag" maxLength={60} value={f.tag} onChange={set('tag')} />
        </div>
        <div className="field">
          <label htmlFor="search-from">From</label>
          <input id="search-from" type="date" value={f.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="search-to">To</label>
          <input id="search-to" type="date" value={f.to} onChange={set('to')} />
        </div>
        <div className="search-author">
          {f.author ? (
            <p>
              Written by <strong>{f.authorName || 'one person'}</strong>{' '}
              <button type="button" className="button button-small" onClick={() => setF({ ...f, author: '', authorName: '' })}>
                Any author
              </button>
            </p>
          ) : (
            <PersonSearch
              label="Author"
              action="search their posts"
              onPick={(p: PersonSummary) => setF({ ...f, author: p.id, authorName: p.name })}
            />
          )}
        </div>
      </fieldset>
    </form>
  )
}
