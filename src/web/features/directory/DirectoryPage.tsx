import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import type { DirectoryPage as DirectoryResult } from '../../../shared/schemas'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { api, queryString } from '../../lib/api'
import { useDebounced } from '../../lib/hooks'
import { PersonCard } from './PersonCard'
import './directory.css'

const PAGE_SIZE = 24

/** The people directory: search as you type, filter by department, page through the results. */
export function DirectoryPage() {
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const department = params.get('department') ?? ''
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1)
  const [text, setText] = useState(q)
  const settled = useDebounced(text.trim(), 250)

  // The URL holds the search, so it survives a reload and can be shared.
  function update(next: { q?: string; department?: string; page?: number }) {
    const merged = { q, department, page, ...next }
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev)
        for (const [key, value] of Object.entries({
          q: merged.q,
          department: merged.department,
          page: merged.page > 1 ? String(merged.page) : '',
        })) {
          if (value) out.set(key, value)
          else out.delete(key)
        }
        return out
      },
      { replace: true },
    )
  }

  useEffect(() => {
    if (settled !== q) update({ q: settled, page: 1 })
    // Only a newly settled search text should move the URL, not every render.
  }, [settled])

  const result = useQuery({
    queryKey: ['directory', 'page', q, department, page],
    queryFn: ({ signal }) =>
      api<DirectoryResult>(`/api/people${queryString({ q, department, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`, { signal }),
    placeholderData: keepPreviousData,
  })
  const data = result.data
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1
  const first = (page - 1) * PAGE_SIZE + 1

  return (
    <Page title="Directory" lead={<p className="lead">Find colleagues by name, title, department or location.</p>}>
      <form className="filters" role="search" aria-label="People" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="directory-q">Search people</label>
          <input id="directory-q" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="directory-department">Department</label>
          <select id="directory-department" value={department} onChange={(e) => update({ department: e.target.value, page: 1 })}>
            <option value="">All departments</option>
            {(data?.departments ?? []).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p role="status" className="result-count">
        {data &&
          (data.total === 0
            ? 'No one matches.'
            : `Showing ${first}–${first + data.items.length - 1} of ${data.total} ${data.total === 1 ? 'person' : 'people'}.`)}
      </p>
      {result.isPending && <Loading />}
      <ErrorAlert error={result.error} />
      {data && data.items.length > 0 && (
        <ul className="person-grid" aria-label="People">
          {data.items.map((p) => (
            <PersonCard key={p.id} person={p} />
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label="Pages of results">
          <button type="button" className="button" disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
            Previous
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" className="button" disabled={page >= pages} onClick={() => update({ page: page + 1 })}>
            Next
          </button>
        </nav>
      )}
    </Page>
  )
}
