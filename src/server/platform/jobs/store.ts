import { sql } from 'kysely'
import { forWrite, type Db } from '../db/dialect.js'
import type { Tables } from '../db/tables.js'

export type JobRow = Tables['job']
export type ScheduleRow = Tables['schedule']

/** A job's row as it enters the queue: not yet tried, claimed or begun. */
export function queuedJobRow(job: {
  id: string
  kind: string
  payload: unknown
  now: string
  runAt?: string
  priority: number
  maxAttempts?: number
  dedupKey?: string | null
  createdBy?: string | null
}): JobRow {
  return {
    id: job.id,
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? {}),
    status: 'queued',
    attempts: 0,
    max_attempts: job.maxAttempts ?? 3,
    run_at: job.runAt ?? job.now,
    priority: job.priority,
    dedup_key: job.dedupKey ?? null,
    locked_by: null,
    locked_until: null,
    progress: 0,
    progress_total: 0,
    progress_label: '',
    result: null,
    error: null,
    created_by: job.createdBy ?? null,
    created_at: job.now,
    updated_at: job.now,
  }
}

export async function insertJob(db: Db, row: JobRow): Promise<void> {
  await db.insertInto('job').values(row).execute()
}

// Reads exactly as the predicate of job_dedup_idx (migration 0013), which the conflict target must name.
const UNFINISHED_WITH_KEY = sql<boolean>`status in ('queued', 'running') and dedup_key is not null`

/**
 * Inserts a job with a deduplication key unless an unfinished job has that key, and returns the id of the one
 * that holds it: `row.id` when it was inserted. DO UPDATE (of nothing: the key
 * is set to itself) rather than DO NOTHING, because it returns the existing row, and on PostgreSQL it locks that
 * row until the caller's transaction ends: a job found this way is not claimed, and does not release its key
 * (releaseJobKey), before the work the caller wrote beside it is visible. Coalescing jobs rely on this.
 */
export async function insertJobOnce(db: Db, row: JobRow & { dedup_key: string }): Promise<string> {
  // Most calls find the job waiting (a burst of posts in one community): a read, locking the row as the upsert
  // would, spares rewriting that hot row and its indexes (about 150 us a post on SQLite). The upsert below
  // still decides when none was found, so concurrent callers stay race-free.
  const held = await forWrite(
    db,
    db.selectFrom('job').select('id').where(UNFINISHED_WITH_KEY).where('dedup_key', '=', row.dedup_key),
  ).executeTakeFirst()
  if (held) return held.id
  const { id } = await db
    .insertInto('job')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('dedup_key')
        .where(UNFINISHED_WITH_KEY)
        .doUpdateSet({ dedup_key: (eb) => eb.ref('excluded.dedup_key') }),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Cancels a queued job (by id or by deduplication key); false when none was waiting. */
export async function cancelQueuedJob(db: Db, target: { id: string } | { dedupKey: string }, now: string): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({ status: 'cancelled', updated_at: now })
    .where('status', '=', 'queued')
    .where((eb) => ('id' in target ? eb('id', '=', target.id) : eb('dedup_key', '=', target.dedupKey)))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Frees a running job's deduplication key, so that the next enqueue with it creates a new job. */
export async function releaseJobKey(db: Db, id: string, workerId: string): Promise<void> {
  await db.updateTable('job').set({ dedup_key: null }).where('id', '=', id).where('locked_by', '=', workerId).execute()
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

/** Jobs, optionally of one kind and in some states, oldest first (tests and reports). */
export function findJobs(db: Db, filter: { kind?: string; statuses?: JobRow['status'][] } = {}): Promise<JobRow[]> {
  let q = db.selectFrom('job').selectAll()
  if (filter.kind) q = q.where('kind', '=', filter.kind)
  if (filter.statuses) q = q.where('status', 'in', filter.statuses)
  return q.orderBy('created_at').orderBy('id').execute()
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

/** Adds the schedules that have no row yet; rows that exist keep their due time. */
export async function insertMissingSchedules(db: Db, rows: ScheduleRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('schedule')
    .values(rows)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
}

export function findSchedules(db: Db, names: string[]): Promise<ScheduleRow[]> {
  if (names.length === 0) return Promise.resolve([])
  return db.selectFrom('schedule').selectAll().where('name', 'in', names).execute()
}

export async function updateSchedule(db: Db, name: string, fields: Partial<ScheduleRow>): Promise<void> {
  await db.updateTable('schedule').set(fields).where('name', '=', name).execute()
}

/** The schedules among `names` whose due time has come. */
export function findDueSchedules(db: Db, names: string[], now: string): Promise<ScheduleRow[]> {
  if (names.length === 0) return Promise.resolve([])
  return db.selectFrom('schedule').selectAll().where('name', 'in', names).where('next_run_at', '<=', now).orderBy('next_run_at').execute()
}

/**
 * Moves a schedule's due time on, if it still is `due` (compare and set): of several nodes that found it due,
 * exactly one gets true.
 */
export async function advanceSchedule(db: Db, name: string, due: string, next: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('schedule')
    .set({ next_run_at: next, last_run_at: due, updated_at: now })
    .where('name', '=', name)
    .where('next_run_at', '=', due)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
