import type { Kysely } from 'kysely'

// Frozen in time. The network map and trajectories (insights): each discovery run stores where it placed every
// person (x, y) and how central they are in their community (position: 0 at the edge, 1 at the core), where it
// placed each community (a disc: x, y, radius), and each person's ties into each community, from which the
// map's links between communities are summed. Runs before this migration have no positions (null).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('discovered_member').addColumn('x', 'real').execute()
  await db.schema.alterTable('discovered_member').addColumn('y', 'real').execute()
  await db.schema.alterTable('discovered_member').addColumn('position', 'real').execute()
  await db.schema.alterTable('discovered_snapshot').addColumn('x', 'real').execute()
  await db.schema.alterTable('discovered_snapshot').addColumn('y', 'real').execute()
  await db.schema.alterTable('discovered_snapshot').addColumn('radius', 'real').execute()

  await db.schema
    .createTable('discovered_tie')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('discovered_tie_pk', ['run_id', 'person_id', 'community_id'])
    .execute()
  await db.schema.createIndex('discovered_tie_person_idx').on('discovered_tie').columns(['person_id', 'run_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('discovered_tie').ifExists().execute()
  for (const column of ['x', 'y', 'radius']) await db.schema.alterTable('discovered_snapshot').dropColumn(column).execute()
  for (const column of ['x', 'y', 'position']) await db.schema.alterTable('discovered_member').dropColumn(column).execute()
}
