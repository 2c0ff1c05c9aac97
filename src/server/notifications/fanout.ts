import { followerIds } from '../communities/lookup.js'
import { findPostsByIds, replierIds } from '../knowledge/lookup.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { JOB_PRIORITY, type JobContext, type JobQueue } from '../platform/jobs/worker.js'
import { nowIso } from '../platform/time.js'
import type { FanoutPayload } from './listeners.js'
import { toRow, type Notifier } from './service.js'
import { deleteFanoutPending, findFanoutPending, findNotifiedAbout, insertFanoutPending, type NotificationRow } from './store.js'
import { excerptOf } from './views.js'

export const FANOUT_JOB = 'notification.fanout'

/** The fan-out job's payload: the community whose waiting posts it announces. */
export interface FanoutJob {
  communityId: string
}

/** Notifications stored (and handed to mail) at a time. */
const BATCH = 500
/** Waiting posts read at a time. */
const POSTS_PER_ROUND = 50

/**
 * Queues a new post's announcement, in the post's own transaction (`tx`): a post that commits always gets it,
 * even when the process dies right after. The post waits in `notification_fanout`; the community's fan-out job
 * (one unfinished at a time: a deduplication key) announces every post waiting there. A burst of posts thus
 * queues a job per community, not one per post, and the worker writes their notifications in batches.
 */
export async function queueFanout(tx: Db, jobs: JobQueue, payload: FanoutPayload): Promise<void> {
  await insertFanoutPending(tx, {
    post_id: payload.postId,
    community_id: payload.communityId,
    payload: JSON.stringify(payload),
    created_at: nowIso(),
  })
  await queueFanoutJob(jobs, payload.communityId, tx)
}

/** The community's fan-out job, unless one is waiting already (its deduplication key). */
async function queueFanoutJob(jobs: JobQueue, communityId: string, db?: Db): Promise<void> {
  await jobs.enqueue(FANOUT_JOB, { communityId } satisfies FanoutJob, {
    db,
    dedupKey: `${FANOUT_JOB}:${communityId}`,
    priority: JOB_PRIORITY.bulk,
  })
}

/**
 * The 'notification.fanout' job: tells every follower of a community about the posts waiting for it. It first
 * gives up its deduplication key, so a post written after it looked gets a job of its own (the enqueue that
 * found this job holds it until that post commits: insertJobOnce), then announces one round of waiting posts.
 * Safe to retry and to run beside another job of the same community: notification ids derive from
 * (post, person), so a post announced twice notifies nobody twice.
 */
export async function runFanout(notifier: Notifier, payload: FanoutJob | FanoutPayload, ctx: JobContext) {
  // A job queued by an older version carries one post.
  if ('postId' in payload) return { posts: 1, notified: await announce(notifier, payload.communityId, [payload], ctx) }
  await ctx.releaseDedupKey()
  const waiting = await findFanoutPending(notifier.db, payload.communityId, POSTS_PER_ROUND)
  if (waiting.length === 0) return { posts: 0, notified: 0 }
  const notified = await announce(
    notifier,
    payload.communityId,
    waiting.map((w) => JSON.parse(w.payload) as FanoutPayload),
    ctx,
  )
  await deleteFanoutPending(
    notifier.db,
    waiting.map((w) => Number(w.post_id)),
  )
  // One round per run: between jobs the worker rests while requests are waiting (worker.ts), which a job that
  // read rounds until none was left never did during a burst of posts. A full round may leave more: the next
  // round is a job of its own (posts written since the key was released queued one already).
  if (waiting.length === POSTS_PER_ROUND) await queueFanoutJob(notifier.jobs, payload.communityId)
  return { posts: waiting.length, notified }
}

/**
 * Announces posts of one community to its followers, but not to those who replied to a post already. Only members can follow, and members can read their
 * community, so every follower may see them; each post is looked at again here, so one deleted (or moved)
 * before the job ran is announced to nobody.
 */
async function announce(notifier: Notifier, communityId: string, items: FanoutPayload[], ctx: JobContext): Promise<number> {
  const posts = new Map(
    (
      await findPostsByIds(
        notifier.db,
        items.map((i) => i.postId),
      )
    ).map((p) => [Number(p.id), p]),
  )
  const followers = await followerIds(notifier.db, communityId)
  // Whoever has answered or commented on a post by the time it is announced has seen it: "new post" would be
  // news to them no longer (a bulk job may run minutes after the post, and after the first answers).
  const replied = await replierIds(notifier.db, [...posts.keys()])
  const now = clockIso(ctx.clock)
  let rows: NotificationRow[] = []
  let notified = 0
  const flush = async () => {
    notified += rows.length
    const batch = rows
    rows = []
    await notifier.store(batch)
  }
  for (const item of items) {
    const post = posts.get(item.postId)
    if (!post || post.status !== 'active' || post.community_id !== communityId) continue
    // People told about this post more specifically already (offered the question, mentioned) get no second one.
    const told = await findNotifiedAbout(notifier.db, post.id, followers, ['routed', 'mention', 'escalated'])
    const skip = new Set([item.authorId, ...item.exclude, ...told, ...(replied.get(post.id) ?? [])])
    // The post as it is now: an anonymous lesson never names its author.
    const actorId = post.anonymous === 1 ? null : post.author_id
    const body = excerptOf(post.body)
    for (const personId of followers) {
      if (skip.has(personId)) continue
      rows.push(
        toRow(
          {
            personId,
            kind: 'new_post',
            actorId,
            communityId,
            postId: post.id,
            title: post.title,
            body,
            link: item.link,
            key: `new_post:${post.id}:${personId}`,
          },
          now,
        ),
      )
      if (rows.length >= BATCH) await flush()
    }
  }
  if (rows.length > 0) await flush()
  return notified
}
