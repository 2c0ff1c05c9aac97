import { sql } from 'kysely'
import type { Db } from '../platform/db/dialect.js'
import { prepareQuery } from '../platform/db/prepared.js'
import type { PostKind } from '../../shared/knowledge.js'
import type { Tables } from '../platform/db/tables.js'
import { EXCERPT_SOURCE_LENGTH } from './markdown.js'

type PostTable = Tables['post']
export type PostRow = Omit<PostTable, 'id'> & { id: number }
export type NewPost = Omit<PostTable, 'id'>

const TOP_LEVEL: PostKind[] = ['question', 'story', 'practice', 'lesson']

export async function insertPost(db: Db, row: NewPost): Promise<number> {
  const result = await db.insertInto('post').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(result.id)
}

// Every thread, post view and reply reads a post by id, so the query is built and compiled once.
const selectPostById = prepareQuery((db: Db, id: number) => db.selectFrom('post').selectAll().where('id', '=', id))

export async function findPostById(db: Db, id: number): Promise<PostRow | undefined> {
  const row = (await selectPostById(db, id))[0]
  return row ? { ...row, id: Number(row.id) } : undefined
}

function normalise(rows: (Omit<PostRow, 'id'> & { id: number | string })[]): PostRow[] {
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    parent_id: r.parent_id === null ? null : Number(r.parent_id),
    root_id: r.root_id === null ? null : Number(r.root_id),
    accepted_answer_id: r.accepted_answer_id === null ? null : Number(r.accepted_answer_id),
  }))
}

export async function findPostsByIds(db: Db, ids: number[]): Promise<PostRow[]> {
  if (ids.length === 0) return []
  return normalise(await db.selectFrom('post').selectAll().where('id', 'in', ids).execute())
}

export async function updatePost(db: Db, id: number, fields: Partial<NewPost>): Promise<void> {
  await db.updateTable('post').set(fields).where('id', '=', id).execute()
}

/**
 * Marks an active post deleted; false when it was not active any more (a concurrent delete got there first,
 * and only one of them may move the counts).
 */
export async function markPostDeleted(db: Db, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('post')
    .set({ status: 'deleted', updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertRevision(db: Db, row: Tables['post_revision']): Promise<void> {
  await db.insertInto('post_revision').values(row).execute()
}

export function findRevisions(db: Db, postId: number) {
  return db.selectFrom('post_revision').selectAll().where('post_id', '=', postId).orderBy('at', 'desc').execute()
}

export async function replaceTags(db: Db, postId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('post_tag').where('post_id', '=', postId).execute()
  await insertTags(db, postId, tags)
}

/** Tags of a post that has none yet (a new one). */
export async function insertTags(db: Db, postId: number, tags: string[]): Promise<void> {
  if (tags.length)
    await db
      .insertInto('post_tag')
      .values(tags.map((tag) => ({ post_id: postId, tag })))
      .execute()
}

/**
 * What a list of posts reads of each row: no body (only its start, for the excerpt), no rendering. A post's
 * row is large and its body sits on overflow pages; the rendered html and fields_html come after every
 * column here, so a list never walks their pages, and substr() keeps the rest of the body out of JS.
 */
export interface SummaryRow {
  id: number
  community_id: string
  kind: PostKind
  title: string
  body_head: string
  tags: string
  author_id: string | null
  anonymous: number
  accepted_answer_id: number | null
  answer_count: number
  comment_count: number
  score: number
  created_at: string
  last_activity_at: string
}

// Qualified by the alias both list queries give post ("p").
const SUMMARY_COLUMNS = [
  'p.id',
  'p.community_id',
  'p.kind',
  'p.title',
  sql<string>`substr(p.body, 1, ${sql.lit(EXCERPT_SOURCE_LENGTH)})`.as('body_head'),
  'p.tags',
  'p.author_id',
  'p.anonymous',
  'p.accepted_answer_id',
  'p.answer_count',
  'p.comment_count',
  'p.score',
  'p.created_at',
  'p.last_activity_at',
] as const

function normaliseSummaries(
  rows: (Omit<SummaryRow, 'id' | 'accepted_answer_id'> & { id: number | string; accepted_answer_id: number | string | null })[],
): SummaryRow[] {
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    accepted_answer_id: r.accepted_answer_id === null ? null : Number(r.accepted_answer_id),
  }))
}

/**
 * Active top-level posts of a community. root_id is null (top-level kinds have no root) and the literal
 * 'active' match the partial indexes post_top_feed_idx and post_top_kind_feed_idx, which hold only these
 * posts in feed order.
 */
