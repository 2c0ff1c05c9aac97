import type { Kysely } from 'kysely'

// Frozen in time. Community discovery (insights): each run of the discovery job, the discovered communities
// with an identity that lasts across runs, what each run found about each of them (size, distinctive topics,
// departments spanned, overlap with declared communities, suggested actions), and each person's position in
// the community a run put them in. Lists are JSON text, as elsewhere.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('discovery_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('window_days', 'integer', (c) => c.notNull())
    .addColumn('half_life_days', 'integer', (c) => c.notNull())
    .addColumn('resolution', 'real', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ties', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('communities', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('modularity', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('dormant', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('discovery_run_finished_idx').on('discovery_run').columns(['status', 'finished_at']).execute()

  await db.schema
    .createTable('discovered_community')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('first_run_id', 'text', (c) => c.notNull())
    .addColumn('last_run_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('discovered_snapshot')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('core_count', 'integer', (c) => c.notNull())
    .addColumn('bridge_count', 'integer', (c) => c.notNull())
    .addColumn('internal_weight', 'real', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('departments', 'text', (c) => c.notNull())
    .addColumn('declared', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('discovered_snapshot_pk', ['run_id', 'community_id'])
    .execute()

  await db.schema
    .createTable('discovered_member')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('strength', 'real', (c) => c.notNull())
    .addColumn('coreness', 'integer', (c) => c.notNull())
    .addColumn('participation', 'real', (c) => c.notNull())
    .addColumn('constraint_value', 'real', (c) => c.notNull())
    .addColumn('betweenness', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('discovered_member_pk', ['run_id', 'person_id'])
    .execute()
  await db.schema.createIndex('discovered_member_person_idx').on('discovered_member').columns(['person_id', 'run_id']).execute()
  await db.schema.createIndex('discovered_member_community_idx').on('discovered_member').columns(['run_id', 'community_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('discovered_member').ifExists().execute()
  await db.schema.dropTable('discovered_snapshot').ifExists().execute()
  await db.schema.dropTable('discovered_community').ifExists().execute()
  await db.schema.dropTable('discovery_run').ifExists().execute()
}
