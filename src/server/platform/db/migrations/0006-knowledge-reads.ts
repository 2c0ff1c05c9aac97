import { sql, type Kysely } from 'kysely'

// Frozen in time. For the knowledge read and write paths at scale (a million posts):
// - post.html, post.fields_html, post.render_version: a post's Markdown rendered when it is written, so feeds
//   and threads do not render on every read. render_version 0 (older rows, imports) means "not rendered":
//   readers render those themselves, and a newer renderer version does the same for stale renderings.
// - post(author_id, community_id, kind, status): the promotion rules count a person's posts by kind in one
//   community after every post; this answers from the index alone instead of reading all their posts.
// - post(community_id, last_activity_at) and post(community_id, kind, last_activity_at) for active top-level
//   posts: a community feed (of every kind, or of one) walks one newest first and stops after a page, without
//   stepping over answers and comments. They replace post_feed_idx.
// - thanks(receiver_id, community_id): thanks a person received in a community (promotion rules).
// - post_link(target_id): duplicate links are looked up from both ends.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('post').addColumn('html', 'text').execute()
  await db.schema.alterTable('post').addColumn('fields_html', 'text').execute()
  await db.schema
    .alterTable('post')
    .addColumn('render_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('post_participation_idx').on('post').columns(['author_id', 'community_id', 'kind', 'status']).execute()
  await db.schema
    .createIndex('post_top_feed_idx')
    .on('post')
    .columns(['community_id', 'last_activity_at'])
    .where(sql.ref('root_id'), 'is', null)
    .where(sql.ref('status'), '=', 'active')
    .execute()
  await db.schema
    .createIndex('post_top_kind_feed_idx')
    .on('post')
    .columns(['community_id', 'kind', 'last_activity_at'])
    .where(sql.ref('root_id'), 'is', null)
    .where(sql.ref('status'), '=', 'active')
    .execute()
  // Replaced by the two above; the planner would prefer it to them, and then step over answers and comments.
  await db.schema.dropIndex('post_feed_idx').execute()
  await db.schema.createIndex('thanks_receiver_community_idx').on('thanks').columns(['receiver_id', 'community_id']).execute()
  await db.schema.createIndex('post_link_target_idx').on('post_link').column('target_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('post_link_target_idx').ifExists().execute()
  await db.schema.dropIndex('thanks_receiver_community_idx').ifExists().execute()
  await db.schema.createIndex('post_feed_idx').on('post').columns(['community_id', 'status', 'last_activity_at']).execute()
  await db.schema.dropIndex('post_top_kind_feed_idx').ifExists().execute()
  await db.schema.dropIndex('post_top_feed_idx').ifExists().execute()
  await db.schema.dropIndex('post_participation_idx').ifExists().execute()
  await db.schema.alterTable('post').dropColumn('render_version').execute()
  await db.schema.alterTable('post').dropColumn('fields_html').execute()
  await db.schema.alterTable('post').dropColumn('html').execute()
}
