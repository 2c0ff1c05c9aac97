import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Static } from '@sinclair/typebox'
import type { QaImport, StartQaImport } from '../../shared/imports.js'
import { getCommunityRefs } from '../communities/lookup.js'
import { createCommunity, loadCommunity } from '../communities/service.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import type { JobContext, JobQueue } from '../platform/jobs/worker.js'
import { JOB_PRIORITY, PermanentJobError } from '../platform/jobs/worker.js'
import { toJob } from '../platform/jobs/routes.js'
import { jobReport } from '../platform/jobs/store.js'
import type { Storage } from '../platform/storage.js'
import { newId, nowIso } from '../platform/time.js'
import { importStackExchange, type SeImportReport } from './se-import.js'
import { extract7z } from './seven-zip.js'

export const QA_IMPORT_JOB = 'qa.import'
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/
const ACCEPTED = /\.(7z|xml)$/i

/** A file name safe to keep in storage, or a 400. */
export function safeUploadName(name: string | undefined): string {
  const base = path.basename(name ?? '')
  if (!SAFE_NAME.test(base) || !ACCEPTED.test(base))
    throw new BadRequestError(
      'bad_filename',
      'upload a .7z dump or its .xml files (Posts.xml, Users.xml, Comments.xml, Votes.xml, PostLinks.xml)',
    )
  return base
}

/** Stores one uploaded file of a dump under an upload id (a new one when none is given). */
export async function storeUpload(
  storage: Storage,
  uploadId: string | undefined,
  filename: string,
  data: Buffer,
): Promise<{ uploadId: string; filename: string }> {
  const id = uploadId ?? newId()
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new BadRequestError('bad_upload_id', 'that upload id is not valid')
  const name = safeUploadName(filename)
  if (name.toLowerCase().endsWith('.7z') && data.subarray(0, 6).toString('hex') !== '377abcaf271c')
    throw new BadRequestError('not_7z', 'that file is not a 7-Zip archive')
  if (
    name.toLowerCase().endsWith('.xml') &&
    !data
      .subarray(0, 200)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('<')
  ) {
    throw new BadRequestError('not_xml', 'that file is not XML')
  }
  await storage.put(`imports/${id}/${name}`, data)
  return { uploadId: id, filename: name }
}

/** The site a dump came from, from its archive name (beer.stackexchange.com.7z) when not given. */
function siteOf(body: Static<typeof StartQaImport>): string {
  const fromName = body.files.find((f) => f.toLowerCase().endsWith('.7z'))?.replace(/\.7z$/i, '')
  const site = (body.site ?? fromName ?? 'stackexchange').toLowerCase()
  if (!/^[a-z0-9][a-z0-9.-]{1,100}$/.test(site)) throw new BadRequestError('bad_site', 'the site must look like beer.stackexchange.com')
  return site
}

/**
 * Queues the import of uploaded files into a community the admin can see, or into a new open community it
 * starts (named by the admin, who becomes its steward) once the upload has been checked, so bad input starts
 * nothing.
 */
export async function startQaImport(
  db: Db,
  dialect: DialectAdapter,
  jobs: JobQueue,
  storage: Storage,
  viewer: Viewer,
  body: Static<typeof StartQaImport>,
): Promise<QaImport> {
  if ((body.communitySlug === undefined) === (body.newCommunity === undefined))
    throw new BadRequestError('community_required', 'choose a community to import into, or name a new one')
  const existing = body.communitySlug === undefined ? undefined : (await loadCommunity(db, viewer, body.communitySlug)).row
  const files = body.files.map((f) => safeUploadName(f))
  for (const f of files)
    if (!(await storage.get(`imports/${body.uploadId}/${f}`))) throw new BadRequestError('missing_upload', `${f} was not uploaded`)
  if (!files.some((f) => /\.7z$/i.test(f) || f.toLowerCase() === 'posts.xml'))
    throw new BadRequestError('no_posts', 'the upload needs the .7z dump or Posts.xml')
  const site = siteOf(body)
  const community =
    existing ??
    (await createCommunity(db, dialect, viewer, {
      name: body.newCommunity?.name.trim() ?? site,
      purpose: `Questions and answers imported from ${site}.`,
      visibility: 'open',
    }))
  const id = newId()
  await db.transaction().execute(async (tx) => {
    // Urgent, as a roster import: an admin watches its progress, and a burst of notifications must not hold it up.
    const jobId = await jobs.enqueue(
      QA_IMPORT_JOB,
      { importId: id },
      { createdBy: viewer.id, db: tx, maxAttempts: 2, priority: JOB_PRIORITY.urgent },
    )
    await tx
      .insertInto('qa_import')
      .values({
        id,
        community_id: community.id,
        created_by: viewer.id,
        job_id: jobId,
        site,
        upload_key: JSON.stringify({ uploadId: body.uploadId, files }),
        report: null,
        created_at: nowIso(),
      })
      .execute()
    await recordAudit(tx, viewer.id, 'import.stackexchange', community.id, { site, files })
  })
  jobs.poke()
  return getQaImport(db, jobs, id)
}

