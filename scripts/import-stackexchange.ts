// `npm run import:stackexchange -- <dump.7z | dir with Posts.xml ...> --community <slug> [--site <host>]`
// Imports a Stack Exchange / Stack Overflow for Teams dump into a community of the configured database
// (DATA_DIR or DATABASE_URL), creating the community (open) when it does not exist. Prints counts and time.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { importStackExchange } from '../src/server/imports/se-import.js'
import { extract7z } from '../src/server/imports/seven-zip.js'
import { findOrCreateImportCommunity } from '../src/server/communities/service.js'
import { loadConfig } from '../src/server/platform/config.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const input = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
if (!input) {
  console.error('usage: npm run import:stackexchange -- <dump.7z | dir> --community <slug> [--site <host>]')
  process.exit(2)
}
const slug = flag('community') ?? 'imported-qa'
const site = flag('site') ?? path.basename(input).replace(/\.7z$/i, '')

const config = loadConfig()
const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
const started = Date.now()
let dir = input
let tmp: string | undefined
if (input.toLowerCase().endsWith('.7z')) {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-se-'))
  await extract7z(input, tmp)
  dir = tmp
}
const communityId = await findOrCreateImportCommunity(database.db, slug, site)
const report = await importStackExchange(database.db, {
  dir,
  site,
  communityId,
  progress: async (done, total, label) => void console.log(`[${done}/${total}] ${label}`),
})
if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
await database.close()
console.log(
  `${report.questions} questions, ${report.answers} answers, ${report.accepted} accepted, ${report.comments} comments, ${report.duplicates} duplicate links, ${report.votes} up-votes`,
)
console.log(
  `${report.created.posts} posts and ${report.created.interactions} interactions created; ${report.placeholders} placeholder people, ${report.peopleMatched} matched by email`,
)
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s (import ${report.seconds} s)`)
console.log(JSON.stringify({ ...report, skipped: report.skipped.length, total_seconds: (Date.now() - started) / 1000 }))
