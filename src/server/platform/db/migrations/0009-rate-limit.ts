import type { Kysely } from 'kysely'

// Frozen in time. Counters of the rate limits on authentication routes, shared by every app node (a limit kept
// in each node's memory would let a client multiply its attempts by the number of nodes). One row per client
// and route, in fixed windows: `window_start` is in milliseconds since the epoch.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rate_limit_window_idx').on('rate_limit').column('window_start').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit').ifExists().execute()
}