export async function getQaImport(db: Db, jobs: JobQueue, id: string): Promise<QaImport> {
  const row = await db
    .selectFrom('qa_import')
    .select(['id', 'site', 'job_id', 'report', 'created_at', 'community_id'])
    .where('id', '=', id)
    .executeTakeFirst()
  const job = row ? await jobs.find(row.job_id) : undefined
  const community = row ? (await getCommunityRefs(db, [row.community_id])).get(row.community_id) : undefined
  if (!row || !job || !community) throw new NotFoundError('import_not_found', `no import ${id}`)
  return {
    id: row.id,
    site: row.site,
    community: { slug: community.slug, name: community.name },
    createdAt: row.created_at,
    job: toJob(job),
    report: jobReport<SeImportReport>(row.report, job),
  }
}

export async function listQaImports(db: Db, jobs: JobQueue): Promise<QaImport[]> {
  const rows = await db.selectFrom('qa_import').select('id').orderBy('created_at', 'desc').limit(20).execute()
  return Promise.all(rows.map((r) => getQaImport(db, jobs, r.id)))
}

/** The job: copy the upload to a temp dir, unpack a .7z, import, keep the report. Safe to re-run. */
export function qaImportHandler(db: Db, storage: Storage) {
  return async (payload: unknown, ctx: JobContext): Promise<SeImportReport> => {
    const { importId } = payload as { importId: string }
    const row = await db.selectFrom('qa_import').selectAll().where('id', '=', importId).executeTakeFirst()
    if (!row) throw new PermanentJobError(`import ${importId} is gone`)
    const { uploadId, files } = JSON.parse(row.upload_key) as { uploadId: string; files: string[] }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-import-'))
    try {
      await ctx.reportProgress(0, 7, 'Unpacking')
      for (const f of files) {
        const data = await storage.get(`imports/${uploadId}/${f}`)
        if (!data) throw new PermanentJobError(`${f} is no longer stored`)
        fs.writeFileSync(path.join(dir, f), data)
      }
      const out = path.join(dir, 'dump')
      fs.mkdirSync(out)
      for (const f of files) {
        if (/\.7z$/i.test(f))
          await extract7z(path.join(dir, f), out).catch((err: unknown) =>
            Promise.reject(new PermanentJobError(err instanceof Error ? err.message : String(err))),
          )
        else fs.copyFileSync(path.join(dir, f), path.join(out, f))
      }
      const report = await importStackExchange(db, {
        dir: out,
        site: row.site,
        communityId: row.community_id,
        progress: (done, total, label) => ctx.reportProgress(done + 1, total + 1, label),
      }).catch((err: unknown) =>
        Promise.reject(
          err instanceof Error && /missing|not an XML|unexpected content|spans several lines/.test(err.message)
            ? new PermanentJobError(err.message)
            : err instanceof Error
              ? err
              : new Error(String(err)),
        ),
      )
      await db
        .updateTable('qa_import')
        .set({ report: JSON.stringify(report) })
        .where('id', '=', importId)
        .execute()
      return report
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
