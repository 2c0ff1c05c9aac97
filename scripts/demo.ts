import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { hashPassword } from '../src/server/platform/auth/passwords.js'
import { loadConfig } from '../src/server/platform/config.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './demo/catalogue.js'
import { DEFAULT_SEED, demoTruth, generateDemo } from './demo/generate.js'
import { loadDemo } from './demo/load.js'

const HELP = `Usage: npm run demo [-- --seed N]

Loads a demo organisation (about 300 people, departments, a manager tree and hidden communities of practice)
into the configured database: SQLite in DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.
Running it again adds only the people who are missing (matched by email). The planted truth is written to
<DATA_DIR>/demo-truth.json.`

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
  const org = generateDemo({ seed, today: new Date().toISOString().slice(0, 10) })
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  try {
    const result = await loadDemo(database.db, org, await hashPassword(DEMO_PASSWORD))
    fs.mkdirSync(config.dataDir, { recursive: true })
    const truthFile = path.join(config.dataDir, 'demo-truth.json')
    fs.writeFileSync(truthFile, `${JSON.stringify(demoTruth(org, new Date().toISOString()), null, 2)}\n`)
    const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`
    console.log(`Demo organisation (seed ${seed}) loaded into ${where}:`)
    console.log(`  ${result.created} people added, ${result.existing} already there`)
    console.log(
      `  ${org.communities.length} hidden communities, ${org.isolated.length} isolated people, ${org.newcomers.length} starting soon`,
    )
    console.log(`  planted truth: ${truthFile}`)
    console.log(`\nLog in as ${DEMO_ADMIN_EMAIL} (admin), or as anyone in the demo, with the password: ${DEMO_PASSWORD}`)
  } finally {
    await database.close()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
