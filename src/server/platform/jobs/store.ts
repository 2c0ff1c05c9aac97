import type { Db } from '../db/dialect.js'
import type { Tables } from '../db/tables.js'

export type JobRow = Tables['job']

export async function insertJob(db: Db, row: JobRow): Promise<void> {
  await db.insertInto('job').values(row).execute()
}

export function findJobById(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Jobs by id (a domain lists its imports with their jobs). */
export function findJobsByIds(db: Db, ids: string[]): Promise<JobRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('job').selectAll().where('id', 'in', ids).execute()
}

/** True when a job of this kind is waiting or running. */
export async function hasUnfinishedJob(db: Db, kind: string): Promise<boolean> {
  const row = await db
    .selectFrom('job')
    .select('id')
    .where('kind', '=', kind)
    .where('status', 'in', ['queued', 'running'])
    .limit(1)
    .executeTakeFirst()
  return Boolean(row)
}

/** Jobs in the given states (tests wait for the queue to settle). */
export function findJobsInStatus(db: Db, statuses: JobRow['status'][]): Promise<Pick<JobRow, 'kind' | 'status' | 'error'>[]> {
  return db.selectFrom('job').select(['kind', 'status', 'error']).where('status', 'in', statuses).execute()
}

/** Writes progress only while this worker still holds the job. */
export async function updateJobProgress(
  db: Db,
  id: string,
  workerId: string,
  fields: Pick<JobRow, 'progress' | 'progress_total' | 'progress_label' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('job').set(fields).where('id', '=', id).where('locked_by', '=', workerId).execute()
}

export async function extendJobLease(db: Db, id: string, workerId: string, lockedUntil: string): Promise<void> {
  await db
    .updateTable('job')
    .set({ locked_until: lockedUntil })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute()
}

/**
 * A job's report: the domain row's own copy (`ownCopy`), or else the JSON the job's handler returned once the
 * job is done (null before). The worker writes that result in the same statement that marks the job done, so
 * it is there whenever the status says done, while a domain row read by another statement may not have its
 * copy yet (PostgreSQL gives each statement its own snapshot).
 */
export function jobReport<T>(ownCopy: string | null, job: JobRow | undefined): T | null {
  const json = ownCopy ?? (job?.status === 'done' ? job.result : null)
  return json ? (JSON.parse(json) as T) : null
}

export async function finishJob(db: Db, id: string, workerId: string, fields: Partial<JobRow>): Promise<void> {
  await db.updateTable('job').set(fields).where('id', '=', id).where('locked_by', '=', workerId).execute()
}
