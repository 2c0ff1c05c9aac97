import type { CreatePost, CreateReply, FeedQuery, Post, PostList, Thread, UpdatePost } from '../../shared/knowledge.js'
import { communityForPosting, ensureMemberForReply, getCommunityRefs, roleIn } from '../communities/lookup.js'
import { applyPromotionRules } from '../communities/membership.js'
import { loadReadableCommunity } from '../communities/service.js'
import { recordInteraction, recordInteractions } from '../insights/interactions.js'
import { findPeopleByHandles, getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import type { PostKind } from '../platform/db/tables.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId, nowIso } from '../platform/time.js'
import { findMentions } from './markdown.js'
import { attachMedia } from './media-store.js'
import { notifyPostCreated, type KnowledgeEvents } from './events.js'
import {
  bumpCommunity,
  findAdoptions,
  findDuplicateLinks,
  findFeed,
  findPostById,
  findRevisions,
  findSeries,
  findThreadChildren,
  insertPost,
  insertRevision,
  replaceTags,
  updatePost,
  type PostRow,
} from './store.js'
import { parseJson, toPosts } from './views.js'

export function normaliseTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))].slice(0, 10)
}

/** A post the viewer may read (its community is open, or they belong to it); NotFound otherwise. */
export async function loadReadablePost(db: Db, viewer: Viewer, id: number): Promise<PostRow> {
  const row = await findPostById(db, id)
  if (!row || row.status === 'deleted') throw new NotFoundError('post_not_found', `no post ${id}`)
  const refs = await getCommunityRefs(db, [row.community_id])
  const ref = refs.get(row.community_id)
  if (!ref) throw new NotFoundError('post_not_found', `no post ${id}`)
  if (ref.visibility !== 'open' && !(await roleIn(db, viewer.id, row.community_id))) throw new NotFoundError('post_not_found', `no post ${id}`)
  return row
}

async function permsFor(db: Db, viewer: Viewer, communityIds: string[]) {
  const stewardOf = new Set<string>()
  for (const id of new Set(communityIds)) if ((await roleIn(db, viewer.id, id)) === 'steward') stewardOf.add(id)
  return { stewardOf }
}

/** Renders rows for the viewer. */
export async function renderPosts(db: Db, viewer: Viewer, rows: PostRow[]): Promise<Post[]> {
  return toPosts(db, viewer, rows, await permsFor(db, viewer, rows.map((r) => r.community_id)))
}

async function recordMentions(db: Db, actorId: string, body: string, communityId: string, topics: string[], postId: number): Promise<string[]> {
  const mentioned = await findPeopleByHandles(db, findMentions(body))
  await recordInteractions(
    db,
    mentioned.map((m) => ({ actorId, targetId: m.id, kind: 'mention', communityId, topics, weight: 0.5, ref: `post:${postId}` })),
  )
  return mentioned.map((m) => m.id).filter((id) => id !== actorId)
}

/** Posts a question, story, practice or lesson in a community. Lessons may be anonymous. */
export async function createPost(db: Db, viewer: Viewer, slug: string, body: CreatePost, events: KnowledgeEvents = {}): Promise<Post> {
  if (body.anonymous && body.kind !== 'lesson') throw new BadRequestError('anonymous_lessons_only', 'only lessons can be posted anonymously')
  if ((body.seriesId || body.seriesOrder) && body.kind !== 'story') throw new BadRequestError('series_stories_only', 'only stories can form a series')
  const tags = normaliseTags(body.tags)
  const { id, mentioned, communityId } = await db.transaction().execute(async (tx) => {
    const { row: community } = await communityForPosting(tx, viewer, slug)
    const now = nowIso()
    const id = await insertPost(tx, {
      community_id: community.id,
      kind: body.kind,
      parent_id: null,
      root_id: null,
      author_id: viewer.id,
      anonymous: body.anonymous ? 1 : 0,
      title: body.title.trim(),
      body: body.body,
      fields: JSON.stringify(body.fields ?? {}),
      tags: JSON.stringify(tags),
      accepted_answer_id: null,
      answer_count: 0,
      comment_count: 0,
      score: 0,
      series_id: body.kind === 'story' ? (body.seriesId ?? null) : null,
      series_order: body.kind === 'story' ? (body.seriesOrder ?? null) : null,
      status: 'active',
      source: 'wellspring',
      source_ref: null,
      source_url: null,
      created_at: now,
      updated_at: now,
      edited_at: null,
      last_activity_at: now,
    })
    await replaceTags(tx, id, tags)
    if (body.mediaIds?.length) await attachMedia(tx, viewer.id, id, body.mediaIds)
    await bumpCommunity(tx, community.id, now, 1)
    const mentioned = body.anonymous ? [] : await recordMentions(tx, viewer.id, body.body, community.id, tags, id)
    if (!body.anonymous) await applyPromotionRules(tx, community.id, viewer.id)
    return { id, mentioned, communityId: community.id }
  })
  const post = await getPostView(db, viewer, id)
  await notifyPostCreated(events, { post, authorId: viewer.id, communityId, mentioned, anonymous: Boolean(body.anonymous) })
  return post
}

