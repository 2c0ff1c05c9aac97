import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import type { Post, ThreadMine } from '../../../shared/knowledge'
import { ErrorAlert } from '../../components/Alerts'
import { acceptAnswer, deletePost, FIELD_LABELS, formatDate, useThreadMutation } from '../../lib/knowledge'
import { EditPostForm, RevisionHistory } from './EditPost'
import { FlagPost } from './FlagPost'
import { MediaPlayer } from './MediaPlayer'
import { Byline } from './PostSummary'
import { Reactions } from './Reactions'
import { ReplyForm } from './ReplyForm'
import { SafeHtml } from './SafeHtml'
import { VoteControl } from './VoteControl'

/** "Originally on beer.stackexchange.com — CC BY-SA", for imported posts. */
export function Attribution({ post }: { post: Post }) {
  if (post.source === 'wellspring' || !post.sourceUrl) return null
  let site = post.source
  try {
    site = new URL(post.sourceUrl).hostname
  } catch {
    // Keep the source name when the address is not a URL.
  }
  const safe = /^https?:\/\//i.test(post.sourceUrl)
  return (
    <p className="attribution">
      Originally on{' '}
      {safe ? (
        <a href={post.sourceUrl} rel="noopener noreferrer nofollow">
          {site}
        </a>
      ) : (
        site
      )}{' '}
      —{' '}
      <a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license noopener noreferrer">
        CC BY-SA
      </a>
    </p>
  )
}

/** The body, the kind's own sections and the media of a post. */
function PostContent({ post }: { post: Post }) {
  const sections = post.kind === 'practice' || post.kind === 'lesson' ? FIELD_LABELS[post.kind] : []
  return (
    <>
      <SafeHtml html={post.html} className="prose" />
      {sections.map(([key, label]) =>
        post.fieldsHtml[key] ? (
          <section key={key} className="post-field" aria-labelledby={`post-${post.id}-${key}`}>
            <h3 id={`post-${post.id}-${key}`}>{label}</h3>
            <SafeHtml html={post.fieldsHtml[key]} className="prose" />
          </section>
        ) : null,
      )}
      {post.media.length > 0 && (
        <div className="media-list">
          {post.media.map((m) => (
            <MediaPlayer key={m.id} item={m} />
          ))}
        </div>
      )}
    </>
  )
}

interface ArticleProps {
  post: Post
  rootId: number
  viewerId: string
  comments: Post[]
  /** What the viewer did in the thread (thanks, learned, votes). */
  mine: ThreadMine
  /** For an answer: the question, to accept this answer. */
  question?: Post
}

/** One post of a thread (the root or an answer) with its actions and comments. */
export function PostArticle({ post, rootId, viewerId, comments, mine, question }: ArticleProps) {
  const navigate = useNavigate()
  const [mode, setMode] = useState<'view' | 'edit' | 'history'>('view')
  const [commenting, setCommenting] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const remove = useThreadMutation(rootId, () => deletePost(post.id))
  const accept = useThreadMutation(rootId, (answerId: number | null) => acceptAnswer(rootId, answerId))
  const accepted = question?.acceptedAnswerId === post.id
  const isRoot = post.id === rootId
  const label = isRoot ? post.title : `Answer by ${post.author?.name ?? 'someone'}`

  return (
    <article id={`post-${post.id}`} className={`post-article${accepted ? ' post-accepted' : ''}`} aria-label={label}>
      <div className="post-meta">
        {(post.kind === 'question' || post.kind === 'answer') && <VoteControl post={post} viewerId={viewerId} mine={mine} />}
        {accepted && <span className="accepted-badge">Accepted answer</span>}
        <Byline post={post} />
        {post.editedAt && <span className="muted">edited {formatDate(post.editedAt)}</span>}
      </div>
      {mode === 'edit' ? <EditPostForm post={post} rootId={rootId} onDone={() => setMode('view')} /> : <PostContent post={post} />}
      {isRoot && <Attribution post={post} />}
      {mode === 'history' && <RevisionHistory post={post} />}
      <Reactions post={post} rootId={rootId} viewerId={viewerId} mine={mine} />
      <div className="button-row post-tools">
        {question?.canAccept && (
          <button
            type="button"
            className="button button-small"
            disabled={accept.isPending}
            onClick={() => accept.mutate(accepted ? null : post.id)}
          >
            {accepted ? 'Unaccept this answer' : 'Accept this answer'}
          </button>
        )}
        {post.canEdit && mode !== 'edit' && (
          <button type="button" className="button button-small" onClick={() => setMode('edit')}>
            Edit
          </button>
        )}
        {post.editedAt && (
          <button
            type="button"
            className="button button-small"
            aria-expanded={mode === 'history'}
            onClick={() => setMode(mode === 'history' ? 'view' : 'history')}
          >
            History
          </button>
        )}
        {post.canEdit && !confirmDelete && (
          <button type="button" className="button button-small button-danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
        <FlagPost post={post} viewerId={viewerId} />
      </div>
      {confirmDelete && (
        <div className="confirm-box" role="group" aria-label="Confirm deletion">
          <p>Delete this {post.kind}? It disappears for everyone.</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(undefined, {
                  onSuccess: () => (isRoot ? void navigate(`/communities/${post.community.slug}`) : setConfirmDelete(false)),
                })
              }
            >
              Yes, delete
            </button>
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <ErrorAlert error={remove.error ?? accept.error} />
      <Comments comments={comments} rootId={rootId} viewerId={viewerId} mine={mine} />
      {commenting ? (
        <ReplyForm
          parentId={post.id}
          rootId={rootId}
          kind="comment"
          label={`Comment on ${isRoot ? 'this post' : 'this answer'}`}
          onDone={() => setCommenting(false)}
        />
      ) : (
        <button type="button" className="button button-small" onClick={() => setCommenting(true)}>
          Add a comment
        </button>
      )}
    </article>
  )
}

/** One comment: its text, author, reactions, and deletion for its author (or a steward or admin). */
interface CommentProps {
  rootId: number
  viewerId: string
  mine: ThreadMine
}

function CommentItem({ comment, rootId, viewerId, mine }: CommentProps & { comment: Post }) {
  const [confirming, setConfirming] = useState(false)
  const remove = useThreadMutation(rootId, () => deletePost(comment.id))
  return (
    <li id={`post-${comment.id}`} className="comment">
      <SafeHtml html={comment.html} className="prose" />
      <div className="post-meta">
        <Byline post={comment} />
        {comment.canEdit &&
          (confirming ? (
            <span className="button-row">
              <button
                type="button"
                className="button button-small button-danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                Yes, delete the comment
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
              Delete comment
            </button>
          ))}
      </div>
      <ErrorAlert error={remove.error} />
      <Reactions post={comment} rootId={rootId} viewerId={viewerId} mine={mine} />
    </li>
  )
}

function Comments({ comments, rootId, viewerId, mine }: CommentProps & { comments: Post[] }) {
  if (comments.length === 0) return null
  return (
    <ul className="comments" aria-label="Comments">
      {comments.map((c) => (
        <CommentItem key={c.id} comment={c} rootId={rootId} viewerId={viewerId} mine={mine} />
      ))}
    </ul>
  )
}
