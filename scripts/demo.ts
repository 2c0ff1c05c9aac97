import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { hashPassword } from '../src/server/platform/auth/passwords.js'
import { loadConfig } from '../src/server/platform/config.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './demo/catalogue.js'
import { DEFAULT_SEED, demoTruth, generateDemo } from './demo/generate.js'
import { loadDemo } from './demo/load.js'
import { hasDemoActivity, loadKnowledge } from './demo/load-knowledge.js'

const HELP = `Usage: npm run demo [-- --seed N]

Loads a demo organisation (about 300 people, departments, a manager tree and hidden communities of practice)
and a year of their activity (communities, questions, answers, stories, practices, lessons, thanks, adoptions
and the interaction log) into the configured database: SQLite in DATA_DIR (default ./data), or PostgreSQL
when DATABASE_URL is set. Running it again adds only the people who are missing (matched by email), and the
activity only if it is not there yet. The planted truth is written to <DATA_DIR>/demo-truth.json
(format: scripts/demo/README.md).`

/** The day an earlier run with this seed generated the demo for, from its truth file. */
function loadedDay(truthFile: string, seed: number): string | null {
  try {
    const truth = JSON.parse(fs.readFileSync(truthFile, 'utf8')) as { seed?: unknown; today?: unknown }
    return truth.seed === seed && typeof truth.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(truth.today) ? truth.today : null
  } catch {
    return null
  }
}

/** `npm run demo`: generates the demo organisation, loads it and writes the planted truth. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } })
  if (values.help) {
    console.log(HELP)
    return
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed)
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`)

  const config = loadConfig()
  const started = Date.now()
  const truthFile = path.join(config.dataDir, 'demo-truth.json')
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  try {
    // Dates are relative to the day of the first load: a later run regenerates that same day, so the truth
    // file keeps describing what is in the database.
    const today = ((await hasDemoActivity(database.db)) && loadedDay(truthFile, seed)) || new Date().toISOString().slice(0, 10)
    const org = generateDemo({ seed, today })
    const result = await loadDemo(database.db, org, await hashPassword(DEMO_PASSWORD))
    const year = await loadKnowledge(database.db, org.activity)
    fs.mkdirSync(config.dataDir, { recursive: true })
    fs.writeFileSync(truthFile, `${JSON.stringify(demoTruth(org, new Date().toISOString()), null, 2)}\n`)
    const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`
    console.log(`Demo organisation (seed ${seed}) loaded into ${where}:`)
    console.log(`  ${result.created} people added, ${result.existing} already there`)
    console.log(
      `  ${org.communities.length} hidden communities, ${org.isolated.length} isolated people, ${org.newcomers.length} starting soon`,
    )
    if (year.skipped) console.log('  the year of activity was already there: nothing added')
    else {
      console.log(
        `  ${year.communities} communities, ${year.memberships} memberships (${year.membershipEvents} trajectory events), ${year.joinRequests} pending join requests`,
      )
      console.log(`  ${year.posts} posts, ${year.thanks} thanks, ${year.adoptions} adoptions, ${year.interactions} interactions`)
    }
    console.log(`  planted truth: ${truthFile}`)
    console.log(`  in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    console.log(`\nLog in as ${DEMO_ADMIN_EMAIL} (admin), or as anyone in the demo, with the password: ${DEMO_PASSWORD}`)
  } finally {
    await database.close()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
