import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. Votes, flags and the search vocabulary.
//
// - post_vote: one vote per person per post, +1 or -1. post.score (since 0002) is the sum, moved by increments
//   in the vote's transaction; imported scores stay in it as they came.
// - post_flag: a member's report of a post (spam, rude, off-topic, other), open until a steward of the post's
//   community or an admin decides it (keep, hide, delete). One open flag per person per post.
// - search_term: the words of active posts' titles and tags, unstemmed, with how many posts use each; "did you
//   mean" picks corrections from it. Rebuilt by a job, so it may lag new posts by minutes.
export async function up(db: Kysely<any>): Promise<void> {
  const postId = isPostgres(db) ? 'bigint' : 'integer'
  await db.schema
    .createTable('post_vote')
    .addColumn('post_id', postId, (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull().check(sql`value in (-1, 1)`))
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_vote_pk', ['post_id', 'person_id'])
    .execute()
  await db.schema.createIndex('post_vote_person_idx').on('post_vote').columns(['person_id']).execute()

  await db.schema
    .createTable('post_flag')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', postId, (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('flagger_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('spam', 'rude', 'off_topic', 'other')`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('post_flag_queue_idx').on('post_flag').columns(['status', 'community_id', 'created_at']).execute()
  await db.schema.createIndex('post_flag_flagger_idx').on('post_flag').columns(['flagger_id', 'created_at']).execute()
  await db.schema.createIndex('post_flag_post_idx').on('post_flag').columns(['post_id']).execute()
  await db.schema
    .createIndex('post_flag_open_once_idx')
    .on('post_flag')
    .columns(['post_id', 'flagger_id'])
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute()

  await db.schema
    .createTable('search_term')
    .addColumn('term', 'text', (c) => c.primaryKey())
    .addColumn('first', 'text', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('posts', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('search_term_first_idx').on('search_term').columns(['first', 'length']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_term').execute()
  await db.schema.dropTable('post_flag').execute()
  await db.schema.dropTable('post_vote').execute()
}
