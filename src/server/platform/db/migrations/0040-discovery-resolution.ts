import type { Kysely } from 'kysely'

// Frozen in time. Community discovery chooses its Leiden resolution itself (by stability across seeds) unless
// an admin fixed one: each run records how its resolution was set ('auto' or 'fixed'), the chosen candidate's
// stability (mean pairwise NMI across seeds; null for a fixed run, which measures none), and the figures of
// every candidate tried as JSON text. Runs from before were all fixed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('discovery_run')
    .addColumn('resolution_mode', 'text', (c) => c.notNull().defaultTo('fixed'))
    .execute()
  await db.schema.alterTable('discovery_run').addColumn('stability', 'real').execute()
  await db.schema
    .alterTable('discovery_run')
    .addColumn('resolution_trials', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['resolution_trials', 'stability', 'resolution_mode'])
    await db.schema.alterTable('discovery_run').dropColumn(column).execute()
}
