import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. Communities, memberships and their trajectories, posts of every kind, thanks, adoptions,
// media, the interaction log, notifications, and the full-text index of posts (FTS5 on SQLite, tsvector with
// GIN on PostgreSQL).

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)

  await db.schema.alterTable('person').addColumn('claim_key', 'text').execute()
  await db.schema
    .createIndex('person_claim_key_idx')
    .on('person')
    .column('claim_key')
    .unique()
    .where(sql.ref('claim_key'), 'is not', null)
    .execute()

  await db.schema
    .createTable('community')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('membership')
    .addColumn('community_id', 'text', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('following', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('role_since', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_pk', ['community_id', 'person_id'])
    .execute()
  await db.schema.createIndex('membership_person_idx').on('membership').column('person_id').execute()

  await db.schema
    .createTable('membership_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('from_role', 'text')
    .addColumn('to_role', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('membership_event_idx').on('membership_event').columns(['community_id', 'person_id', 'at']).execute()

  await db.schema
    .createTable('join_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute()
  await db.schema.createIndex('join_request_idx').on('join_request').columns(['community_id', 'status']).execute()

  await db.schema
    .createTable('post')
    .addColumn('id', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('community_id', 'text', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', pg ? 'bigint' : 'integer', (c) => c.references('post.id').onDelete('cascade'))
    .addColumn('root_id', pg ? 'bigint' : 'integer')
    .addColumn('author_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('accepted_answer_id', pg ? 'bigint' : 'integer')
    .addColumn('answer_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('series_id', 'text')
    .addColumn('series_order', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('wellspring'))
    .addColumn('source_ref', 'text')
    .addColumn('source_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('post_feed_idx').on('post').columns(['community_id', 'status', 'last_activity_at']).execute()
  await db.schema.createIndex('post_kind_idx').on('post').columns(['community_id', 'kind', 'created_at']).execute()
  await db.schema.createIndex('post_parent_idx').on('post').columns(['parent_id', 'created_at']).execute()
  await db.schema.createIndex('post_root_idx').on('post').column('root_id').execute()
  await db.schema.createIndex('post_author_idx').on('post').columns(['author_id', 'created_at']).execute()
  await db.schema.createIndex('post_series_idx').on('post').columns(['series_id', 'series_order']).execute()
  await db.schema
    .createIndex('post_source_idx')
    .on('post')
    .columns(['source', 'source_ref'])
    .unique()
    .where(sql.ref('source_ref'), 'is not', null)
    .execute()

  await db.schema
    .createTable('post_tag')
    .addColumn('post_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_tag_pk', ['post_id', 'tag'])
    .execute()
  await db.schema.createIndex('post_tag_tag_idx').on('post_tag').column('tag').execute()

  await db.schema
    .createTable('post_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('editor_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('post_revision_idx').on('post_revision').columns(['post_id', 'at']).execute()

  await db.schema
    .createTable('post_link')
    .addColumn('post_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('target_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_link_pk', ['post_id', 'target_id', 'kind'])
    .execute()

  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', pg ? 'bigint' : 'integer', (c) => c.references('post.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('transcript', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('captions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('media_post_idx').on('media').column('post_id').execute()

  await db.schema
    .createTable('thanks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('giver_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('receiver_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('post_id', pg ? 'bigint' : 'integer', (c) => c.references('post.id').onDelete('cascade'))
    .addColumn('community_id', 'text', (c) => c.references('community.id').onDelete('set null'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('thanks_receiver_idx').on('thanks').columns(['receiver_id', 'at']).execute()
  await db.schema.createIndex('thanks_giver_idx').on('thanks').columns(['giver_id', 'at']).execute()
  await db.schema.createIndex('thanks_post_idx').on('thanks').column('post_id').execute()

  await db.schema
    .createTable('adoption')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('community_id', 'text', (c) => c.references('community.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('adoption_post_idx').on('adoption').column('post_id').execute()

  await db.schema
    .createTable('interaction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text')
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ref', 'text')
    .execute()
  await db.schema.createIndex('interaction_actor_idx').on('interaction').columns(['actor_id', 'at']).execute()
  await db.schema.createIndex('interaction_target_idx').on('interaction').columns(['target_id', 'at']).execute()
  await db.schema.createIndex('interaction_community_idx').on('interaction').columns(['community_id', 'at']).execute()
  await db.schema.createIndex('interaction_ref_idx').on('interaction').columns(['source', 'kind', 'ref']).execute()

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'text')
    .addColumn('community_id', 'text')
    .addColumn('post_id', pg ? 'bigint' : 'integer')
    .addColumn('read_at', 'text')
    .addColumn('emailed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('notification_person_idx').on('notification').columns(['person_id', 'created_at']).execute()

  await db.schema
    .createTable('notification_pref')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('person.id').onDelete('cascade'))
    .addColumn('email_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('digest', 'text', (c) => c.notNull().defaultTo('weekly'))
    .addColumn('last_digest_at', 'text')
    .execute()

  await db.schema
    .createTable('qa_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('community.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('upload_key', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  if (pg) {
    await sql`alter table post add column search tsvector generated always as (
      setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
      setweight(to_tsvector('english', coalesce(tags, '')), 'B') ||
      setweight(to_tsvector('english', coalesce(body, '')), 'C')) stored`.execute(db)
    await sql`create index post_search_idx on post using gin (search)`.execute(db)
  } else {
    await sql`create virtual table post_fts using fts5(title, tags, body, content='post', content_rowid='id', tokenize='porter unicode61')`.execute(
      db,
    )
    await sql`create trigger post_fts_ai after insert on post begin
      insert into post_fts(rowid, title, tags, body) values (new.id, new.title, new.tags, new.body); end`.execute(db)
    await sql`create trigger post_fts_ad after delete on post begin
      insert into post_fts(post_fts, rowid, title, tags, body) values ('delete', old.id, old.title, old.tags, old.body); end`.execute(db)
    await sql`create trigger post_fts_au after update of title, tags, body on post begin
      insert into post_fts(post_fts, rowid, title, tags, body) values ('delete', old.id, old.title, old.tags, old.body);
      insert into post_fts(rowid, title, tags, body) values (new.id, new.title, new.tags, new.body); end`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists post_fts`.execute(db)
  for (const t of [
    'qa_import',
    'notification_pref',
    'notification',
    'interaction',
    'adoption',
    'thanks',
    'media',
    'post_link',
    'post_revision',
    'post_tag',
    'post',
    'join_request',
    'membership_event',
    'membership',
    'community',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
