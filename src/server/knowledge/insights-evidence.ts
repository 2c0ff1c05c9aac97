import type { Db } from '../platform/db/dialect.js'

// Knowledge's evidence for insights' manager tools (exclusion, knowledge at risk, practice spread): plain
// reads of knowledge's own tables. Callers decide who may see what; these return ids and counts, no content.

/** A question with no answer yet (active, not anonymous-filtered: the caller counts, it does not name). */
export interface UnansweredQuestionRow {
  id: number
  community_id: string
  author_id: string | null
  created_at: string
}

/** Active questions created before `before` that have no active answer. */
export async function findUnansweredQuestions(db: Db, before: string): Promise<UnansweredQuestionRow[]> {
  return db
    .selectFrom('post')
    .select(['id', 'community_id', 'author_id', 'created_at'])
    .where('kind', '=', 'question')
    .where('status', '=', 'active')
    .where('answer_count', '=', 0)
    .where('created_at', '<', before)
    .orderBy('id')
    .execute()
}

/**
 * Who answered on which topic since `since`, and in which community: active answers by named authors, tagged
 * by their question's tags (the caller leaves out communities the reader may not know of).
 */
export async function findAnswerersByTopic(
  db: Db,
  since: string,
): Promise<{ tag: string; author_id: string; community_id: string; answers: number }[]> {
  const rows = await db
    .selectFrom('post as a')
    .innerJoin('post_tag as t', 't.post_id', 'a.parent_id')
    .select(['t.tag', 'a.author_id', 'a.community_id', (eb) => eb.fn.countAll<number>().as('answers')])
    .where('a.kind', '=', 'answer')
    .where('a.status', '=', 'active')
    .where('a.anonymous', '=', 0)
    .where('a.author_id', 'is not', null)
    .where('a.created_at', '>', since)
    .groupBy(['t.tag', 'a.author_id', 'a.community_id'])
    .execute()
  return rows.map((r) => ({ tag: r.tag, author_id: r.author_id!, community_id: r.community_id, answers: Number(r.answers) }))
}

/** An active practice post and its tags. */
export interface PracticeRow {
  id: number
  community_id: string
  title: string
  tags: string
  created_at: string
}

/** Active practices, newest first. */
export function findPractices(db: Db): Promise<PracticeRow[]> {
  return db
    .selectFrom('post')
    .select(['id', 'community_id', 'title', 'tags', 'created_at'])
    .where('kind', '=', 'practice')
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Adoptions of the given practices: who adopted (a person, or the steward who adopted for a community) and when. */
export async function findAdoptionsOf(
  db: Db,
  postIds: number[],
): Promise<{ post_id: number; person_id: string | null; community_id: string | null; created_by: string | null; at: string }[]> {
  if (postIds.length === 0) return []
  const out = []
  for (let i = 0; i < postIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('adoption')
        .select(['post_id', 'person_id', 'community_id', 'created_by', 'at'])
        .where('post_id', 'in', postIds.slice(i, i + 500))
        .orderBy('at')
        .execute()),
    )
  return out.map((r) => ({ ...r, post_id: Number(r.post_id) }))
}
