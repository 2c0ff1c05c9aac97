import type { Db, Tx } from '../../platform/db/dialect.js'
import type { Storage } from '../../platform/storage.js'
import { newId, nowIso } from '../../platform/time.js'
import type { LearningItemTable, LearningModuleTable } from '../rows.js'
import { insertModule } from '../store.js'
import { readScormPackage } from './package.js'

/** What an import made: the JSON line `npm run import:scorm` ends with, plus the new module's id. */
export interface ScormImportResult {
  id: string
  title: string
  version: '1.2' | '2004'
  scos: number
  launch: string
  files: number
  bytes: number
}

/**
 * Storage keys allow only `[a-z0-9/_.-]`, and a package may name files with spaces or accents. Each byte outside
 * `[A-Za-z0-9.-]` of a path segment becomes `_XX` (hex, `_` itself included), which is reversible and keeps
 * distinct names distinct.
 */
export function storageKeyFor(moduleId: string, filePath: string): string {
  const segments = filePath
    .split('/')
    .map((segment) =>
      [...Buffer.from(segment, 'utf8')]
        .map((b) => (/[A-Za-z0-9.-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `_${b.toString(16).padStart(2, '0')}`))
        .join(''),
    )
  return `scorm/${moduleId}/${segments.join('/')}`
}

const MAX_FILE_BYTES = 512 * 1024 * 1024

/**
 * Imports a SCORM package from a zip on disk: every check first (package.ts), so a refused package writes
 * nothing; then the files into storage and the module with its items in one transaction. If anything fails
 * after the first file is stored, the stored files are removed again.
 */
export async function importScormPackage(
  db: Db,
  storage: Storage,
  file: string,
  options: { createdBy: string | null; communityId?: string | null; description?: string },
): Promise<ScormImportResult> {
  const { manifest, zip } = await readScormPackage(file)
  const id = newId()
  const stored: string[] = []
  let bytes = 0
  try {
    for (const entry of zip.files) {
      const key = storageKeyFor(id, entry.path)
      bytes += await storage.putStream(key, await zip.read(entry), MAX_FILE_BYTES)
      stored.push(key)
    }
    const now = nowIso()
    const module: LearningModuleTable = {
      id,
      kind: 'scorm',
      title: manifest.title.slice(0, 200),
      description: options.description ?? '',
      community_id: options.communityId ?? null,
      scorm_version: manifest.version,
      schema_version: manifest.schemaVersion.slice(0, 100),
      identifier: manifest.identifier.slice(0, 200),
      launch: manifest.launch,
      file_count: zip.files.length,
      bytes,
      created_by: options.createdBy,
      created_at: now,
      updated_at: now,
    }
    const items: LearningItemTable[] = manifest.items.map((item, position) => ({
      module_id: id,
      position,
      identifier: item.identifier.slice(0, 200),
      title: item.title.slice(0, 200),
      href: item.href,
      sco: item.sco ? 1 : 0,
    }))
    // Inside a caller's transaction (the demo loader's) the module joins it; otherwise it gets its own.
    if (db.isTransaction) await insertModule(db as Tx, module, items)
    else await db.transaction().execute((tx) => insertModule(tx, module, items))
  } catch (err) {
    await Promise.allSettled(stored.map((key) => storage.delete(key)))
    throw err
  } finally {
    zip.close()
  }
  return {
    id,
    title: manifest.title,
    version: manifest.version,
    scos: manifest.items.filter((i) => i.sco).length,
    launch: manifest.launch,
    files: zip.files.length,
    bytes,
  }
}
