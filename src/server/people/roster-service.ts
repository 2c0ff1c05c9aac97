import type { Job, RosterImport, RosterImportBody, RosterReport } from '../../shared/schemas.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { NotFoundError } from '../platform/errors.js'
import { toJob } from '../platform/jobs/routes.js'
import { findJobById, jobReport, type JobRow } from '../platform/jobs/store.js'
import { JOB_PRIORITY, PermanentJobError, type JobContext, type JobQueue } from '../platform/jobs/worker.js'
import { newId, nowIso } from '../platform/time.js'
import { blankPerson } from './accounts.js'
import {
  checkRoster,
  makeSnapshot,
  orderManagersFirst,
  type ExistingPerson,
  type PlannedPerson,
  type RosterCheck,
  type RosterSnapshot,
} from './roster-check.js'
import { parseRoster, type ParsedRoster } from './roster-parse.js'
import {
  BATCH_SIZE,
  findManagerLinks,
  findPeopleByEmails,
  findRosterImportById,
  findRosterImportSummary,
  insertRosterImport,
  listRecentRosterImports,
  setRosterReport,
  upsertPeopleByEmail,
  type RosterImportSummaryRow,
} from './roster-store.js'
import type { PersonRow } from './store.js'

export const ROSTER_JOB = 'roster.import'
/** A report lists at most this many errors, so a wholly wrong file does not make a huge report. */
export const MAX_REPORTED_ERRORS = 500
const RECENT_IMPORTS = 20

interface RosterJobPayload {
  importId: string
}

function toRosterImport(row: RosterImportSummaryRow, job: JobRow | undefined): RosterImport {
  // The job is written in the same transaction as the import, so it is missing only if someone deleted it.
  const jobView: Job = job
    ? toJob(job)
    : {
        id: row.job_id,
        kind: ROSTER_JOB,
        status: row.report ? 'done' : 'failed',
        progress: 0,
        progressTotal: 0,
        progressLabel: '',
        attempts: 0,
        error: row.report ? null : 'the job is gone',
        createdAt: row.created_at,
        updatedAt: row.created_at,
      }
  return {
    id: row.id,
    filename: row.filename,
    mode: row.mode,
    createdAt: row.created_at,
    job: jobView,
    report: jobReport<RosterReport>(row.report, job),
  }
}

/** Stores a roster file and queues the job that checks (and, in apply mode, applies) it, atomically. */
export async function createRosterImport(db: Db, jobs: JobQueue, viewer: Viewer, body: RosterImportBody): Promise<RosterImport> {
  const id = newId()
  const result = await db.transaction().execute(async (tx) => {
    // Urgent: an admin watches its progress, and it must not wait behind a backlog of notifications.
    const jobId = await jobs.enqueue(ROSTER_JOB, { importId: id } satisfies RosterJobPayload, {
      createdBy: viewer.id,
      db: tx,
      priority: JOB_PRIORITY.urgent,
    })
    const row = {
      id,
      created_by: viewer.id,
      filename: body.filename,
      csv: body.csv,
      mode: body.mode,
      job_id: jobId,
      report: null,
      created_at: nowIso(),
    }
    await insertRosterImport(tx, row)
    return toRosterImport(row, await findJobById(tx, jobId))
  })
  // The worker may have polled before the commit; tell it the job is there now.
  jobs.poke()
  return result
}

/** One import with its job's status and progress, and its report once the job has written one. */
export async function getRosterImport(db: Db, id: string): Promise<RosterImport> {
  const found = await findRosterImportSummary(db, id)
  if (!found) throw new NotFoundError('roster_import_not_found', `no roster import ${id}`)
  return toRosterImport(found.row, found.job)
}

/** The latest imports, newest first. */
export async function listRosterImports(db: Db): Promise<RosterImport[]> {
  return (await listRecentRosterImports(db, RECENT_IMPORTS)).map(({ row, job }) => toRosterImport(row, job))
}

/** Reads what the database holds about the file's people, in batches, reporting progress after each. */
async function loadSnapshot(db: Db, parsed: ParsedRoster, onBatch?: (done: number) => Promise<void>): Promise<RosterSnapshot> {
  const emails = [...new Set(parsed.rows.map((r) => r.email).filter((e) => e !== ''))]
  const existing: ExistingPerson[] = []
  for (let i = 0; i < emails.length; i += BATCH_SIZE) {
    existing.push(...(await findPeopleByEmails(db, emails.slice(i, i + BATCH_SIZE))))
    await onBatch?.(Math.min(parsed.rows.length, i + BATCH_SIZE))
  }
  return makeSnapshot(existing, await findManagerLinks(db))
}

