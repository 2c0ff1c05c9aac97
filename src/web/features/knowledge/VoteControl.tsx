import type { Post } from '../../../shared/knowledge'
import { ErrorAlert } from '../../components/Alerts'
import { useThreadVotes, useVote } from '../../lib/qa'

/**
 * Up and down votes on a question or answer, with its score. Pressing the vote you gave takes it back. Your own
 * posts show their score only.
 */
export function VoteControl({ post, rootId, viewerId }: { post: Post; rootId: number; viewerId: string }) {
  const votes = useThreadVotes(rootId)
  const vote = useVote(rootId, post.id)
  const mine = votes.data?.get(post.id) ?? 0
  const own = post.author?.id === viewerId
  const what = post.kind === 'question' ? 'question' : `answer by ${post.author?.name ?? 'someone'}`
  const score = (
    <span className="vote-score" aria-label={`Score ${post.score}`}>
      {post.score}
    </span>
  )
  if (own || post.deleted)
    return (
      <div className="vote-control" role="group" aria-label={`Votes on this ${what}`}>
        {score}
        <span className="muted vote-own">{own ? 'votes' : ''}</span>
      </div>
    )
  const press = (value: 1 | -1) => vote.mutate(mine === value ? 0 : value)
  return (
    <div className="vote-control" role="group" aria-label={`Votes on this ${what}`}>
      <button
        type="button"
        className="vote-button"
        aria-pressed={mine === 1}
        aria-label={`Vote up the ${what}`}
        disabled={vote.isPending || votes.isPending}
        onClick={() => press(1)}
      >
        ▲
      </button>
      {score}
      <button
        type="button"
        className="vote-button"
        aria-pressed={mine === -1}
        aria-label={`Vote down the ${what}`}
        disabled={vote.isPending || votes.isPending}
        onClick={() => press(-1)}
      >
        ▼
      </button>
      <ErrorAlert error={vote.error} />
    </div>
  )
}