/** Answers a question, or comments on any post. Both are logged as help to the parent's author. */
export async function createReply(db: Db, viewer: Viewer, parentId: number, kind: 'answer' | 'comment', body: CreateReply, events: KnowledgeEvents = {}): Promise<Post> {
  const { id, parent, mentioned } = await db.transaction().execute(async (tx) => {
    const parent = await loadReadablePost(tx, viewer, parentId)
    if (kind === 'answer' && parent.kind !== 'question') throw new BadRequestError('not_a_question', 'answers go on questions; comment instead')
    if (kind === 'comment' && parent.kind === 'comment') throw new BadRequestError('comment_on_comment', 'reply to the post, not to a comment')
    await ensureMemberForReply(tx, viewer.id, parent.community_id)
    const now = nowIso()
    const rootId = parent.root_id ?? parent.id
    const topics = parseJson<string[]>(parent.tags, [])
    const id = await insertPost(tx, {
      community_id: parent.community_id,
      kind,
      parent_id: parent.id,
      root_id: rootId,
      author_id: viewer.id,
      anonymous: 0,
      title: '',
      body: body.body,
      fields: '{}',
      tags: '[]',
      accepted_answer_id: null,
      answer_count: 0,
      comment_count: 0,
      score: 0,
      series_id: null,
      series_order: null,
      status: 'active',
      source: 'wellspring',
      source_ref: null,
      source_url: null,
      created_at: now,
      updated_at: now,
      edited_at: null,
      last_activity_at: now,
    })
    await updatePost(tx, parent.id, kind === 'answer' ? { answer_count: parent.answer_count + 1, last_activity_at: now } : { comment_count: parent.comment_count + 1 })
    if (rootId !== parent.id) await updatePost(tx, rootId, { last_activity_at: now })
    await bumpCommunity(tx, parent.community_id, now, 1)
    if (parent.author_id && parent.anonymous === 0) {
      await recordInteraction(tx, { actorId: viewer.id, targetId: parent.author_id, kind, communityId: parent.community_id, topics, weight: kind === 'answer' ? 1 : 0.3, ref: `post:${id}` })
    }
    const mentioned = await recordMentions(tx, viewer.id, body.body, parent.community_id, topics, id)
    await applyPromotionRules(tx, parent.community_id, viewer.id)
    return { id, parent, mentioned }
  })
  const post = await getPostView(db, viewer, id)
  await events.onReply?.({ post, parentAuthorId: parent.anonymous === 0 ? parent.author_id : null, parentId: parent.id, parentTitle: parent.title, communityId: parent.community_id, actorId: viewer.id, mentioned })
  return post
}

export async function getPostView(db: Db, viewer: Viewer, id: number): Promise<Post> {
  const row = await loadReadablePost(db, viewer, id)
  const [post] = await renderPosts(db, viewer, [row])
  return post as Post
}

