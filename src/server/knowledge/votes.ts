import type { VoteResult } from '../../shared/qa.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, conflictOnDuplicate } from '../platform/errors.js'
import type { EventBus } from '../platform/events.js'
import { nowIso } from '../platform/time.js'
import './events.js'
import { loadReadable } from './reads.js'
import { bumpScore, deleteVote, insertVote } from './vote-store.js'

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
