import type { ThreadVotes, VoteResult } from '../../shared/qa.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, conflictOnDuplicate } from '../platform/errors.js'
import type { EventBus } from '../platform/events.js'
import { nowIso } from '../platform/time.js'
import './events.js'
import { loadReadable } from './reads.js'
import { findThreadChildren } from './store.js'
import { bumpScore, deleteVote, findVotesOf, insertVote } from './vote-store.js'

/**
 * The viewer votes a question or answer up (1) or down (-1), or takes their vote back (0). One vote per person
 * per post; changing it moves the score by the difference, in the vote's transaction and by increment, so
 * concurrent votes each count. Not on one's own post; only on posts the viewer may read.
 */
export async function votePost(db: Db, viewer: Viewer, postId: number, value: 1 | -1 | 0, bus: EventBus): Promise<VoteResult> {
  return bus.transaction(db, async (tx, events) => {
    const { row } = await loadReadable(tx, viewer, postId)
    if (row.kind !== 'question' && row.kind !== 'answer') throw new BadRequestError('not_votable', 'only questions and answers take votes')
    if (row.author_id === viewer.id) throw new BadRequestError('vote_own_post', 'you cannot vote on your own post')
    // Read and removed in one statement, so the old value is the one this transaction replaces.
    const previous = await deleteVote(tx, row.id, viewer.id)
    if (value !== 0) {
      await conflictOnDuplicate(
        insertVote(tx, { post_id: row.id, person_id: viewer.id, value, at: nowIso() }),
        'vote_conflict',
        'your vote changed at the same time; try again',
      )
    }
    const score = await bumpScore(tx, row.id, value - previous)
    if (value !== previous) {
      await events.publish('knowledge.post_voted', {
        postId: row.id,
        rootId: row.root_id ?? row.id,
        kind: row.kind,
        authorId: row.anonymous === 1 ? null : row.author_id,
        voterId: viewer.id,
        communityId: row.community_id,
        value,
        previous,
        score,
      })
    }
    return { postId: row.id, score, myVote: value }
  })
}

/** The viewer's votes on a thread's root and its answers. */
export async function getThreadVotes(db: Db, viewer: Viewer, postId: number): Promise<ThreadVotes> {
  let { row } = await loadReadable(db, viewer, postId)
  if (row.root_id) row = (await loadReadable(db, viewer, row.root_id)).row
  const answers = (await findThreadChildren(db, row.id)).filter((c) => c.kind === 'answer')
  const votes = await findVotesOf(db, viewer.id, [row.id, ...answers.map((a) => a.id)])
  return { votes: votes.map((v) => ({ postId: v.post_id, value: v.value })) }
}
