import { sql } from 'kysely'
import type { Db } from '../platform/db/dialect.js'

// Queries on post_vote, and the score column they move.

/** Takes back a person's vote on a post; returns the value it had, or 0 when there was none. */
export async function deleteVote(db: Db, postId: number, personId: string): Promise<number> {
  const gone = await db
    .deleteFrom('post_vote')
    .where('post_id', '=', postId)
    .where('person_id', '=', personId)
    .returning('value')
    .executeTakeFirst()
  return gone ? Number(gone.value) : 0
}

export async function insertVote(db: Db, row: { post_id: number; person_id: string; value: number; at: string }): Promise<void> {
  await db.insertInto('post_vote').values(row).execute()
}

/**
 * Moves a post's score by `delta` in the statement (concurrent votes each count), and returns the new score.
 */
export async function bumpScore(db: Db, postId: number, delta: number): Promise<number> {
  if (delta === 0) {
    const row = await db.selectFrom('post').select('score').where('id', '=', postId).executeTakeFirstOrThrow()
    return Number(row.score)
  }
  const row = await db
    .updateTable('post')
    .set({ score: sql<number>`score + ${sql.lit(delta)}` })
    .where('id', '=', postId)
    .returning('score')
    .executeTakeFirstOrThrow()
  return Number(row.score)
}

/** A person's votes on the given posts. */
export async function findVotesOf(db: Db, personId: string, postIds: number[]): Promise<{ post_id: number; value: number }[]> {
  if (postIds.length === 0) return []
  const rows = await db
    .selectFrom('post_vote')
    .select(['post_id', 'value'])
    .where('person_id', '=', personId)
    .where('post_id', 'in', postIds)
    .execute()
  return rows.map((r) => ({ post_id: Number(r.post_id), value: Number(r.value) }))
}

/**
 * Votes received by each of `authorIds` on their active, non-anonymous questions and answers: up and down
 * votes cast here, and the net score of what they wrote (imported scores included).
 */
export async function findVoteTotals(
  db: Db,
  authorIds: string[],
): Promise<{ author_id: string; kind: string; up: number; down: number; score: number; posts: number }[]> {
  if (authorIds.length === 0) return []
  const rows = await db
    .selectFrom('post as p')
    .leftJoin('post_vote as v', 'v.post_id', 'p.id')
    .select([
      'p.author_id',
      'p.kind',
      sql<number>`coalesce(sum(case when v.value > 0 then 1 else 0 end), 0)`.as('up'),
      sql<number>`coalesce(sum(case when v.value < 0 then 1 else 0 end), 0)`.as('down'),
      sql<number>`count(distinct p.id)`.as('posts'),
    ])
    .where('p.author_id', 'in', authorIds)
    .where('p.anonymous', '=', 0)
    .where('p.status', '=', 'active')
    .where('p.kind', 'in', ['question', 'answer'])
    .groupBy(['p.author_id', 'p.kind'])
    .execute()
  const scores = await db
    .selectFrom('post')
    .select(['author_id', 'kind', sql<number>`sum(score)`.as('score')])
    .where('author_id', 'in', authorIds)
    .where('anonymous', '=', 0)
    .where('status', '=', 'active')
    .where('kind', 'in', ['question', 'answer'])
    .groupBy(['author_id', 'kind'])
    .execute()
  const scoreOf = new Map(scores.map((s) => [`${s.author_id}\u0000${s.kind}`, Number(s.score)]))
  return rows.map((r) => ({
    author_id: r.author_id as string,
    kind: r.kind,
    up: Number(r.up),
    down: Number(r.down),
    posts: Number(r.posts),
    score: scoreOf.get(`${r.author_id}\u0000${r.kind}`) ?? 0,
  }))
}

/** Every vote a person cast (their data export). */
export function findVotesBy(db: Db, personId: string) {
  return db.selectFrom('post_vote').select(['post_id', 'value', 'at']).where('person_id', '=', personId).orderBy('at').execute()
}

/** Removes a person's votes (erasure). The scores they moved stay: a vote is kept as a count, naming nobody. */
export async function deleteVotesBy(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('post_vote').where('person_id', '=', personId).execute()
}
