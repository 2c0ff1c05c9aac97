import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router-dom'
import type { SearchResult, SearchResults } from '../../../shared/search'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { EmptyNext } from '../../components/EmptyNext'
import { Page } from '../../components/Page'
import { TagList } from '../../components/TagInput'
import { api, queryString } from '../../lib/api'
import { formatDate, KIND_LABELS } from '../../lib/knowledge'
import { CatalogueItems } from '../learning/CatalogueItems'
import { SafeHtml } from '../knowledge/SafeHtml'
import { SearchFilters, type Filters } from './SearchFilters'
import '../knowledge/knowledge.css'
import './search.css'

const PAGE = 20
const KEYS = ['q', 'community', 'kind', 'tag', 'author', 'authorName', 'from', 'to', 'sort'] as const

/** What makes a result worth opening: answers and acceptance for a question, and its votes. */
function Signals({ post }: { post: SearchResult['post'] }) {
  const votes = `${post.score} ${Math.abs(post.score) === 1 ? 'vote' : 'votes'}`
  return (
    <span className="search-signals">
      {post.kind === 'question' && (
        <span className={post.accepted ? 'answers-count answered' : 'answers-count'}>
          {post.answerCount} {post.answerCount === 1 ? 'answer' : 'answers'}
          {post.accepted && ' · accepted'}
        </span>
      )}
      <span className="votes-count">{votes}</span>
    </span>
  )
}

function Result({ result }: { result: SearchResult }) {
  const { post, match } = result
  const href = match.id === post.id ? `/posts/${post.id}` : `/posts/${post.id}#post-${match.id}`
  return (
    <li className="search-hit">
      <div className="post-summary-head">
        <span className={`kind-badge kind-${post.kind}`}>{KIND_LABELS[post.kind]}</span>
        <Link to={href} className="post-summary-title">
          {post.title}
        </Link>
        {match.id !== post.id && <span className="muted">(in an {match.kind})</span>}
      </div>
      <Signals post={post} />
      <SafeHtml as="p" html={result.snippet} className="snippet" />
      <p className="muted search-hit-meta">
        {post.author ? <Link to={`/people/${post.author.id}`}>{post.author.name}</Link> : 'Anonymous'} ·{' '}
        <Link to={`/communities/${post.community.slug}`}>{post.community.name}</Link> · {formatDate(post.createdAt)}
      </p>
      <TagList tags={post.tags} label={`Tags of ${post.title}`} empty="" />
    </li>
  )
}

/** /search: full-text search over everything the viewer may read, with filters and highlighted snippets. */
export function SearchPage() {
  const [params, setParams] = useSearchParams()
  const filters = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as Filters
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0)
  const apiQuery = {
    q: filters.q,
    community: filters.community,
    kind: filters.kind,
    tag: filters.tag,
    author: filters.author,
    from: filters.from,
    to: filters.to,
    sort: filters.sort || undefined,
  }
  const results = useQuery({
    queryKey: ['search', apiQuery, offset],
    queryFn: ({ signal }) => api<SearchResults>(`/api/search${queryString({ ...apiQuery, limit: PAGE, offset })}`, { signal }),
    enabled: filters.q.trim().length > 0,
    placeholderData: keepPreviousData,
  })

  function apply(next: Filters, nextOffset = 0) {
    const out = new URLSearchParams()
    for (const k of KEYS) if (next[k]) out.set(k, next[k])
    if (nextOffset) out.set('offset', String(nextOffset))
    setParams(out)
  }

  const data = results.data
  const catalogue = data?.catalogue ?? []
  return (
    <Page
      title="Search"
      lead={
        <p className="lead">
          Questions and answers, stories, practices and lessons from the communities you can read, and the learning catalogue.
        </p>
      }
    >
      <SearchFilters key={params.toString()} initial={filters} onApply={(f) => apply(f)} />
      <p role="status" className="result-count">
        {filters.q && data
          ? data.total === 0
            ? `Nothing found for “${filters.q}”.`
            : // After a correction the results are the corrected words', and the count says so.
              `${data.total} ${data.total === 1 ? 'result' : 'results'} for “${data.correction?.applied ? data.correction.q : filters.q}”.`
          : ''}
      </p>
      {data?.correction &&
        (data.correction.applied ? (
          <p className="search-correction">
            No results for “{filters.q}”. Showing results for <strong>“{data.correction.q}”</strong>.
          </p>
        ) : (
          <p className="search-correction">
            Did you mean <Link to={`/search${queryString({ ...filters, q: data.correction.q })}`}>“{data.correction.q}”</Link>?
          </p>
        ))}
      {filters.q && (
        <div className="field search-sort">
          <label htmlFor="search-sort">Sort by</label>
          <select id="search-sort" value={filters.sort} onChange={(e) => apply({ ...filters, sort: e.target.value })}>
            <option value="">Best match</option>
            <option value="newest">Newest</option>
            <option value="votes">Most votes</option>
          </select>
        </div>
      )}
      {results.isLoading && <Loading label="Searching…" />}
      <ErrorAlert error={results.error} />
      {catalogue.length > 0 && (
        <section className="card search-catalogue" aria-labelledby="search-catalogue-heading">
          <h2 id="search-catalogue-heading">In the learning catalogue</h2>
          <CatalogueItems items={catalogue} label="Learning catalogue results" />
        </section>
      )}
      {filters.q && data && data.total === 0 && catalogue.length === 0 && !data.correction?.applied && (
        <EmptyNext>
          Try fewer or other words, or take away a filter. If no one has written it down yet,{' '}
          <Link to={`/ask?q=${encodeURIComponent(filters.q)}`}>ask it as a question</Link>: it goes to the people likely to know.
        </EmptyNext>
      )}
      {data && data.items.length > 0 && (
        <ol className="search-results-list" aria-label="Results" start={offset + 1}>
          {data.items.map((r) => (
            <Result key={`${r.post.id}-${r.match.id}`} result={r} />
          ))}
        </ol>
      )}
      {data && data.total > PAGE && (
        <nav className="pager" aria-label="Pages of results">
          <button type="button" className="button" disabled={offset === 0} onClick={() => apply(filters, Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span>
            {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}
          </span>
          <button type="button" className="button" disabled={offset + PAGE >= data.total} onClick={() => apply(filters, offset + PAGE)}>
            Next
          </button>
        </nav>
      )}
    </Page>
  )
}
