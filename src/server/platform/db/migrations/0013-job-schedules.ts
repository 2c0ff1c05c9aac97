import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. Jobs gain a priority (claims take the lowest number first, then the oldest run_at) and a
// deduplication key, unique among unfinished jobs only: a finished job's key may be used again. Recurring
// schedules live in `schedule`, one row per name, so that every node agrees on when each one is next due.
// `notification_fanout` holds new posts waiting for their announcement to followers: one fan-out job per
// community works them off, instead of one job per post.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  await db.schema
    .alterTable('job')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(5))
    .execute()
  await db.schema.alterTable('job').addColumn('dedup_key', 'text').execute()
  await db.schema.dropIndex('job_claim_idx').execute()
  await db.schema.createIndex('job_claim_idx').on('job').columns(['status', 'priority', 'run_at']).execute()
  // Literal SQL: the predicate must read the same as the ON CONFLICT target of the enqueue that relies on it.
  await sql`create unique index job_dedup_idx on job (dedup_key) where status in ('queued', 'running') and dedup_key is not null`.execute(
    db,
  )

  await db.schema
    .createTable('schedule')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('every_ms', 'bigint', (c) => c.notNull())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('notification_fanout')
    .addColumn('post_id', pg ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('notification_fanout_community_idx').on('notification_fanout').columns(['community_id', 'post_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_fanout').ifExists().execute()
  await db.schema.dropTable('schedule').ifExists().execute()
  await db.schema.dropIndex('job_dedup_idx').ifExists().execute()
  await db.schema.dropIndex('job_claim_idx').ifExists().execute()
  await db.schema.createIndex('job_claim_idx').on('job').columns(['status', 'run_at']).execute()
  await db.schema.alterTable('job').dropColumn('dedup_key').execute()
  await db.schema.alterTable('job').dropColumn('priority').execute()
}
