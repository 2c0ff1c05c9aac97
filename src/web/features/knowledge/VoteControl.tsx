import type { Post, ThreadMine } from '../../../shared/knowledge'
import { ErrorAlert } from '../../components/Alerts'
import { useVote } from '../../lib/qa'

/**
 * Up and down votes on a question or answer, with its score. Pressing the vote you gave takes it back. Your own
 * posts show their score only. The viewer's votes come with the thread (`mine`).
 */
export function VoteControl({ post, viewerId, mine: given }: { post: Post; viewerId: string; mine: ThreadMine }) {
  const vote = useVote(post.id)
  const mine = given.votes.find((v) => v.postId === post.id)?.value ?? 0
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
        disabled={vote.isPending}
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
        disabled={vote.isPending}
        onClick={() => press(-1)}
      >
        ▼
      </button>
      <ErrorAlert error={vote.error} />
    </div>
  )
}
