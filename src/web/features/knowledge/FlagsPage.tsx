import { Link } from 'react-router-dom'
import type { FlagOutcome, ReviewItem } from '../../../shared/qa'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { formatDate, KIND_LABELS } from '../../lib/knowledge'
import { useDecideReview, useMyFlags, useReviewQueue } from '../../lib/qa'
import { FLAG_REASONS } from './FlagPost'

const REASON = new Map(FLAG_REASONS)
const OUTCOME: Record<FlagOutcome, string> = {
  open: 'Waiting for review',
  kept: 'Reviewed: the post was kept',
  hidden: 'Reviewed: the post was hidden',
  deleted: 'Reviewed: the post was deleted',
}

function ReviewCard({ item }: { item: ReviewItem }) {
  const decide = useDecideReview()
  const { post } = item
  const headingId = `review-${post.id}`
  return (
    <li className="card review-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {KIND_LABELS[post.kind]} in <Link to={`/posts/${post.rootId}#post-${post.id}`}>{post.title || 'a thread'}</Link>
      </h3>
      <p className="muted">
        {post.community.name} · by {post.author?.name ?? 'someone anonymous'}
      </p>
      <blockquote className="review-excerpt">{post.excerpt}</blockquote>
      <ul className="review-flags" aria-label="Flags">
        {item.flags.map((f, i) => (
          <li key={i}>
            <strong>{REASON.get(f.reason)}</strong> — {f.flagger?.name ?? 'a former member'}, {formatDate(f.createdAt)}
            {f.note && <>: “{f.note}”</>}
          </li>
        ))}
      </ul>
      <div className="button-row">
        {(['keep', 'hide', 'delete'] as const).map((decision) => (
          <button
            key={decision}
            type="button"
            className={`button button-small${decision === 'delete' ? ' button-danger' : ''}`}
            disabled={decide.isPending}
            onClick={() => decide.mutate({ postId: post.id, decision })}
          >
            {decision === 'keep' ? 'Keep it' : decision === 'hide' ? 'Hide it' : 'Delete it'}
          </button>
        ))}
      </div>
      <ErrorAlert error={decide.error} />
    </li>
  )
}

/** /flags: the review queue for stewards and admins, and every member's own flags with their outcomes. */
export function FlagsPage() {
  const queue = useReviewQueue()
  const mine = useMyFlags()
  return (
    <Page title="Flags and review" lead={<p>Members flag posts that break the rules; stewards of the community and admins decide.</p>}>
      {queue.isPending ? (
        <Loading />
      ) : (
        queue.data &&
        queue.data.items.length > 0 && (
          <section aria-labelledby="queue-heading">
            <h2 id="queue-heading">To review ({queue.data.items.length})</h2>
            <ul className="review-list">
              {queue.data.items.map((item) => (
                <ReviewCard key={item.post.id} item={item} />
              ))}
            </ul>
          </section>
        )
      )}
      <ErrorAlert error={queue.error ?? mine.error} />
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">Your flags</h2>
        {mine.data && mine.data.items.length === 0 && (
          <p className="muted">
            You have not flagged anything. When a post is spam, rude or off-topic, use “Flag” under it; the stewards of its community review
            it.
          </p>
        )}
        <ul className="my-flags">
          {mine.data?.items.map((f) => (
            <li key={f.id} className="card card-quiet">
              {f.title ? <Link to={`/posts/${f.postId}`}>{f.title}</Link> : <span>A post that is gone</span>} · {REASON.get(f.reason)} ·
              flagged {formatDate(f.createdAt)}
              <p>
                <strong>{OUTCOME[f.status]}</strong>
                {f.decidedAt && <> on {formatDate(f.decidedAt)}</>}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  )
}
