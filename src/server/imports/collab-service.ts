import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CollabImport, CollabImportReport, CsvCheck, CsvFormat, CsvImportBody, CsvPreview } from '../../shared/collab-imports.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import { toJob } from '../platform/jobs/routes.js'
import { jobReport } from '../platform/jobs/store.js'
import type { JobContext, JobQueue } from '../platform/jobs/worker.js'
import { JOB_PRIORITY, PermanentJobError } from '../platform/jobs/worker.js'
import type { Storage } from '../platform/storage.js'
import { newId, nowIso } from '../platform/time.js'
import { openZip, PackageError } from '../platform/zip.js'
import { findCollabImport, findRecentCollabImports, insertCollabImport, setCollabImportReport } from './collab-store.js'
import { writeCollabEvents } from './collab-write.js'
import { csvEvents, parseCsvTable, suggestMapping, type CsvTable } from './csv-collab.js'
import { importSlackExport } from './slack-import.js'

export const COLLAB_IMPORT_JOB = 'collab.import'
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,120}$/
const MAX_CSV_BYTES = 50 * 1024 * 1024
const SHOWN_ERRORS = 50

const key = (uploadId: string, filename: string) => `imports/collab/${uploadId}/${filename}`

/** A file name safe to keep in storage (a .zip or a .csv), or a 400. */
function safeName(name: string): string {
  const base = path.basename(name)
  if (!SAFE_NAME.test(base) || !/\.(zip|csv)$/i.test(base))
    throw new BadRequestError('bad_filename', 'upload a Slack export (.zip) or a CSV file (.csv)')
  return base
}

/** Stores an uploaded Slack export or CSV file under a new upload id, after a first look at its bytes. */
export async function storeCollabUpload(storage: Storage, filename: string, data: Buffer): Promise<{ uploadId: string; filename: string }> {
  const name = safeName(filename)
  if (/\.zip$/i.test(name) && data.subarray(0, 2).toString('latin1') !== 'PK')
    throw new BadRequestError('not_zip', 'that file is not a zip archive')
  if (/\.csv$/i.test(name) && (data.length > MAX_CSV_BYTES || data.includes(0)))
    throw new BadRequestError('not_csv', 'that file is not a CSV text file (or is larger than 50 MB)')
  const uploadId = newId()
  await storage.put(key(uploadId, name), data)
  return { uploadId, filename: name }
}

async function loadUpload(storage: Storage, uploadId: string, filename: string): Promise<{ name: string; data: Buffer }> {
  const name = safeName(filename)
  const data = await storage.get(key(uploadId, name))
  if (!data) throw new BadRequestError('missing_upload', `${name} was not uploaded`)
  return { name, data }
}