function toReport(parsed: ParsedRoster, check: RosterCheck, applied: boolean): RosterReport {
  const errors = check.errors.slice(0, MAX_REPORTED_ERRORS)
  const hidden = check.errors.length - errors.length
  if (hidden > 0)
    errors.push({
      line: check.errors[MAX_REPORTED_ERRORS]?.line ?? 0,
      email: '',
      field: '',
      message: `…and ${hidden} more errors not listed; fix these and check again`,
    })
  return {
    rows: parsed.rows.length,
    creates: check.creates.length,
    updates: check.updates.length,
    unchanged: check.unchanged,
    errors,
    applied,
  }
}

function toPersonRow(p: PlannedPerson, managerId: string | null, now: string): PersonRow {
  return blankPerson({
    email: p.email,
    name: p.name,
    title: p.title,
    department: p.department,
    location: p.location,
    start_date: p.startDate,
    manager_id: managerId,
    created_at: now,
    updated_at: now,
  })
}

/**
 * Writes a checked roster in one pass of batched upserts. New people get their ids here, and managers are
 * written before their reports, so every manager link points at a row written in an earlier batch or the
 * same statement (foreign keys are checked at the end of each statement on both dialects).
 * Runs inside the caller's transaction.
 */
async function applyPlan(tx: Db, check: RosterCheck, snapshot: RosterSnapshot): Promise<void> {
  const now = nowIso()
  const people = orderManagersFirst([...check.creates, ...check.updates])
  const newIds = new Map<string, string>()
  const rows = people.map((p) => {
    const row = toPersonRow(p, null, now)
    if (p.existingId === null) newIds.set(p.email, row.id)
    return row
  })
  people.forEach((p, i) => {
    const managerId = p.managerEmail === null ? null : (newIds.get(p.managerEmail) ?? snapshot.linksByEmail.get(p.managerEmail)?.id)
    if (managerId === undefined) throw new Error(`roster apply: no id for manager ${p.managerEmail}`)
    ;(rows[i] as PersonRow).manager_id = managerId
  })
  const written = await upsertPeopleByEmail(tx, rows)
  people.forEach((p, i) => {
    // Only a person created by someone else since the check can differ; failing rolls back and the job retries.
    if (written.get(p.email) !== (p.existingId ?? rows[i]?.id))
      throw new Error(`${p.email} was added while the roster was being applied; trying again`)
  })
}

/**
 * The `roster.import` job. Checks the file and writes a report; in apply mode with no errors, applies every
 * row in one transaction, with the report, so a crash leaves all or nothing. A retry after a crash starts
 * again from the top and finds the import already applied, or nothing applied: never half.
 */
export async function runRosterImport(db: Db, payload: unknown, ctx: JobContext): Promise<RosterReport> {
  const importId = (payload as Partial<RosterJobPayload> | null)?.importId
  const row = typeof importId === 'string' ? await findRosterImportById(db, importId) : undefined
  if (!row) throw new PermanentJobError(`no roster import ${String(importId)}`)
  if (row.report) {
    const previous = JSON.parse(row.report) as RosterReport
    if (previous.applied) return previous
  }

  const parsed = parseRoster(row.csv)
  const rowCount = parsed.rows.length
  const total = Math.max(1, row.mode === 'apply' ? rowCount * 2 : rowCount)
  await ctx.reportProgress(0, total, 'Reading the file')
  const snapshot = await loadSnapshot(db, parsed, (done) => ctx.reportProgress(done, total, 'Checking rows'))
  const check = checkRoster(parsed, snapshot)

  if (row.mode === 'preview' || check.errors.length > 0) {
    const report = toReport(parsed, check, false)
    await setRosterReport(db, row.id, JSON.stringify(report))
    await ctx.reportProgress(total, total, check.errors.length > 0 ? 'Found errors' : 'Preview ready')
    return report
  }

  // Progress goes around the transaction, not inside it: SQLite has one writer, and that is the transaction.
  await ctx.reportProgress(rowCount, total, `Applying ${check.creates.length + check.updates.length} changes`)
  const report = await db.transaction().execute(async (tx) => {
    // Check again inside the transaction: people may have changed since the first check.
    const fresh = await loadSnapshot(tx, parsed)
    const recheck = checkRoster(parsed, fresh)
    if (recheck.errors.length > 0) {
      const failed = toReport(parsed, recheck, false)
      await setRosterReport(tx, row.id, JSON.stringify(failed))
      return failed
    }
    await applyPlan(tx, recheck, fresh)
    const applied = toReport(parsed, recheck, true)
    await setRosterReport(tx, row.id, JSON.stringify(applied))
    await recordAudit(tx, row.created_by, 'roster.import', row.id, {
      filename: row.filename,
      rows: applied.rows,
      creates: applied.creates,
      updates: applied.updates,
      unchanged: applied.unchanged,
    })
    return applied
  })
  await ctx.reportProgress(total, total, report.applied ? 'Applied' : 'Found errors')
  return report
}
