import type { Db } from '../platform/db/dialect.js'

// Knowledge's evidence for learning maps (learning/map-*.ts): a community's practices and answered questions on
// given tags, and who answered well on them. Plain reads of knowledge's own tables; the caller has checked
// that the viewer may read the community, and decides whose names may be shown.

/** The tags on a community's active practice posts, most used first (a map's seed). */
export async function findPracticeTags(db: Db, communityId: string, limit: number): Promise<{ tag: string; posts: number }[]> {
  const rows = await db
    .selectFrom('post as p')
    .innerJoin('post_tag as t', 't.post_id', 'p.id')
    .select(['t.tag', (eb) => eb.fn.countAll<number>().as('posts')])
    .where('p.community_id', '=', communityId)
    .where('p.kind', '=', 'practice')
    .where('p.status', '=', 'active')
    .groupBy('t.tag')
    .orderBy('posts', 'desc')
    .orderBy('t.tag')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ tag: r.tag, posts: Number(r.posts) }))
}

/** Active practices and answered questions of a community on any of `tags`, newest first, each with the tag that matched. */
export async function findPostsOnTags(
  db: Db,
  communityId: string,
  tags: readonly string[],
  limit: number,
): Promise<{ id: number; kind: 'practice' | 'question'; title: string; tag: string }[]> {
  if (tags.length === 0) return []
  const rows = await db
    .selectFrom('post as p')
    .innerJoin('post_tag as t', 't.post_id', 'p.id')
    .select(['p.id', 'p.kind', 'p.title', 't.tag'])
    .where('p.community_id', '=', communityId)
    .where('p.status', '=', 'active')
    .where('t.tag', 'in', [...tags])
    .where((eb) => eb.or([eb('p.kind', '=', 'practice'), eb.and([eb('p.kind', '=', 'question'), eb('p.answer_count', '>', 0)])]))
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind as 'practice' | 'question', title: r.title, tag: r.tag }))
}

/**
 * Named answers in a community to questions on any of `tags` that the question accepted or that were voted up
 * or thanked, counted per author and tag. Anonymous answers name nobody.
 */
export async function findGoodAnswersOnTags(
  db: Db,
  communityId: string,
  tags: readonly string[],
): Promise<{ authorId: string; tag: string; accepted: number; upvoted: number }[]> {
  if (tags.length === 0) return []
  const rows = await db
    .selectFrom('post as a')
    .innerJoin('post as q', 'q.id', 'a.parent_id')
    .innerJoin('post_tag as t', 't.post_id', 'q.id')
    .select(['a.id', 'a.author_id', 't.tag', 'a.score', 'q.accepted_answer_id'])
    .select((eb) =>
      eb
        .selectFrom('thanks as th')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('th.post_id', '=', 'a.id')
        .as('thanks'),
    )
    .where('a.kind', '=', 'answer')
    .where('a.status', '=', 'active')
    .where('q.status', '=', 'active')
    .where('a.anonymous', '=', 0)
    .where('a.author_id', 'is not', null)
    .where('a.community_id', '=', communityId)
    .where('t.tag', 'in', [...tags])
    .execute()
  const out = new Map<string, { authorId: string; tag: string; accepted: number; upvoted: number }>()
  for (const r of rows) {
    const accepted = Number(r.accepted_answer_id) === Number(r.id)
    const upvoted = Number(r.score) + Number(r.thanks ?? 0) > 0
    if (!accepted && !upvoted) continue
    const key = `${r.author_id}\u0000${r.tag}`
    const entry = out.get(key) ?? { authorId: r.author_id!, tag: r.tag, accepted: 0, upvoted: 0 }
    if (accepted) entry.accepted += 1
    if (upvoted) entry.upvoted += 1
    out.set(key, entry)
  }
  return [...out.values()]
}

/** How many active answers one person gave in a community to questions on each of `tags`. */
export async function findAnswerCountsByTag(
  db: Db,
  personId: string,
  communityId: string,
  tags: readonly string[],
): Promise<Map<string, number>> {
  if (tags.length === 0) return new Map()
  const rows = await db
    .selectFrom('post as a')
    .innerJoin('post_tag as t', 't.post_id', 'a.parent_id')
    .select(['t.tag', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.kind', '=', 'answer')
    .where('a.status', '=', 'active')
    .where('a.author_id', '=', personId)
    .where('a.community_id', '=', communityId)
    .where('t.tag', 'in', [...tags])
    .groupBy('t.tag')
    .execute()
  return new Map(rows.map((r) => [r.tag, Number(r.n)]))
}
