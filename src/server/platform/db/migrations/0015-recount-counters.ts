import { sql, type Kysely } from 'kysely'

// Frozen in time. Before this release, concurrent replies, deletes and joins on PostgreSQL wrote counters as
// the value read at the start of the request plus one, so stored counts could fall behind (30 concurrent
// answers were once counted as 5), and erasing a person left them in their communities' member counts. The
// counters now move by increments in the statement; this counts them once from the rows themselves, with the
// definitions the application keeps:
// - post.answer_count / comment_count: active answers / comments whose parent is the post;
// - community.post_count: active posts of every kind in the community;
// - community.member_count: memberships of the community.
// Only rows whose count is wrong are written, so a database without drift is left alone.

const children = (kind: string) =>
  sql`(select count(*) from post c where c.parent_id = post.id and c.kind = ${kind} and c.status = 'active')`
const posts = sql`(select count(*) from post p where p.community_id = community.id and p.status = 'active')`
const members = sql`(select count(*) from membership m where m.community_id = community.id)`

export async function up(db: Kysely<any>): Promise<void> {
  await sql`update post set answer_count = ${children('answer')}, comment_count = ${children('comment')}
    where answer_count <> ${children('answer')} or comment_count <> ${children('comment')}`.execute(db)
  await sql`update community set post_count = ${posts}, member_count = ${members}
    where post_count <> ${posts} or member_count <> ${members}`.execute(db)
}

// Nothing to undo: the counts it wrote are the true ones.
export async function down(): Promise<void> {}
