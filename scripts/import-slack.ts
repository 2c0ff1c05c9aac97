// `npm run import:slack -- <export.zip>`: imports a Slack workspace export's replies, mentions and reactions into
// the interaction log of the configured database (DATA_DIR or DATABASE_URL). Members are matched to people by
// email; the others become placeholders. Ends with one JSON line of counts; a second run reports
// "new_interactions": 0.
import { importSlackExport } from '../src/server/imports/slack-import.js'
import { loadConfig } from '../src/server/platform/config.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { PackageError } from '../src/server/platform/zip.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const file = process.argv.slice(2).find((a) => !a.startsWith('--'))
if (!file) {
  console.error('usage: npm run import:slack -- <export.zip>')
  process.exit(2)
}
const config = loadConfig()
const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
try {
  const report = await importSlackExport(database.db, file, async (done, total, label) => void console.log(`[${done}/${total}] ${label}`))
  console.log(
    `${report.channels} conversations, ${report.messages} messages, ${report.replies} replies, ${report.reactions} reactions; ${report.placeholders} placeholder people, ${report.matched} matched by email, ${report.opted_out} events left out (opted out)`,
  )
  console.log(
    JSON.stringify({
      people: report.people,
      channels: report.channels,
      messages: report.messages,
      replies: report.replies,
      reactions: report.reactions,
      interactions: report.interactions,
      new_interactions: report.new_interactions,
    }),
  )
} catch (err) {
  if (!(err instanceof PackageError)) throw err
  console.error(`${file}: ${err.message}`)
  process.exitCode = 1
} finally {
  await database.close()
}