/** A question with its answers (accepted first) and comments, or any other post with its comments. */
export async function getThread(db: Db, viewer: Viewer, id: number): Promise<Thread> {
  let row = await loadReadablePost(db, viewer, id)
  if (row.root_id) row = await loadReadablePost(db, viewer, row.root_id)
  const children = await findThreadChildren(db, row.id)
  const rendered = await renderPosts(db, viewer, [row, ...children])
  const [post, ...rest] = rendered as [Post, ...Post[]]
  const answers = rest
    .filter((p) => p.kind === 'answer')
    .sort((a, b) => Number(b.id === row.accepted_answer_id) - Number(a.id === row.accepted_answer_id) || b.score - a.score || a.createdAt.localeCompare(b.createdAt))
  const adoptionRows = row.kind === 'practice' ? await findAdoptions(db, row.id) : []
  const people = await getPersonSummaries(db, adoptionRows.map((a) => a.person_id))
  const communities = await getCommunityRefs(db, adoptionRows.map((a) => a.community_id).filter((c): c is string => Boolean(c)))
  return {
    post,
    answers,
    comments: rest.filter((p) => p.kind === 'comment'),
    duplicates: await findDuplicateLinks(db, row.id),
    series: row.series_id ? await findSeries(db, row.series_id, row.community_id) : [],
    adoptions: adoptionRows.map((a) => {
      const c = a.community_id ? communities.get(a.community_id) : undefined
      return { person: a.person_id ? (people.get(a.person_id) ?? null) : null, community: c ? { slug: c.slug, name: c.name } : null, note: a.note, at: a.at }
    }),
  }
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
    await insertRevision(tx, { id: newId(), post_id: row.id, editor_id: row.author_id, title: row.title, body: row.body, fields: row.fields, tags: row.tags, at: row.edited_at ?? row.created_at })
    const tags = patch.tags !== undefined ? normaliseTags(patch.tags) : undefined
    await updatePost(tx, row.id, {
      ...(patch.title !== undefined && { title: patch.title.trim() }),
      ...(patch.body !== undefined && { body: patch.body }),
      ...(patch.fields !== undefined && { fields: JSON.stringify(patch.fields) }),
      ...(tags !== undefined && { tags: JSON.stringify(tags) }),
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
    await updatePost(tx, row.id, { status: 'deleted', updated_at: nowIso() })
    if (row.parent_id) {
      const parent = await findPostById(tx, row.parent_id)
      if (parent && row.kind === 'answer') await updatePost(tx, parent.id, { answer_count: Math.max(0, parent.answer_count - 1), ...(parent.accepted_answer_id === row.id ? { accepted_answer_id: null } : {}) })
      if (parent && row.kind === 'comment') await updatePost(tx, parent.id, { comment_count: Math.max(0, parent.comment_count - 1) })
    }
    await bumpCommunity(tx, row.community_id, nowIso(), -1)
  })
}

export async function listRevisions(db: Db, viewer: Viewer, id: number) {
  const row = await loadReadablePost(db, viewer, id)
  const revisions = await findRevisions(db, row.id)
  const people = await getPersonSummaries(db, row.anonymous ? [] : revisions.map((r) => r.editor_id))
  return revisions.map((r) => ({ editor: r.editor_id ? (people.get(r.editor_id) ?? null) : null, title: r.title, body: r.body, tags: parseJson<string[]>(r.tags, []), at: r.at }))
}

/** The question's author (or a steward) accepts an answer, or clears the acceptance with null. */
export async function acceptAnswer(db: Db, viewer: Viewer, questionId: number, answerId: number | null, events: KnowledgeEvents = {}): Promise<Post> {
  const accepted = await db.transaction().execute(async (tx) => {
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
    if (!a || a.parent_id !== q.id || a.kind !== 'answer' || a.status !== 'active') throw new BadRequestError('not_an_answer', 'that is not an answer to this question')
    await updatePost(tx, q.id, { accepted_answer_id: a.id, last_activity_at: nowIso() })
    if (a.author_id && q.accepted_answer_id !== a.id) {
      await recordInteraction(tx, { actorId: viewer.id, targetId: a.author_id, kind: 'accept', communityId: q.community_id, topics: parseJson<string[]>(q.tags, []), weight: 2, ref: `post:${a.id}` })
    }
    return a
  })
  if (accepted?.author_id) await events.onAccepted?.({ answerAuthorId: accepted.author_id, questionId, actorId: viewer.id, communityId: accepted.community_id })
  return getPostView(db, viewer, questionId)
}

/** A page of a community's top-level posts. */
export async function getFeed(db: Db, viewer: Viewer, slug: string, query: FeedQuery): Promise<PostList> {
  const { row } = await loadReadableCommunity(db, viewer, slug)
  const limit = query.limit ?? 20
  let before: { at: string; id: number } | undefined
  if (query.cursor) {
    const [at, id] = query.cursor.split('|')
    if (!at || !id || !Number.isInteger(Number(id))) throw new BadRequestError('bad_cursor', 'that cursor is not valid')
    before = { at, id: Number(id) }
  }
  const rows = await findFeed(db, row.id, { kind: query.kind as PostKind | undefined, unanswered: query.unanswered, limit, before })
  const last = rows[rows.length - 1]
  return { items: await renderPosts(db, viewer, rows), nextCursor: rows.length === limit && last ? `${last.last_activity_at}|${last.id}` : null }
}
