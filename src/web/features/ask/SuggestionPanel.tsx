import { Link } from 'react-router-dom'
import type { AskSuggestions } from '../../../shared/asks'
import type { SearchResult } from '../../../shared/search'
import { ErrorAlert } from '../../components/Alerts'
import { KIND_LABELS } from '../../lib/knowledge'
import { SafeHtml } from '../knowledge/SafeHtml'

/** "Answer" for a hit in an answer, "Similar question" for a question, else the kind of post. */
function kindOf(r: SearchResult): string {
  if (r.match.kind === 'answer') return 'Answer'
  if (r.post.kind === 'question') return 'Similar question'
  return KIND_LABELS[r.post.kind]
}

const hrefOf = (r: SearchResult) => (r.match.id === r.post.id ? `/posts/${r.post.id}` : `/posts/${r.post.id}#post-${r.match.id}`)

function Hit({ result, onResolve, busy }: { result: SearchResult; onResolve: (r: SearchResult) => void; busy: boolean }) {
  const { post } = result
  const titleId = `ask-hit-${post.id}-${result.match.id}`
  return (
    <li className="ask-hit">
      <div className="ask-hit-head">
        <span className="ask-kind">{kindOf(result)}</span>
        {/* A new tab keeps the question being written. */}
        <Link id={titleId} to={hrefOf(result)} className="ask-hit-title" target="_blank" rel="noopener">
          {post.title}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </Link>
      </div>
      <SafeHtml as="p" html={result.snippet} className="ask-snippet" />
      <p className="muted ask-meta">
        in {post.community.name}
        {post.author ? ` · by ${post.author.name}` : ''}
      </p>
      <button type="button" className="button button-small" aria-describedby={titleId} disabled={busy} onClick={() => onResolve(result)}>
        This answered it
      </button>
    </li>
  )
}

interface PanelProps {
  /** The text being searched; empty until there is enough of it. */
  query: string
  data: AskSuggestions | undefined
  fetching: boolean
  error: unknown
  onResolve: (r: SearchResult) => void
  resolving: boolean
}

/**
 * The side panel of the ask flow: what the organisation already knows about the question being typed. It is
 * a polite live region, so screen-reader users hear that matches appeared without losing their place.
 */
export function SuggestionPanel({ query, data, fetching, error, onResolve, resolving }: PanelProps) {
  const results = data?.results ?? []
  let summary: string
  if (query.length < 3) summary = 'Start typing your question: answers that already exist will appear here.'
  else if (!data) summary = 'Looking for answers…'
  else if (results.length === 0) summary = 'Nothing similar yet. Your question may well be new: post it and the right people will be asked.'
  else summary = `${results.length} existing ${results.length === 1 ? 'post' : 'posts'} may answer it.`
  return (
    <aside className="card ask-panel" aria-labelledby="ask-panel-heading" aria-live="polite" aria-busy={fetching}>
      <h2 id="ask-panel-heading">Already answered?</h2>
      <p className="muted">{summary}</p>
      <ErrorAlert error={error} />
      {query.length >= 3 && results.length > 0 && (
        <ol className="ask-hits" aria-label="Existing answers and similar questions">
          {results.map((r) => (
            <Hit key={`${r.post.id}-${r.match.id}`} result={r} onResolve={onResolve} busy={resolving} />
          ))}
        </ol>
      )}
    </aside>
  )
}
