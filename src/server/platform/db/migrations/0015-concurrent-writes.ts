import { sql, type Kysely } from 'kysely'

// Frozen in time. Requests that write the same rows at once.
//
// 1. "Once" rules that were only checked by reading first (thanks for a post, adopting a practice, a pending
//    join request, a pending erasure request) let duplicates sent at once all pass: unique indexes now hold
//    them. Duplicates already written are removed first, keeping the earliest of each.
// 2. Before this release, concurrent replies, deletes and joins on PostgreSQL wrote counters as the value read
//    at the start of the request plus one, so stored counts could fall behind (30 concurrent answers were
//    once counted as 5), and erasing a person left them in their communities' member counts. The counters now
//    move by increments in the statement; this counts them once from the rows themselves, with the
//    definitions the application keeps (active answers / comments whose parent is the post; active posts of
//    every kind in a community; memberships of a community). Only rows whose count is wrong are written.

/**
 * Deletes the rows of `table` that repeat an earlier row (by `at`, then id) on the `same` columns, among the
 * rows `scope` (a condition on the alias it is given) selects. Every name here is a constant of this file.
 */
async function deleteRepeats(db: Kysely<any>, table: string, same: string[], at: string, scope: (alias: string) => string): Promise<void> {
  const matches = same.map((c) => `d.${c} = ${table}.${c}`).join(' and ')
  const earlier = `(d.${at} < ${table}.${at} or (d.${at} = ${table}.${at} and d.id < ${table}.id))`
  await sql
    .raw(
      `delete from ${table} where ${scope(table)} and exists (select 1 from ${table} d where ${scope('d')} and ${matches} and ${earlier})`,
    )
    .execute(db)
}

export async function up(db: Kysely<any>): Promise<void> {
  await deleteRepeats(db, 'thanks', ['giver_id', 'post_id', 'kind'], 'at', (t) => `${t}.post_id is not null`)
  await db.schema
    .createIndex('thanks_once_idx')
    .on('thanks')
    .columns(['post_id', 'giver_id', 'kind'])
    .unique()
    .where(sql.ref('post_id'), 'is not', null)
    .execute()
  await deleteRepeats(db, 'adoption', ['post_id', 'person_id'], 'at', (t) => `${t}.community_id is null`)
  await db.schema
    .createIndex('adoption_person_once_idx')
    .on('adoption')
    .columns(['post_id', 'person_id'])
    .unique()
    .where(sql.ref('community_id'), 'is', null)
    .execute()
  await deleteRepeats(db, 'adoption', ['post_id', 'community_id'], 'at', (t) => `${t}.community_id is not null`)
  await db.schema
    .createIndex('adoption_community_once_idx')
    .on('adoption')
    .columns(['post_id', 'community_id'])
    .unique()
    .where(sql.ref('community_id'), 'is not', null)
    .execute()
  await deleteRepeats(db, 'join_request', ['community_id', 'person_id'], 'created_at', (t) => `${t}.status = 'pending'`)
  await db.schema
    .createIndex('join_request_pending_idx')
    .on('join_request')
    .columns(['community_id', 'person_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute()
  await deleteRepeats(db, 'erasure_request', ['person_id'], 'requested_at', (t) => `${t}.status = 'pending'`)
  await db.schema
    .createIndex('erasure_request_pending_idx')
    .on('erasure_request')
    .column('person_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute()
  await recount(db)
}

const children = (kind: string) =>
  sql`(select count(*) from post c where c.parent_id = post.id and c.kind = ${kind} and c.status = 'active')`
const posts = sql`(select count(*) from post p where p.community_id = community.id and p.status = 'active')`
const members = sql`(select count(*) from membership m where m.community_id = community.id)`

async function recount(db: Kysely<any>): Promise<void> {
  await sql`update post set answer_count = ${children('answer')}, comment_count = ${children('comment')}
    where answer_count <> ${children('answer')} or comment_count <> ${children('comment')}`.execute(db)
  await sql`update community set post_count = ${posts}, member_count = ${members}
    where post_count <> ${posts} or member_count <> ${members}`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'thanks_once_idx',
    'adoption_person_once_idx',
    'adoption_community_once_idx',
    'join_request_pending_idx',
    'erasure_request_pending_idx',
  ])
    await db.schema.dropIndex(index).ifExists().execute()
  // The counts it wrote are the true ones, and the duplicates it removed are not restored.
}
