import type { CreatePost, CreateReply, Post, PostFields, UpdatePost } from '../../shared/knowledge.js'
import { normaliseTags, parseTags, POST_TAG_LIMIT } from '../../shared/tags.js'
import { communityForPosting, ensureMemberForReply, roleIn, type CommunityRef } from '../communities/lookup.js'
import { applyPromotionRules, recordCommunityActivity } from '../communities/service.js'
import { recordInteraction, recordInteractions } from '../insights/service.js'
import { findPeopleByHandles, getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import type { CommunityRole } from '../../shared/communities.js'
import type { EventBus, Publisher } from '../platform/events.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId, nowIso } from '../platform/time.js'
import { countParticipation } from './lookup-store.js'
import { findMentions } from './markdown.js'
import { attachMedia } from './media-store.js'
import './events.js'
import { buildPostRow } from './post-row.js'
import { getPostView, knownOf, loadReadable, loadReadablePost, renderPosts } from './reads.js'
import {
  bumpReplyCount,
  clearAcceptedAnswer,
  findPostById,
  findRevisions,
  insertPost,
  markPostDeleted,
  insertRevision,
  insertTags,
  replaceTags,
  updatePost,
  type PostRow,
} from './store.js'
import { parseJson, renderedColumns } from './views.js'

// The write API for bulk imports (bulk.ts).
export { acceptImportedAnswers, importPosts, linkImportedPosts, type ImportedPost } from './bulk.js'
// Reads live in reads.ts; these are re-exported for the modules that have always found them here.
export { cachedFeedJson, getFeedJson, getPostView, getThread, loadReadablePost, renderPosts } from './reads.js'
// Other domains (imports) and tests build post rows through knowledge's front door.
export { buildPostRow, type PostRowSpec } from './post-row.js'

async function recordMentions(
  db: Db,
  actorId: string,
  body: string,
  communityId: string,
  topics: string[],
  postId: number,
): Promise<string[]> {
  const mentioned = await findPeopleByHandles(db, findMentions(body))
  await recordInteractions(
    db,
    mentioned.map((m) => ({ actorId, targetId: m.id, kind: 'mention', communityId, topics, weight: 0.5, ref: `post:${postId}` })),
  )
  return mentioned.map((m) => m.id).filter((id) => id !== actorId)
}

/** Posts a question, story, practice or lesson in a community. Lessons may be anonymous. */
export async function createPost(db: Db, viewer: Viewer, slug: string, body: CreatePost, bus: EventBus): Promise<Post> {
  // Grouped with other requests' writes on SQLite (group-commit.ts); answered only after the commit.
  const written = await bus.transaction(db, (tx, events) => writeNewPost(tx, viewer, slug, body, events))
  return renderWrittenPost(db, viewer, written, Boolean(body.mediaIds?.length))
}

/** A post written by `writeNewPost`, before rendering. */
export interface WrittenPost {
  row: PostRow
  community: CommunityRef
  role: CommunityRole | null
}

/** The post as written, without reading it back: it is the viewer's own, in a community they just posted in. */
export async function renderWrittenPost(db: Db, viewer: Viewer, written: WrittenPost, withMedia: boolean): Promise<Post> {
  const [post] = await renderPosts(db, viewer, [written.row], { ...knownOf(written.community, written.role), justWritten: { withMedia } })
  return post as Post
}

/**
 * Writes a new post inside the caller's transaction and publishes `knowledge.post_created` there (the ask flow
 * routes the question in the same transaction).
 */
export async function writeNewPost(tx: Db, viewer: Viewer, slug: string, body: CreatePost, events: Publisher): Promise<WrittenPost> {
  if (body.anonymous && body.kind !== 'lesson')
    throw new BadRequestError('anonymous_lessons_only', 'only lessons can be posted anonymously')
  if ((body.seriesId || body.seriesOrder) && body.kind !== 'story')
    throw new BadRequestError('series_stories_only', 'only stories can form a series')
  const tags = normaliseTags(body.tags, POST_TAG_LIMIT)
  const { row: community, role, membership } = await communityForPosting(tx, viewer, slug)
  const now = nowIso()
  const row = buildPostRow({
    communityId: community.id,
    kind: body.kind,
    authorId: viewer.id,
    anonymous: body.anonymous,
    title: body.title.trim(),
    body: body.body,
    fields: body.fields,
    tags,
    seriesId: body.kind === 'story' ? (body.seriesId ?? null) : null,
    seriesOrder: body.kind === 'story' ? (body.seriesOrder ?? null) : null,
    at: now,
    render: true,
  })
  const id = await insertPost(tx, row)
  await insertTags(tx, id, tags)
  if (body.mediaIds?.length) await attachMedia(tx, viewer.id, id, body.mediaIds)
  await recordCommunityActivity(tx, community.id, now, 1)
  const mentioned = body.anonymous ? [] : await recordMentions(tx, viewer.id, body.body, community.id, tags, id)
  // Promotion can change the role after posting, so the view below uses the role it leaves.
  const promoted = body.anonymous
    ? null
    : await applyPromotionRules(tx, community.id, viewer.id, countParticipation, { community, membership })
  await events.publish('knowledge.post_created', {
    postId: id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    authorId: viewer.id,
    communityId: community.id,
    mentioned,
    anonymous: Boolean(body.anonymous),
  })
  return { row: { ...row, id }, community, role: promoted ?? role }
}

/** Answers a question, or comments on any post. Both are logged as help to the parent's author. */
export async function createReply(
  db: Db,
  viewer: Viewer,
  parentId: number,
  kind: 'answer' | 'comment',
  body: CreateReply,
  bus: EventBus,
): Promise<Post> {
  const { row, known } = await bus.transaction(db, async (tx, events) => {
    const { row: parent, ref, role } = await loadReadable(tx, viewer, parentId)
    if (kind === 'answer' && parent.kind !== 'question')
      throw new BadRequestError('not_a_question', 'answers go on questions; comment instead')
    if (kind === 'comment' && parent.kind === 'comment')
      throw new BadRequestError('comment_on_comment', 'reply to the post, not to a comment')
    const now = nowIso()
    const rootId = parent.root_id ?? parent.id
    const topics = parseTags(parent.tags)
    const row = buildPostRow({
      communityId: parent.community_id,
      kind,
      parentId: parent.id,
      rootId,
      authorId: viewer.id,
      body: body.body,
      at: now,
      render: true,
    })
    const id = await insertPost(tx, row)
    // Post rows first, the community row last (the lock order communities' bumpPostCount describes). Joining the replier
    // writes the community's member count, so it comes after the parent and the root too.
    await bumpReplyCount(tx, parent.id, kind, 1, kind === 'answer' ? now : undefined)
    if (rootId !== parent.id) await updatePost(tx, rootId, { last_activity_at: now })
    await ensureMemberForReply(tx, viewer.id, parent.community_id)
    await recordCommunityActivity(tx, parent.community_id, now, 1)
    if (parent.author_id && parent.anonymous === 0) {
      await recordInteraction(tx, {
        actorId: viewer.id,
        targetId: parent.author_id,
        kind,
        communityId: parent.community_id,
        topics,
        weight: kind === 'answer' ? 1 : 0.3,
        ref: `post:${id}`,
      })
    }
    const mentioned = await recordMentions(tx, viewer.id, body.body, parent.community_id, topics, id)
    const promoted = await applyPromotionRules(tx, parent.community_id, viewer.id, countParticipation)
    await events.publish('knowledge.reply_created', {
      postId: id,
      rootId,
      kind,
      body: row.body,
      parentAuthorId: parent.anonymous === 0 ? parent.author_id : null,
      parentId: parent.id,
      parentTitle: parent.title,
      communityId: parent.community_id,
      actorId: viewer.id,
      mentioned,
    })
    // Replying in an open community makes the viewer a newcomer there (ensureMemberForReply).
    return { row: { ...row, id }, known: knownOf(ref, promoted ?? role ?? 'newcomer') }
  })
  // The reply as written, without reading it back.
  const [post] = (await renderPosts(db, viewer, [row], { ...known, justWritten: { withMedia: false } })) as [Post]
  return post
}

/** The author, a steward of the community, or an admin may change a post; every version is kept. */
export async function editPost(db: Db, viewer: Viewer, id: number, patch: UpdatePost): Promise<Post> {
  await db.transaction().execute(async (tx) => {
    const row = await loadReadablePost(tx, viewer, id)
    await assertCanModerate(tx, viewer, row)
    if ((patch.title !== undefined || patch.fields !== undefined) && (row.kind === 'answer' || row.kind === 'comment')) {
      throw new BadRequestError('no_title', 'answers and comments have only a body')
    }
    const now = nowIso()
    await insertRevision(tx, {
      id: newId(),
      post_id: row.id,
      editor_id: row.author_id,
      title: row.title,
      body: row.body,
      fields: row.fields,
      tags: row.tags,
      at: row.edited_at ?? row.created_at,
    })
    const tags = patch.tags !== undefined ? normaliseTags(patch.tags, POST_TAG_LIMIT) : undefined
    await updatePost(tx, row.id, {
      ...(patch.title !== undefined && { title: patch.title.trim() }),
      ...(patch.body !== undefined && { body: patch.body }),
      ...(patch.fields !== undefined && { fields: JSON.stringify(patch.fields) }),
      ...(tags !== undefined && { tags: JSON.stringify(tags) }),
      // Rendered from the body and fields as they are after the edit.
      ...renderedColumns(patch.body ?? row.body, patch.fields ?? parseJson<PostFields>(row.fields, {})),
      edited_at: now,
      updated_at: now,
    })
    if (tags !== undefined) await replaceTags(tx, row.id, tags)
  })
  return getPostView(db, viewer, id)
}

async function assertCanModerate(db: Db, viewer: Viewer, row: PostRow): Promise<void> {
  if (row.author_id === viewer.id || viewer.isAdmin) return
  if ((await roleIn(db, viewer.id, row.community_id)) === 'steward') return
  throw new ForbiddenError('not_your_post', 'only the author, a steward or an admin can change this post')
}

/** Soft-deletes a post: it disappears from feeds, threads and search, but stays in the database. */
export async function deletePost(db: Db, viewer: Viewer, id: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await loadReadablePost(tx, viewer, id)
    await assertCanModerate(tx, viewer, row)
    if (!(await markPostDeleted(tx, row.id, nowIso()))) throw new NotFoundError('post_not_found', `no post ${id}`)
    // Counts move in the statement (concurrent deletes and replies each count); post rows before the community row.
    if (row.parent_id !== null && (row.kind === 'answer' || row.kind === 'comment')) {
      await bumpReplyCount(tx, row.parent_id, row.kind, -1)
      if (row.kind === 'answer') await clearAcceptedAnswer(tx, row.parent_id, row.id)
    }
    await recordCommunityActivity(tx, row.community_id, nowIso(), -1)
  })
}

