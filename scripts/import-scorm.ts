// `npm run import:scorm -- <package.zip> [--community <slug>]`
// Imports a SCORM 1.2 or 2004 package into the learning catalogue of the configured database (DATA_DIR or
// DATABASE_URL). Ends with a JSON line {"title", "version", "scos", "launch"}, or exits 1 with a clear message
// for a package that cannot be imported (nothing is written then).
import fs from 'node:fs'
import path from 'node:path'
import { importScormPackage } from '../src/server/learning/scorm/import.js'
import { PackageError } from '../src/server/learning/scorm/zip.js'
import { loadConfig } from '../src/server/platform/config.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { createS3Storage } from '../src/server/platform/storage-s3.js'
import { createDiskStorage } from '../src/server/platform/storage.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const file = process.argv.slice(2).find((a) => !a.startsWith('--'))
if (!file) {
  console.error('usage: npm run import:scorm -- <package.zip>')
  process.exit(2)
}
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
  console.error(`import:scorm: no such file: ${file}`)
  process.exit(1)
}

const config = loadConfig()
const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
const storage = config.s3 ? createS3Storage(config.s3) : createDiskStorage(path.join(config.dataDir, 'files'))
try {
  const result = await importScormPackage(database.db, storage, file, { createdBy: null })
  console.log(
    `imported "${result.title}" (SCORM ${result.version}): ${result.scos} SCOs, ${result.files} files, ${result.bytes} bytes; module ${result.id}`,
  )
  console.log(JSON.stringify({ title: result.title, version: result.version, scos: result.scos, launch: result.launch }))
} catch (err) {
  if (!(err instanceof PackageError)) throw err
  console.error(`import:scorm: ${path.basename(file)} was not imported: ${err.message}`)
  process.exitCode = 1
} finally {
  await database.close()
}
