import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LearningModule, ScormAttempt } from '../../shared/learning.js'
import { canRead, communityRefBySlug, getCommunityRefs } from '../communities/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import type { Storage } from '../platform/storage.js'
import { nowIso } from '../platform/time.js'
import type { LearningItemTable, LearningModuleTable } from './rows.js'
import { importScormPackage, type ScormImportResult } from './scorm/import.js'
import { SUSPEND_LIMIT, summarise } from './scorm/tracking.js'
import { PackageError } from './scorm/zip.js'
import { findAttempt, findItems, findModule, listModules, upsertAttempt } from './store.js'
import { queueCompletionStatement } from './xapi-statements.js'
import type { XapiDeps } from './xapi.js'

function toModule(row: LearningModuleTable, items: LearningItemTable[]): LearningModule {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    communityId: row.community_id,
    scormVersion: row.scorm_version,
    schemaVersion: row.schema_version,
    launch: row.launch,
    files: Number(row.file_count),
    bytes: Number(row.bytes),
    createdAt: row.created_at,
    items: items.map((i) => ({ position: i.position, identifier: i.identifier, title: i.title, href: i.href, sco: i.sco === 1 })),
  }
}

/** A module the viewer may see: one of the whole organisation, or of a community they can read. 404 otherwise. */
export async function visibleModule(db: Db, viewer: Viewer, id: string): Promise<LearningModuleTable> {
  const row = await findModule(db, id)
  // The same answer for "no such module" and "not yours to see", so ids of closed communities' modules leak nothing.
  if (!row || (row.community_id && !(await canRead(db, viewer.id, row.community_id)))) {
    throw new NotFoundError('module_not_found', `no learning module ${id}`)
  }
  return row
}

/** The catalogue as the viewer may see it, newest first. */
export async function listCatalogue(db: Db, viewer: Viewer): Promise<Omit<LearningModule, 'items'>[]> {
  const rows = await listModules(db, 200)
  const out: Omit<LearningModule, 'items'>[] = []
  for (const row of rows) {
    if (row.community_id && !(await canRead(db, viewer.id, row.community_id))) continue
    const { items: _items, ...module } = toModule(row, [])
    out.push(module)
  }
  return out
}

/** One module with its items. */
export async function getModule(db: Db, viewer: Viewer, id: string): Promise<LearningModule> {
  const row = await visibleModule(db, viewer, id)
  const [items, refs] = await Promise.all([findItems(db, id), getCommunityRefs(db, row.community_id ? [row.community_id] : [])])
  const ref = row.community_id ? refs.get(row.community_id) : undefined
  return { ...toModule(row, items), community: ref ? { slug: ref.slug, name: ref.name } : null }
}

/**
 * Imports an uploaded SCORM package (admins). The body is written to a temporary file (the zip reader needs
 * random access), checked, and imported; a refused package is a 400 with the reason and changes nothing.
 */
export async function importUploadedPackage(
  db: Db,
  storage: Storage,
  viewer: Viewer,
  body: Buffer,
  options: { communitySlug?: string },
): Promise<LearningModule> {
  let communityId: string | null = null
  if (options.communitySlug) {
    const community = await communityRefBySlug(db, options.communitySlug)
    if (!community) throw new BadRequestError('unknown_community', `no community ${options.communitySlug}`)
    communityId = community.id
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-scorm-'))
  const file = path.join(dir, 'package.zip')
  let result: ScormImportResult
  try {
    fs.writeFileSync(file, body)
    result = await importScormPackage(db, storage, file, { createdBy: viewer.id, communityId })
  } catch (err) {
    if (err instanceof PackageError) throw new BadRequestError(err.code, err.message)
    throw err
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  await recordAudit(db, viewer.id, 'learning.scorm_imported', `learning_module:${result.id}`, {
    title: result.title,
    version: result.version,
  })
  return getModule(db, viewer, result.id)
}

async function itemOf(
  db: Db,
  viewer: Viewer,
  id: string,
  position: number,
): Promise<{ module: LearningModuleTable; item: LearningItemTable }> {
  const module = await visibleModule(db, viewer, id)
  const item = (await findItems(db, id)).find((i) => i.position === position)
  if (!item) throw new NotFoundError('item_not_found', `module ${id} has no item ${position}`)
  return { module, item }
}

/** The viewer's own tracking data for an item, empty before the first launch. */
export async function getAttempt(db: Db, viewer: Viewer, id: string, position: number): Promise<ScormAttempt> {
  await itemOf(db, viewer, id, position)
  const row = await findAttempt(db, id, position, viewer.id)
  if (!row) return { status: 'not attempted', score: null, suspendData: '', location: '', cmi: {}, updatedAt: null, completedAt: null }
  return {
    status: row.status,
    score: row.score,
    suspendData: row.suspend_data,
    location: row.location,
    cmi: JSON.parse(row.cmi) as Record<string, string>,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  }
}

/** Stores the player's data model for the viewer (commit, finish, or leaving the page), so it resumes later. */
export async function saveAttempt(
  db: Db,
  viewer: Viewer,
  id: string,
  position: number,
  cmi: Record<string, string>,
  xapi?: XapiDeps,
): Promise<ScormAttempt> {
  const { module } = await itemOf(db, viewer, id, position)
  const version = module.scorm_version ?? '2004'
  const summary = summarise(version, cmi)
  if (summary.suspendData.length > SUSPEND_LIMIT[version]) {
    throw new BadRequestError(
      'suspend_data_too_long',
      `SCORM ${version} allows at most ${SUSPEND_LIMIT[version]} characters of suspend data`,
    )
  }
  const now = nowIso()
  const before = await findAttempt(db, id, position, viewer.id)
  const row = {
    module_id: id,
    position,
    person_id: viewer.id,
    status: summary.status.slice(0, 40),
    score: summary.score,
    suspend_data: summary.suspendData,
    location: summary.location.slice(0, 1000),
    cmi: JSON.stringify(cmi),
    started_at: now,
    updated_at: now,
    completed_at: summary.completed ? now : null,
  }
  await db.transaction().execute(async (tx) => {
    await upsertAttempt(tx, row)
    // The first completion of an item is a statement for the LRS (xapi.ts), queued with the change.
    if (xapi && summary.completed && !before?.completed_at)
      await queueCompletionStatement(tx, xapi, viewer.id, { id: module.id, title: module.title }, summary.status, summary.score)
  })
  return getAttempt(db, viewer, id, position)
}
