import type { FlagBody, MyFlagList, ReviewDecision, ReviewItem, ReviewQueue } from '../../shared/qa.js'
import { getCommunityRefs, roleIn, rolesIn } from '../communities/lookup.js'
import { recordCommunityActivity } from '../communities/service.js'
import { getPersonSummaries } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, conflictOnDuplicate, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId, nowIso } from '../platform/time.js'
import { decideFlags, findCommunitiesWithOpenFlags, findFlagsBy, findOpenFlags, insertFlag, markPostHidden } from './flag-store.js'
import { plainExcerpt } from './markdown.js'
import { loadReadable } from './reads.js'
import { bumpReplyCount, clearAcceptedAnswer, findPostById, findPostsByIds, markPostDeleted, type PostRow } from './store.js'

const QUEUE_LIMIT = 200

/** A member reports a post they may read (not their own). One open flag per person per post. */
export async function flagPost(db: Db, viewer: Viewer, postId: number, body: FlagBody): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadReadable(tx, viewer, postId)
    if (row.author_id === viewer.id) throw new BadRequestError('flag_own_post', 'you cannot flag your own post')
    if (body.reason === 'other' && !body.note?.trim()) throw new BadRequestError('flag_note_required', 'say what is wrong with this post')
    await conflictOnDuplicate(
      insertFlag(tx, {
        id: newId(),
        post_id: row.id,
        community_id: row.community_id,
        flagger_id: viewer.id,
        reason: body.reason,
        note: body.note?.trim() ?? '',
        status: 'open',
        decided_by: null,
        decided_at: null,
        created_at: nowIso(),
      }),
      'already_flagged',
      'you already flagged this post; a steward will review it',
    )
  })
}

/** The viewer's flags and what was decided about each. */
export async function listMyFlags(db: Db, viewer: Viewer): Promise<MyFlagList> {
  const flags = await findFlagsBy(db, viewer.id, 100)
  const posts = new Map(
    (
      await findPostsByIds(
        db,
        flags.map((f) => Number(f.post_id)),
      )
    ).map((p) => [p.id, p]),
  )
  const roots = new Map(
    (
      await findPostsByIds(
        db,
        [...posts.values()].flatMap((p) => (p.root_id ? [p.root_id] : [])),
      )
    ).map((p) => [p.id, p]),
  )
  return {
    items: flags.map((f) => {
      const post = posts.get(Number(f.post_id))
      const root = post?.root_id ? roots.get(post.root_id) : post
      return {
        id: f.id,
        postId: Number(f.post_id),
        title: root && root.status === 'active' ? root.title : '',
        reason: f.reason,
        note: f.note,
        status: f.status,
        createdAt: f.created_at,
        decidedAt: f.decided_at,
      }
    }),
  }
}

/** Communities whose flags the viewer reviews: every one for an admin, else those they steward. */
async function reviewedCommunities(db: Db, viewer: Viewer): Promise<string[] | undefined> {
  if (viewer.isAdmin) return undefined
  const flagged = await findCommunitiesWithOpenFlags(db)
  const roles = await rolesIn(db, viewer.id, flagged)
  return flagged.filter((id) => roles.get(id) === 'steward')
}

/** Open flags the viewer may decide, grouped by post, oldest first. */
export async function getReviewQueue(db: Db, viewer: Viewer): Promise<ReviewQueue> {
  const flags = await findOpenFlags(db, await reviewedCommunities(db, viewer), QUEUE_LIMIT)
  const posts = new Map(
    (
      await findPostsByIds(
        db,
        flags.map((f) => Number(f.post_id)),
      )
    ).map((p) => [p.id, p]),
  )
  const roots = new Map(
    (
      await findPostsByIds(
        db,
        [...posts.values()].flatMap((p) => (p.root_id ? [p.root_id] : [])),
      )
    ).map((p) => [p.id, p]),
  )
  const [people, communities] = await Promise.all([
    getPersonSummaries(db, [
      ...flags.map((f) => f.flagger_id),
      ...[...posts.values()].filter((p) => p.anonymous === 0).map((p) => p.author_id),
    ]),
    getCommunityRefs(
      db,
      [...posts.values()].map((p) => p.community_id),
    ),
  ])
  const items = new Map<number, ReviewItem>()
  for (const f of flags) {
    const post = posts.get(Number(f.post_id))
    const community = post && communities.get(post.community_id)
    if (!post || !community) continue
    let item = items.get(post.id)
    if (!item) {
      const root = post.root_id ? roots.get(post.root_id) : post
      item = {
        post: {
          id: post.id,
          kind: post.kind,
          rootId: post.root_id ?? post.id,
          title: root?.title ?? '',
          excerpt: plainExcerpt(post.body, 300),
          author: post.anonymous === 1 || !post.author_id ? null : (people.get(post.author_id) ?? null),
          community: { slug: community.slug, name: community.name },
        },
        flags: [],
      }
      items.set(post.id, item)
    }
    item.flags.push({
      reason: f.reason,
      note: f.note,
      flagger: f.flagger_id ? (people.get(f.flagger_id) ?? null) : null,
      createdAt: f.created_at,
    })
  }
  return { items: [...items.values()] }
}

/** Takes a hidden or deleted reply out of its parent's counts, and the post out of its community's. */
async function takeOutOfCounts(tx: Db, row: PostRow, at: string): Promise<void> {
  if (row.parent_id !== null && (row.kind === 'answer' || row.kind === 'comment')) {
    await bumpReplyCount(tx, row.parent_id, row.kind, -1)
    if (row.kind === 'answer') await clearAcceptedAnswer(tx, row.parent_id, row.id)
  }
  await recordCommunityActivity(tx, row.community_id, at, -1)
}

/**
 * A steward of the post's community or an admin decides a flagged post: keep it, hide it from readers, or
 * delete it. Every open flag on it closes with the decision, which flaggers then see; the decision is audited.
 */
export async function decideReview(db: Db, viewer: Viewer, postId: number, body: ReviewDecision): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await findPostById(tx, postId)
    if (!row) throw new NotFoundError('post_not_found', `no post ${postId}`)
    if (!viewer.isAdmin && (await roleIn(tx, viewer.id, row.community_id)) !== 'steward')
      throw new ForbiddenError('not_a_reviewer', 'only a steward of this community or an admin can review its flags')
    const at = nowIso()
    const status = body.decision === 'keep' ? 'kept' : body.decision === 'hide' ? 'hidden' : 'deleted'
    const closed = await decideFlags(tx, row.id, status, viewer.id, at)
    if (closed === 0) throw new ConflictError('nothing_to_review', 'this post has no open flags')
    if (body.decision === 'hide' && (await markPostHidden(tx, row.id, at))) await takeOutOfCounts(tx, row, at)
    if (body.decision === 'delete' && (await markPostDeleted(tx, row.id, at))) await takeOutOfCounts(tx, row, at)
    await recordAudit(tx, viewer.id, 'post.review', `post:${row.id}`, { decision: body.decision, flags: closed })
  })
}
