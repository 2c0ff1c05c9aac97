import type { Db } from '../platform/db/dialect.js'

/**
 * The tags of a person's active posts that name them (not anonymous ones), most used first: what they
 * actually write about, for recommendations. Queries knowledge's own tables.
 */
export async function findAuthorTags(db: Db, personId: string, limit: number): Promise<{ tag: string; posts: number }[]> {
  const rows = await db
    .selectFrom('post_tag as t')
    .innerJoin('post as p', 'p.id', 't.post_id')
    .select(['t.tag', (eb) => eb.fn.countAll<number>().as('posts')])
    .where('p.author_id', '=', personId)
    .where('p.anonymous', '=', 0)
    .where('p.status', '=', 'active')
    .groupBy('t.tag')
    .orderBy('posts', 'desc')
    .orderBy('t.tag')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ tag: r.tag, posts: Number(r.posts) }))
}
