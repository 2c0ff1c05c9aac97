import { sql } from 'kysely'
import type { Db } from '../platform/db/dialect.js'

// What others said of a person's work on some topics: thanks and "learned from" received on posts in
// those topics, and practices they wrote on them. The router shows these as reasons beside the answers it
// chose someone for. Only active posts in the given communities count, and anonymous posts never do: an
// anonymous author is not named by a reason any more than by the post.

/** Thanks of one kind a person received on posts (or in threads) tagged with `tag`. */
export interface TopicThanksRow {
  person_id: string
  tag: string
  kind: 'thanks' | 'learned'
  n: number
}

/** A practice a person wrote, with the topic it shares with the question. */
export interface TopicPracticeRow {
  person_id: string
  tag: string
  id: number
  title: string
  community_id: string
}

/**
 * Thanks and "learned from" received by each of `personIds` on posts whose thread carries one of `tags`,
 * in `communityIds`, counted per person, tag and kind.
 */
export async function findTopicThanks(db: Db, personIds: string[], tags: string[], communityIds: string[]): Promise<TopicThanksRow[]> {
  if (personIds.length === 0 || tags.length === 0 || communityIds.length === 0) return []
  const rows = await db
    .selectFrom('thanks as t')
    .innerJoin('post as p', 'p.id', 't.post_id')
    // Answers carry no tags of their own: their thread's root does.
    .innerJoin('post_tag as pt', (j) => j.on(sql`pt.post_id`, '=', sql`coalesce(p.root_id, p.id)`))
    .select(['t.receiver_id', 'pt.tag', 't.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.receiver_id', 'in', personIds)
    .where('pt.tag', 'in', tags)
    .where('p.status', '=', 'active')
    .where('p.anonymous', '=', 0)
    .where('p.community_id', 'in', communityIds)
    .groupBy(['t.receiver_id', 'pt.tag', 't.kind'])
    .execute()
  return rows.map((r) => ({ person_id: r.receiver_id!, tag: r.tag, kind: r.kind === 'learned' ? 'learned' : 'thanks', n: Number(r.n) }))
}

/** Active, named practices written by `personIds` tagged with one of `tags`, in `communityIds`, newest first. */
export async function findTopicPractices(db: Db, personIds: string[], tags: string[], communityIds: string[]): Promise<TopicPracticeRow[]> {
  if (personIds.length === 0 || tags.length === 0 || communityIds.length === 0) return []
  const rows = await db
    .selectFrom('post as p')
    .innerJoin('post_tag as pt', 'pt.post_id', 'p.id')
    .select(['p.author_id', 'pt.tag', 'p.id', 'p.title', 'p.community_id'])
    .where('p.kind', '=', 'practice')
    .where('p.author_id', 'in', personIds)
    .where('pt.tag', 'in', tags)
    .where('p.status', '=', 'active')
    .where('p.anonymous', '=', 0)
    .where('p.community_id', 'in', communityIds)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute()
  return rows.map((r) => ({ person_id: r.author_id!, tag: r.tag, id: Number(r.id), title: r.title, community_id: r.community_id }))
}
