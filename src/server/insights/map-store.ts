import type { Db } from '../platform/db/dialect.js'

// Queries of the network map and of trajectories, over community discovery's tables.

/** Finished runs that have a map (runs from before the map have none), newest first. */
export function findMappedRuns(db: Db, limit: number) {
  return db
    .selectFrom('discovery_run')
    .select(['id', 'finished_at', 'window_days'])
    .where('status', '=', 'done')
    .where('id', 'in', (eb) => eb.selectFrom('discovered_snapshot').select('run_id').where('x', 'is not', null))
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** Every person's tie weight into every community, in one run. */
export function findTiesOfRun(db: Db, runId: string) {
  return db.selectFrom('discovered_tie').select(['person_id', 'community_id', 'weight']).where('run_id', '=', runId).execute()
}

/** A person's own ties into communities in every run (their export). */
export function findTiesOf(db: Db, personId: string) {
  return db
    .selectFrom('discovered_tie')
    .select(['run_id', 'community_id', 'weight'])
    .where('person_id', '=', personId)
    .orderBy('run_id')
    .execute()
}

/** A person's place in each run that placed them (with a position), oldest first. */
export function findTrajectoryOf(db: Db, personId: string) {
  return db
    .selectFrom('discovered_member as m')
    .innerJoin('discovery_run as r', 'r.id', 'm.run_id')
    .select(['m.run_id', 'r.finished_at', 'm.person_id', 'm.community_id', 'm.role', 'm.position'])
    .where('m.person_id', '=', personId)
    .where('r.status', '=', 'done')
    .where('m.position', 'is not', null)
    .orderBy('r.finished_at')
    .orderBy('m.run_id')
    .execute()
}

/** Everyone's place in the given communities over every run (with a position), oldest first. */
export function findCommunityHistories(db: Db, communityIds: readonly string[]) {
  if (communityIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('discovered_member as m')
    .innerJoin('discovery_run as r', 'r.id', 'm.run_id')
    .select(['m.run_id', 'r.finished_at', 'm.person_id', 'm.community_id', 'm.role', 'm.position'])
    .where('m.community_id', 'in', communityIds)
    .where('r.status', '=', 'done')
    .where('m.position', 'is not', null)
    .orderBy('r.finished_at')
    .orderBy('m.run_id')
    .execute()
}

/** The latest snapshot of each of the given communities: its topics and size when last seen. */
export async function findLatestSnapshots(db: Db, communityIds: readonly string[]) {
  if (communityIds.length === 0) return new Map<string, { topics: string; size: number }>()
  const rows = await db
    .selectFrom('discovered_snapshot as s')
    .innerJoin('discovered_community as c', (j) => j.onRef('c.id', '=', 's.community_id').onRef('c.last_run_id', '=', 's.run_id'))
    .select(['s.community_id', 's.topics', 's.size'])
    .where('s.community_id', 'in', communityIds)
    .execute()
  return new Map(rows.map((r) => [r.community_id, { topics: r.topics, size: r.size }]))
}
