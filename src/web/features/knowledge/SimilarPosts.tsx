import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import type { SuggestionList } from '../../../shared/search'
import { api, queryString } from '../../lib/api'
import { useDebounced } from '../../lib/hooks'
import { KIND_LABELS } from '../../lib/knowledge'

/** While someone writes a question's title: posts that may already answer it. */
export function SimilarPosts({ title }: { title: string }) {
  const q = useDebounced(title.trim(), 350)
  const similar = useQuery({
    queryKey: ['suggest', q],
    queryFn: ({ signal }) => api<SuggestionList>(`/api/search/suggest${queryString({ q: q.slice(0, 100) })}`, { signal }),
    enabled: q.length >= 3,
  })
  const items = similar.data?.items ?? []
  if (q.length < 3 || items.length === 0) return null
  return (
    <aside className="similar" aria-labelledby="similar-heading">
      <h2 id="similar-heading">Already asked or written about?</h2>
      <ul>
        {items.map((s) => (
          <li key={s.id}>
            <Link to={`/posts/${s.id}`} target="_blank" rel="noopener">
              {s.title}
            </Link>{' '}
            <span className="muted">
              {KIND_LABELS[s.kind]} in {s.community.name}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  )
}
