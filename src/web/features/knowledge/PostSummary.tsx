import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import type { Post, PostSummary as Summary } from '../../../shared/knowledge'
import { formatDate, KIND_LABELS } from '../../lib/knowledge'
import './knowledge.css'

/** Who wrote a post, linked, or "Anonymous" for an anonymous lesson. */
export function Byline({ post }: { post: Pick<Post, 'author' | 'anonymous' | 'createdAt'> }) {
  return (
    <span className="byline">
      {post.author ? (
        <Link to={`/people/${post.author.id}`}>{post.author.name}</Link>
      ) : (
        <span>{post.anonymous ? 'Anonymous' : 'Someone no longer here'}</span>
      )}{' '}
      <span className="muted">· {formatDate(post.createdAt)}</span>
    </span>
  )
}

export function KindBadge({ kind }: { kind: Post['kind'] }) {
  return <span className={`kind-badge kind-${kind}`}>{KIND_LABELS[kind]}</span>
}

/** Counts that tell how much a post helped: answers, thanks, "learned", adoptions. */
function Counts({ post }: { post: Summary }) {
  const parts: string[] = []
  if (post.kind === 'question') parts.push(`${post.answerCount} ${post.answerCount === 1 ? 'answer' : 'answers'}`)
  if (post.thanksCount) parts.push(`${post.thanksCount} thanks`)
  if (post.learnedCount) parts.push(`${post.learnedCount} learned from it`)
  if (post.adoptionCount) parts.push(`${post.adoptionCount} ${post.adoptionCount === 1 ? 'adoption' : 'adoptions'}`)
  if (post.kind === 'question' && post.acceptedAnswerId) parts.push('answered')
  return parts.length ? <span className="muted">{parts.join(' · ')}</span> : null
}

/**
 * One post in a list: kind, title (a link to its thread), the start of its body, author, date and counts.
 * The excerpt is plain text from the API and is shown as text (React escapes it), never as HTML.
 */
export function PostSummary({ post, note, showCommunity = false }: { post: Summary; note?: string; showCommunity?: boolean }) {
  return (
    <li className="post-summary">
      <div className="post-summary-head">
        <KindBadge kind={post.kind} />
        {note && <span className="flag">{note}</span>}
        <Link to={`/posts/${post.id}`} className="post-summary-title">
          {post.title}
        </Link>
      </div>
      {post.excerpt && <p className="post-summary-excerpt">{post.excerpt}</p>}
      <div className="post-summary-meta">
        <Byline post={post} />
        {showCommunity && (
          <span>
            in <Link to={`/communities/${post.community.slug}`}>{post.community.name}</Link>
          </span>
        )}
        <Counts post={post} />
      </div>
    </li>
  )
}

/** A titled list of posts, or a quiet line when it is empty. */
export function PostList({
  posts,
  empty,
  label,
  notes,
}: {
  posts: Summary[]
  empty: ReactNode
  label: string
  notes?: Map<number, string>
}) {
  if (posts.length === 0) return <p className="muted">{empty}</p>
  return (
    <ul className="post-list" aria-label={label}>
      {posts.map((p) => (
        <PostSummary key={p.id} post={p} note={notes?.get(p.id)} />
      ))}
    </ul>
  )
}