export async function listRevisions(db: Db, viewer: Viewer, id: number) {
  const row = await loadReadablePost(db, viewer, id)
  const revisions = await findRevisions(db, row.id)
  const people = await getPersonSummaries(db, row.anonymous ? [] : revisions.map((r) => r.editor_id))
  return revisions.map((r) => ({
    editor: r.editor_id ? (people.get(r.editor_id) ?? null) : null,
    title: r.title,
    body: r.body,
    tags: parseTags(r.tags),
    at: r.at,
  }))
}

/** The question's author (or a steward) accepts an answer, or clears the acceptance with null. */
export async function acceptAnswer(db: Db, viewer: Viewer, questionId: number, answerId: number | null, bus: EventBus): Promise<Post> {
  await bus.transaction(db, async (tx, events) => {
    const q = await loadReadablePost(tx, viewer, questionId)
    if (q.kind !== 'question') throw new BadRequestError('not_a_question', 'only questions have accepted answers')
    if (q.author_id !== viewer.id && (await roleIn(tx, viewer.id, q.community_id)) !== 'steward') {
      throw new ForbiddenError('not_your_question', 'only the asker or a steward can accept an answer')
    }
    if (answerId === null) {
      await updatePost(tx, q.id, { accepted_answer_id: null })
      return null
    }
    const a = await findPostById(tx, answerId)
    if (!a || a.parent_id !== q.id || a.kind !== 'answer' || a.status !== 'active')
      throw new BadRequestError('not_an_answer', 'that is not an answer to this question')
    await updatePost(tx, q.id, { accepted_answer_id: a.id, last_activity_at: nowIso() })
    if (a.author_id && q.accepted_answer_id !== a.id) {
      await recordInteraction(tx, {
        actorId: viewer.id,
        targetId: a.author_id,
        kind: 'accept',
        communityId: q.community_id,
        topics: parseTags(q.tags),
        weight: 2,
        ref: `post:${a.id}`,
      })
    }
    if (a.author_id)
      await events.publish('knowledge.answer_accepted', {
        answerAuthorId: a.author_id,
        questionId,
        actorId: viewer.id,
        communityId: a.community_id,
      })
    return a
  })
  return getPostView(db, viewer, questionId)
}