function topLevelPosts(db: Db, communityId: string) {
  return db
    .selectFrom('post as p')
    .select(SUMMARY_COLUMNS)
    .where('p.community_id', '=', communityId)
    .where('p.status', '=', sql.lit('active'))
    .where('p.root_id', 'is', null)
}

// The first page of a community's feed is the most common read of all, so its query is built once.
const selectFirstFeedPage = prepareQuery((db: Db, communityId: string, limit: number) =>
  topLevelPosts(db, communityId).where('kind', 'in', TOP_LEVEL).orderBy('last_activity_at', 'desc').orderBy('id', 'desc').limit(limit),
)

/** Summaries of a community's top-level posts, most recently active first, after an optional (time, id) cursor. */
export async function findFeed(
  db: Db,
  communityId: string,
  opts: { kind?: PostKind; unanswered?: boolean; limit: number; before?: { at: string; id: number } },
): Promise<SummaryRow[]> {
  if (!opts.kind && !opts.unanswered && !opts.before) return normaliseSummaries(await selectFirstFeedPage(db, communityId, opts.limit))
  let q = topLevelPosts(db, communityId)
  q = opts.kind ? q.where('kind', '=', opts.kind) : q.where('kind', 'in', TOP_LEVEL)
  if (opts.unanswered) q = q.where('answer_count', '=', 0).where('closed_at', 'is', null)
  if (opts.before) {
    const { at, id } = opts.before
    q = q.where((eb) => eb.or([eb('last_activity_at', '<', at), eb.and([eb('last_activity_at', '=', at), eb('id', '<', id)])]))
  }
  return normaliseSummaries(await q.orderBy('last_activity_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute())
}

/**
 * Summaries of a community's unanswered questions, those asked by `newcomerIds` first, then oldest first.
 * The newcomers come from the communities domain (communities' roles are theirs to read).
 */
export async function findWaitingQuestions(
  db: Db,
  communityId: string,
  newcomerIds: string[],
  limit: number,
): Promise<(SummaryRow & { by_newcomer: number })[]> {
  const byNewcomer =
    newcomerIds.length > 0 ? sql<number>`case when p.author_id in (${sql.join(newcomerIds)}) then 1 else 0 end` : sql<number>`0`
  const rows = await db
    .selectFrom('post as p')
    .select(SUMMARY_COLUMNS)
    .select(byNewcomer.as('by_newcomer'))
    .where('p.community_id', '=', communityId)
    .where('p.kind', '=', 'question')
    .where('p.status', '=', 'active')
    .where('p.answer_count', '=', 0)
    // Closed at its source (an import): nobody is waiting for an answer to it here.
    .where('p.closed_at', 'is', null)
    .orderBy('by_newcomer', 'desc')
    .orderBy('p.created_at', 'asc')
    .limit(limit)
    .execute()
  return normaliseSummaries(rows).map((r, i) => ({ ...r, by_newcomer: Number(rows[i]?.by_newcomer ?? 0) }))
}

const selectThreadChildren = prepareQuery((db: Db, rootId: number) =>
  db.selectFrom('post').selectAll().where('root_id', '=', rootId).where('status', '=', 'active').orderBy('created_at').orderBy('id'),
)

/** Answers and comments below a root post. */
export async function findThreadChildren(db: Db, rootId: number): Promise<PostRow[]> {
  return normalise(await selectThreadChildren(db, rootId))
}

/** Who has replied (an active answer or comment) below each of these root posts, by root. */
export async function findReplierIds(db: Db, rootIds: number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>()
  if (rootIds.length === 0) return out
  const rows = await db
    .selectFrom('post')
    .select(['root_id', 'author_id'])
    .where('root_id', 'in', rootIds)
    .where('status', '=', 'active')
    .where('author_id', 'is not', null)
    .execute()
  for (const r of rows) {
    const root = Number(r.root_id)
    let set = out.get(root)
    if (!set) out.set(root, (set = new Set()))
    set.add(r.author_id as string)
  }
  return out
}

/** The chapters of a story series. Series ids are chosen by authors, so the same id in another community is another series. */
export async function findSeries(db: Db, seriesId: string, communityId: string) {
  const rows = await db
    .selectFrom('post')
    .select(['id', 'title', 'series_order'])
    .where('series_id', '=', seriesId)
    .where('community_id', '=', communityId)
    .where('kind', '=', 'story')
    .where('status', '=', 'active')
    .orderBy('series_order')
    .execute()
  return rows.map((r) => ({ id: Number(r.id), title: r.title, order: r.series_order ?? 0 }))
}

// Every thread view asks, and most have no links: one query, built once, served by the indexes on both ends.
const selectDuplicateLinks = prepareQuery((db: Db, postId: number) =>
  db
    .selectFrom('post_link')
    .select(['post_id', 'target_id'])
    .where('kind', '=', 'duplicate')
    .where((eb) => eb.or([eb('post_id', '=', postId), eb('target_id', '=', postId)])),
)

export async function findDuplicateLinks(db: Db, postId: number): Promise<{ id: number; title: string }[]> {
  const links = await selectDuplicateLinks(db, postId)
  const ids = [...new Set(links.map((l) => (Number(l.post_id) === postId ? Number(l.target_id) : Number(l.post_id))))]
  const rows = await findPostsByIds(db, ids)
  return rows.filter((r) => r.status === 'active').map((r) => ({ id: r.id, title: r.title }))
}

/** Thanks, "learned" and adoption counts per post. */
export async function countReactions(
  db: Db,
  postIds: number[],
): Promise<Map<number, { thanks: number; learned: number; adoptions: number }>> {
  const map = new Map<number, { thanks: number; learned: number; adoptions: number }>()
  if (postIds.length === 0) return map
  for (const id of postIds) map.set(id, { thanks: 0, learned: 0, adoptions: 0 })
  const thanks = await db
    .selectFrom('thanks')
    .select(['post_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('post_id', 'in', postIds)
    .groupBy(['post_id', 'kind'])
    .execute()
  for (const t of thanks) {
    const entry = map.get(Number(t.post_id))
    if (entry) entry[t.kind === 'learned' ? 'learned' : 'thanks'] = Number(t.n)
  }
  const adoptions = await db
    .selectFrom('adoption')
    .select(['post_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('post_id', 'in', postIds)
    .groupBy('post_id')
    .execute()
  for (const a of adoptions) {
    const entry = map.get(Number(a.post_id))
    if (entry) entry.adoptions = Number(a.n)
  }
  return map
}

export async function findMediaForPosts(db: Db, postIds: number[]): Promise<Tables['media'][]> {
  if (postIds.length === 0) return []
  return db.selectFrom('media').selectAll().where('post_id', 'in', postIds).orderBy('created_at').execute()
}

export async function insertThanks(db: Db, row: Tables['thanks']): Promise<void> {
  await db.insertInto('thanks').values(row).execute()
}

export async function insertAdoption(db: Db, row: Tables['adoption']): Promise<void> {
  await db.insertInto('adoption').values(row).execute()
}

export function findAdoptions(db: Db, postId: number) {
  return db.selectFrom('adoption').selectAll().where('post_id', '=', postId).orderBy('at').execute()
}

/** Thanks given or received by a person, newest first. */
export function findThanksOf(db: Db, personId: string, side: 'giver_id' | 'receiver_id', limit: number) {
  return db.selectFrom('thanks').selectAll().where(side, '=', personId).orderBy('at', 'desc').limit(limit).execute()
}

export async function countAnswers(db: Db, personId: string): Promise<{ answers: number; accepted: number }> {
  const answers = await db
    .selectFrom('post')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', personId)
    .where('kind', '=', 'answer')
    .where('status', '=', 'active')
    .where('anonymous', '=', 0)
    .executeTakeFirstOrThrow()
  const accepted = await db
    .selectFrom('post as a')
    .innerJoin('post as q', 'q.accepted_answer_id', 'a.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.author_id', '=', personId)
    .where('a.status', '=', 'active')
    .executeTakeFirstOrThrow()
  return { answers: Number(answers.n), accepted: Number(accepted.n) }
}

/**
 * A post's answer or comment count moves by `delta` in the statement itself, never below zero: concurrent
 * replies each count (a value read first and written back plus one lost all but one of them on PostgreSQL).
 * `at`, when given, becomes the post's last activity.
 */
export async function bumpReplyCount(db: Db, postId: number, kind: 'answer' | 'comment', delta: 1 | -1, at?: string): Promise<void> {
  const column = kind === 'answer' ? 'answer_count' : 'comment_count'
  const moved = sql`${sql.ref(column)} + ${sql.lit(delta)}`
  const counted = sql<number>`case when ${moved} < 0 then 0 else ${moved} end`
  await db
    .updateTable('post')
    .set({ [column]: counted, ...(at !== undefined && { last_activity_at: at }) })
    .where('id', '=', postId)
    .execute()
}

/** Clears a question's accepted answer only if it is still `answerId` (someone may have accepted another meanwhile). */
export async function clearAcceptedAnswer(db: Db, questionId: number, answerId: number): Promise<void> {
  await db
    .updateTable('post')
    .set({ accepted_answer_id: null })
    .where('id', '=', questionId)
    .where('accepted_answer_id', '=', answerId)
    .execute()
}