/** Runs `fn` on a copy of the data in a temporary file (zip reading needs a file). */
async function withTempFile<T>(data: Buffer, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-collab-'))
  try {
    const file = path.join(dir, 'upload.zip')
    fs.writeFileSync(file, data)
    return await fn(file)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The zip is safe and looks like a Slack export (its member list and a conversation list), or a 400. */
async function checkSlackZip(data: Buffer): Promise<void> {
  await withTempFile(data, async (file) => {
    const zip = await openZip(file).catch((err: unknown) => {
      throw err instanceof PackageError ? new BadRequestError(err.code, err.message) : err
    })
    try {
      const names = zip.files.map((f) => f.path.split('/').pop())
      if (!names.some((n) => n === 'users.json' || n === 'org_users.json'))
        throw new BadRequestError('not_slack_export', 'the zip has no users.json (or org_users.json): is it a Slack export?')
      if (!names.some((n) => ['channels.json', 'groups.json', 'dms.json', 'mpims.json'].includes(n ?? '')))
        throw new BadRequestError('not_slack_export', 'the zip has no channels.json, groups.json, dms.json or mpims.json')
    } finally {
      zip.close()
    }
  })
}

function csvTable(data: Buffer): CsvTable {
  const table = parseCsvTable(data.toString('utf8'))
  if ('error' in table) throw new BadRequestError('bad_csv', `line ${table.error.line}: ${table.error.message}`)
  return table
}

/** The first rows of an uploaded CSV and the mapping its headers suggest. */
export async function previewCsv(storage: Storage, body: { uploadId: string; filename: string; format: CsvFormat }): Promise<CsvPreview> {
  const table = csvTable((await loadUpload(storage, body.uploadId, body.filename)).data)
  return {
    headers: table.headers,
    sample: table.rows.slice(0, 5).map((r) => r.fields),
    rows: table.rows.length,
    suggested: suggestMapping(body.format, table.headers),
  }
}

/** Every row checked against the mapping: the errors with their lines, and how many events the rows make. */
export async function checkCsv(storage: Storage, body: CsvImportBody): Promise<CsvCheck> {
  const found = csvEvents(body.format, csvTable((await loadUpload(storage, body.uploadId, body.filename)).data), body.mapping)
  return { rows: found.rows, events: found.events.length, errors: found.errors.slice(0, SHOWN_ERRORS), errorCount: found.errors.length }
}

async function enqueueImport(
  db: Db,
  jobs: JobQueue,
  viewer: Viewer,
  row: { kind: 'slack' | 'email' | 'csv'; uploadId: string; filename: string; mapping: CsvImportBody['mapping'] | null },
): Promise<CollabImport> {
  const id = newId()
  await db.transaction().execute(async (tx) => {
    // Urgent, as the other imports: an admin is watching its progress bar.
    const jobId = await jobs.enqueue(
      COLLAB_IMPORT_JOB,
      { importId: id },
      { createdBy: viewer.id, db: tx, maxAttempts: 2, priority: JOB_PRIORITY.urgent },
    )
    await insertCollabImport(tx, {
      id,
      kind: row.kind,
      created_by: viewer.id,
      job_id: jobId,
      label: row.filename,
      upload_key: JSON.stringify({ uploadId: row.uploadId, filename: row.filename }),
      mapping: row.mapping ? JSON.stringify(row.mapping) : null,
      report: null,
      created_at: nowIso(),
    })
    await recordAudit(tx, viewer.id, `import.${row.kind}`, id, { filename: row.filename })
  })
  jobs.poke()
  return getCollabImport(db, jobs, id)
}

/** Queues the import of an uploaded Slack export, once the zip is known to be a safe Slack export. */
export async function startSlackImport(
  db: Db,
  jobs: JobQueue,
  storage: Storage,
  viewer: Viewer,
  body: { uploadId: string; filename: string },
): Promise<CollabImport> {
  const { name, data } = await loadUpload(storage, body.uploadId, body.filename)
  if (!/\.zip$/i.test(name)) throw new BadRequestError('not_zip', 'a Slack export is a .zip file')
  await checkSlackZip(data)
  return enqueueImport(db, jobs, viewer, { kind: 'slack', uploadId: body.uploadId, filename: name, mapping: null })
}

/** Queues the import of an uploaded CSV when every row is valid under the mapping; otherwise a 400 naming lines. */
export async function startCsvImport(db: Db, jobs: JobQueue, storage: Storage, viewer: Viewer, body: CsvImportBody): Promise<CollabImport> {
  const check = await checkCsv(storage, body)
  if (check.errorCount > 0) {
    const shown = check.errors.slice(0, 5).map((e) => `line ${e.line} (${e.field}): ${e.message}`)
    throw new BadRequestError('invalid_rows', `${check.errorCount} errors; nothing was imported. ${shown.join('; ')}`)
  }
  return enqueueImport(db, jobs, viewer, { kind: body.format, uploadId: body.uploadId, filename: body.filename, mapping: body.mapping })
}

/** One import with its job's progress and its report. */
export async function getCollabImport(db: Db, jobs: JobQueue, id: string): Promise<CollabImport> {
  const row = await findCollabImport(db, id)
  const job = row ? await jobs.find(row.job_id) : undefined
  if (!row || !job) throw new NotFoundError('import_not_found', `no import ${id}`)
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    createdAt: row.created_at,
    job: toJob(job),
    report: jobReport<CollabImportReport>(row.report, job),
  }
}

export async function listCollabImports(db: Db, jobs: JobQueue): Promise<CollabImport[]> {
  return Promise.all((await findRecentCollabImports(db, 20)).map((r) => getCollabImport(db, jobs, r.id)))
}

/** The job: read the upload, import it, keep the report. Safe to re-run: the log keys every source event. */
export function collabImportHandler(db: Db, storage: Storage) {
  return async (payload: unknown, ctx: JobContext): Promise<CollabImportReport> => {
    const { importId } = payload as { importId: string }
    const row = await findCollabImport(db, importId)
    if (!row) throw new PermanentJobError(`import ${importId} is gone`)
    const { uploadId, filename } = JSON.parse(row.upload_key) as { uploadId: string; filename: string }
    const data = await storage.get(key(uploadId, filename))
    if (!data) throw new PermanentJobError(`${filename} is no longer stored`)
    const progress = (done: number, total: number, label: string) => ctx.reportProgress(done, total, label)
    let report: CollabImportReport
    if (row.kind === 'slack') {
      report = await withTempFile(data, (file) =>
        importSlackExport(db, file, progress).catch((err: unknown) => {
          // A bad archive will be as bad on a retry: the job fails for good, with the reason.
          throw err instanceof PackageError ? new PermanentJobError(err.message) : err
        }),
      )
    } else {
      await progress(0, 2, 'Checking the rows')
      const table = parseCsvTable(data.toString('utf8'))
      if ('error' in table) throw new PermanentJobError(table.error.message)
      const found = csvEvents(row.kind, table, JSON.parse(row.mapping ?? '{}') as CsvImportBody['mapping'])
      if (found.errors.length) throw new PermanentJobError(`${found.errors.length} rows are not valid; nothing was imported`)
      await progress(1, 2, 'Writing the interaction log')
      const written = await writeCollabEvents(db, row.kind, found.accounts, found.events, (done, total) =>
        progress(1, 2, `Writing the interaction log: ${done} of ${total}`),
      )
      await progress(2, 2, 'Done')
      report = { ...written, rows: found.rows, broadcasts: found.broadcasts }
    }
    await setCollabImportReport(db, importId, JSON.stringify(report))
    return report
  }
}
