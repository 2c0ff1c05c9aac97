import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

// Queries of community discovery's tables (and its reads of the interaction log).

export type DiscoveryRunRow = Tables['discovery_run']
export type DiscoveredSnapshotRow = Tables['discovered_snapshot']
export type DiscoveredMemberRow = Tables['discovered_member']

/** Rows per multi-row insert: within both dialects' bound-parameter limits for tables of up to 10 columns. */
const BATCH = 500

export async function insertDiscoveryRun(db: Db, row: DiscoveryRunRow): Promise<void> {
  await db.insertInto('discovery_run').values(row).execute()
}

export async function updateDiscoveryRun(db: Db, id: string, patch: Partial<DiscoveryRunRow>): Promise<void> {
  await db.updateTable('discovery_run').set(patch).where('id', '=', id).execute()
}

export function findDiscoveryRunById(db: Db, id: string) {
  return db.selectFrom('discovery_run').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The most recent finished run, if any. */
export function findLatestDoneRun(db: Db) {
  return db
    .selectFrom('discovery_run')
    .selectAll()
    .where('status', '=', 'done')
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Finished runs, newest first. */
export function findDoneRuns(db: Db, limit: number) {
  return db.selectFrom('discovery_run').selectAll().where('status', '=', 'done').orderBy('finished_at', 'desc').limit(limit).execute()
}

/** Person-to-person interactions after `since`, for the graph. */
export function findTiesSince(db: Db, since: string) {
  return db
    .selectFrom('interaction')
    .select(['actor_id', 'target_id', 'topics', 'weight', 'at'])
    .where('at', '>', since)
    .where('target_id', 'is not', null)
    .execute()
}

/** How many interactions each community saw after `since`. */
export async function countInteractionsByCommunity(db: Db, since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('interaction')
    .select(['community_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('at', '>', since)
    .where('community_id', 'is not', null)
    .groupBy('community_id')
    .execute()
  return new Map(rows.map((r) => [r.community_id as string, Number(r.n)]))
}

export async function insertDiscoveredCommunities(db: Db, rows: Tables['discovered_community'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto('discovered_community')
      .values(rows.slice(i, i + BATCH))
      .execute()
}

export async function markCommunitiesSeen(db: Db, ids: string[], runId: string): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH)
    await db
      .updateTable('discovered_community')
      .set({ last_run_id: runId })
      .where('id', 'in', ids.slice(i, i + BATCH))
      .execute()
}

export async function insertSnapshots(db: Db, rows: DiscoveredSnapshotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto('discovered_snapshot')
      .values(rows.slice(i, i + BATCH))
      .execute()
}

export async function insertMembers(db: Db, rows: DiscoveredMemberRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto('discovered_member')
      .values(rows.slice(i, i + BATCH))
      .execute()
}

export async function insertTies(db: Db, rows: Tables['discovered_tie'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto('discovered_tie')
      .values(rows.slice(i, i + BATCH))
      .execute()
}

export async function insertEdges(db: Db, rows: Tables['discovered_edge'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto('discovered_edge')
      .values(rows.slice(i, i + BATCH))
      .execute()
}

/** The graph a run ran on, each tie once. */
export function findEdgesOfRun(db: Db, runId: string) {
  return db.selectFrom('discovered_edge').select(['person_a', 'person_b', 'weight']).where('run_id', '=', runId).execute()
}

/** Drops the stored graphs of every run but `keep`. */
export async function deleteEdgesExcept(db: Db, keep: string[]): Promise<void> {
  await db.deleteFrom('discovered_edge').where('run_id', 'not in', keep).execute()
}

/** A person's ties in the stored graphs, without the other person (see personal-data.ts). */
export function findEdgesOf(db: Db, personId: string) {
  return db
    .selectFrom('discovered_edge as e')
    .innerJoin('discovery_run as r', 'r.id', 'e.run_id')
    .select(['r.finished_at', 'e.weight'])
    .where((eb) => eb.or([eb('e.person_a', '=', personId), eb('e.person_b', '=', personId)]))
    .orderBy('r.finished_at')
    .orderBy('e.weight', 'desc')
    .execute()
}

/** Everyone a run placed, with their community and position. */
export function findMembersOfRun(db: Db, runId: string) {
  return db.selectFrom('discovered_member').selectAll().where('run_id', '=', runId).execute()
}

/** A run's snapshots, largest community first. */
export function findSnapshotsOfRun(db: Db, runId: string) {
  return db
    .selectFrom('discovered_snapshot')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('size', 'desc')
    .orderBy('community_id')
    .execute()
}

/** Sizes of the given communities in every finished run, oldest run first (trends). */
export function findSizeHistory(db: Db, communityIds: string[]) {
  if (communityIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('discovered_snapshot as s')
    .innerJoin('discovery_run as r', 'r.id', 's.run_id')
    .select(['s.community_id', 's.size', 'r.finished_at'])
    .where('r.status', '=', 'done')
    .where('s.community_id', 'in', communityIds)
    .orderBy('r.finished_at')
    .execute()
}

/** A person's positions in every run (their own network data). */
export function findPositionsOf(db: Db, personId: string) {
  return db
    .selectFrom('discovered_member as m')
    .innerJoin('discovery_run as r', 'r.id', 'm.run_id')
    .select([
      'r.finished_at',
      'm.community_id',
      'm.role',
      'm.strength',
      'm.coreness',
      'm.participation',
      'm.constraint_value',
      'm.betweenness',
    ])
    .where('m.person_id', '=', personId)
    .orderBy('r.finished_at')
    .execute()
}

export async function deletePositionsOf(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('discovered_member').where('person_id', '=', personId).execute()
  await db.deleteFrom('discovered_tie').where('person_id', '=', personId).execute()
  await db
    .deleteFrom('discovered_edge')
    .where((eb) => eb.or([eb('person_a', '=', personId), eb('person_b', '=', personId)]))
    .execute()
}
