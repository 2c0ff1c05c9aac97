import { followerIds } from '../communities/lookup.js'
import { findPostsByIds } from '../knowledge/lookup.js'
import type { JobContext } from '../platform/jobs/worker.js'
import { nowIso } from '../platform/time.js'
import type { FanoutPayload } from './listeners.js'
import { toRow, type Notifier } from './service.js'
import { excerptOf } from './views.js'

const BATCH = 500

/**
 * The 'notification.fanout' job: tells every follower of a community about a new post, in batches. Only
 * members can follow, and members can read their community, so every follower may see the post; the post is
 * looked at again here, so one deleted before the job ran is announced to nobody. Ids derive from
 * (post, person), so a retried job skips those already notified.
 */
export async function runFanout(notifier: Notifier, payload: FanoutPayload, ctx: JobContext): Promise<{ notified: number }> {
  const [post] = await findPostsByIds(notifier.db, [payload.postId])
  if (!post || post.status !== 'active' || post.community_id !== payload.communityId) return { notified: 0 }
  const skip = new Set([payload.authorId, ...payload.exclude])
  const followers = (await followerIds(notifier.db, payload.communityId)).filter((id) => !skip.has(id))
  // The post as it is now: an anonymous lesson never names its author.
  const actorId = post.anonymous === 1 ? null : post.author_id
  const body = excerptOf(post.body)
  const now = nowIso()
  for (let i = 0; i < followers.length; i += BATCH) {
    const rows = followers.slice(i, i + BATCH).map((personId) =>
      toRow(
        {
          personId,
          kind: 'new_post',
          actorId,
          communityId: payload.communityId,
          postId: post.id,
          title: post.title,
          body,
          link: payload.link,
          key: `new_post:${post.id}:${personId}`,
        },
        now,
      ),
    )
    await notifier.store(rows)
    await ctx.reportProgress(Math.min(i + BATCH, followers.length), followers.length, 'notifying followers')
  }
  return { notified: followers.length }
}
