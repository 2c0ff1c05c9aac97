import type { Db } from '../platform/db/dialect.js'
import type { PostKind } from '../../shared/knowledge.js'

// Queries behind knowledge's lookups for other domains: the expertise model's feed (asks), what the
// promotion rules count (communities), and what an import already brought in (imports).

/** A question or answer as the expertise model reads it. */
export interface ExpertisePostRow {
  id: number | string
  community_id: string
  kind: string
  parent_id: number | string | null
  author_id: string | null
  anonymous: number
  title: string
  body: string
  tags: string
  score: number
}

/** Active questions and answers after `afterId`, in id order. */
export function findQuestionsAndAnswersAfter(db: Db, afterId: number, limit: number): Promise<ExpertisePostRow[]> {
  return db
    .selectFrom('post')
    .select(EXPERTISE_COLUMNS)
    .where('id', '>', afterId)
    .where('kind', 'in', ['question', 'answer'])
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(limit)
    .execute()
}

const EXPERTISE_COLUMNS = ['id', 'community_id', 'kind', 'parent_id', 'author_id', 'anonymous', 'title', 'body', 'tags', 'score'] as const

/** Posts by id as the expertise model reads them, with their status (whatever their kind). */
export function findExpertisePostsByIds(db: Db, ids: number[]): Promise<(ExpertisePostRow & { status: string })[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('post')
    .select([...EXPERTISE_COLUMNS, 'status'])
    .where('id', 'in', ids)
    .execute()
}

/** Ids of the posts with `afterId` < id <= `upToId`, whatever their kind or status. */
export async function findPostIdsInRange(db: Db, afterId: number, upToId: number): Promise<number[]> {
  const rows = await db.selectFrom('post').select('id').where('id', '>', afterId).where('id', '<=', upToId).execute()
  return rows.map((r) => Number(r.id))
}

/** Each answer's score, its question's accepted answer, and the thanks it received. */
export function findAnswerSignals(
  db: Db,
  answerIds: number[],
): Promise<{ id: number | string; score: number; accepted_answer_id: number | string | null; thanks: number | string | null }[]> {
  return db
    .selectFrom('post as a')
    .leftJoin('post as q', 'q.id', 'a.parent_id')
    .select(['a.id', 'a.score', 'q.accepted_answer_id'])
    .select((eb) =>
      eb
        .selectFrom('thanks as t')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('t.post_id', '=', 'a.id')
        .as('thanks'),
    )
    .where('a.id', 'in', answerIds)
    .where('a.kind', '=', 'answer')
    .execute()
}

/** A person's active posts by kind, and thanks received, in one community. */
export async function countParticipation(
  db: Db,
  communityId: string,
  personId: string,
): Promise<{ questions: number; answers: number; posts: number; thanks: number }> {
  const posts = await db
    .selectFrom('post')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('community_id', '=', communityId)
    .where('author_id', '=', personId)
    .where('status', '=', 'active')
    .groupBy('kind')
    .execute()
  const thanks = await db
    .selectFrom('thanks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId)
    .where('receiver_id', '=', personId)
    .executeTakeFirstOrThrow()
  const by = (k: string) => Number(posts.find((p) => p.kind === k)?.n ?? 0)
  return {
    questions: by('question'),
    answers: by('answer'),
    posts: posts.reduce((s, p) => s + Number(p.n), 0),
    thanks: Number(thanks.n),
  }
}

/** Ids of the posts imported from `source` whose `source_ref` starts with `prefix`, by ref. */
export async function findImportedPostIds(db: Db, source: string, prefix: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('post')
    .select(['id', 'source_ref'])
    .where('source', '=', source)
    .where('source_ref', 'like', `${prefix}%`)
    .execute()
  return new Map(rows.map((r) => [r.source_ref as string, Number(r.id)]))
}

/** How many posts there are, of one kind, or only questions with an accepted answer. */
export async function countPostsWhere(db: Db, filter: { kind?: PostKind; withAcceptedAnswer?: boolean }): Promise<number> {
  let q = db.selectFrom('post').select((eb) => eb.fn.countAll<number>().as('n'))
  if (filter.kind) q = q.where('kind', '=', filter.kind)
  if (filter.withAcceptedAnswer) q = q.where('accepted_answer_id', 'is not', null)
  return Number((await q.executeTakeFirstOrThrow()).n)
}

/** How many links between posts there are, of one kind or all. */
export async function countLinksWhere(db: Db, kind?: 'duplicate' | 'related'): Promise<number> {
  let q = db.selectFrom('post_link').select((eb) => eb.fn.countAll<number>().as('n'))
  if (kind) q = q.where('kind', '=', kind)
  return Number((await q.executeTakeFirstOrThrow()).n)
}
