import type { Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. Each discovery run stores the graph it ran on: one row per pair of people with a tie, with
// the decayed weight of their interactions, so that insights' manager tools (the reorg simulation, practice
// spread) read the run's graph instead of rebuilding it from the interaction log on every request. Weights
// are double precision on PostgreSQL (its `real` is single precision) so that a stored graph is the job's to
// the bit; SQLite's REAL is already a double. Only the latest runs keep their edges (the job prunes).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('discovered_edge')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('person_a', 'text', (c) => c.notNull())
    .addColumn('person_b', 'text', (c) => c.notNull())
    .addColumn('weight', isPostgres(db) ? 'double precision' : 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('discovered_edge_pk', ['run_id', 'person_a', 'person_b'])
    .execute()
  // Erasure deletes a person's edges from either end.
  await db.schema.createIndex('discovered_edge_a_idx').on('discovered_edge').column('person_a').execute()
  await db.schema.createIndex('discovered_edge_b_idx').on('discovered_edge').column('person_b').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('discovered_edge').ifExists().execute()
}
