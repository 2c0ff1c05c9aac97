import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { hashPassword } from '../src/server/platform/auth/passwords.js'
import { loadConfig } from '../src/server/platform/config.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { insertJob, queuedJobRow } from '../src/server/platform/jobs/store.js'
import { JOB_PRIORITY } from '../src/server/platform/jobs/types.js'
import { newId } from '../src/server/platform/time.js'
import { DISCOVERY_JOB } from '../src/server/insights/discovery-job.js'
import { createDiskStorage } from '../src/server/platform/storage.js'
import { createS3Storage } from '../src/server/platform/storage-s3.js'
import { DEMO_ADMIN_EMAIL } from './demo/catalogue.js'
import { DEFAULT_SEED, demoTruth, generateDemo } from './demo/generate.js'
import { DemoRefusedError } from './demo/guard.js'
import { loadDemoOrganisation } from './demo/load.js'

const HELP = `Usage: npm run demo [-- --seed N]

Loads a demo organisation (about 300 people, departments, a manager tree and hidden communities of practice)
and a year of their activity (communities, questions, answers, stories, practices, lessons, thanks, adoptions,
the interaction log, a learning catalogue of lessons, quizzes, a SCORM module, a branching simulation and
instructor-led sessions with assignments, a team challenge and learning maps, and connections: mentoring,
coaching circles, lunch rounds and introductions) into the configured
database: SQLite in DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.

It loads only into an empty database, in one transaction: a database that holds anything else (a setup
admin, a roster import, a community...) is refused and left unchanged, and a database that already holds the
demo is left as it is. Every demo person gets one password, made up for this load: it is printed at the end
and written to <DATA_DIR>/demo-login.txt (readable by you only). The planted truth is written to
<DATA_DIR>/demo-truth.json (format: scripts/demo/README.md).`

/** The file that keeps the demo's login: the password is made up per load, so it is written nowhere else. */
const LOGIN_FILE = 'demo-login.txt'

/** Writes `text` to `file`, readable and writable by its owner only, whatever the umask. */
function writePrivate(file: string, text: string): void {
  fs.rmSync(file, { force: true })
  fs.writeFileSync(file, text, { mode: 0o600 })
  fs.chmodSync(file, 0o600)
}

/** `npm run demo`: generates the demo organisation, loads it and writes the planted truth and the login. */
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
  const loginFile = path.join(config.dataDir, LOGIN_FILE)
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  try {
    const now = new Date().toISOString()
    const org = generateDemo({ seed, today: now.slice(0, 10) })
    // 16 characters of base64url: 96 random bits, typed once from the login file.
    const password = randomBytes(12).toString('base64url')
    // The same file storage as the app (app.ts), for the demo's SCORM package.
    const storage = config.s3 ? createS3Storage(config.s3) : createDiskStorage(path.join(config.dataDir, 'files'))
    const outcome = await loadDemoOrganisation(database.db, database.dialect.name, org, await hashPassword(password), now, storage)
    if (outcome.status === 'already-loaded') {
      const { seed: loadedSeed, loaded_at: loadedAt } = outcome.marker
      console.log(`The demo organisation (seed ${loadedSeed}) was loaded here on ${loadedAt}; nothing was changed.`)
      console.log(`  its login is in ${loginFile} (if that file was kept), its planted truth in ${truthFile}`)
      return
    }
    // Community discovery is weekly; without a first run a manager's Insights would say "no discovery has run
    // yet" for a week. Queued here, it runs as soon as Wellspring starts (or at once, if it is running).
    await insertJob(database.db, queuedJobRow({ id: newId(), kind: DISCOVERY_JOB, payload: {}, now, priority: JOB_PRIORITY.normal }))
    fs.mkdirSync(config.dataDir, { recursive: true })
    fs.writeFileSync(truthFile, `${JSON.stringify(demoTruth(org, now), null, 2)}\n`)
    writePrivate(
      loginFile,
      `# The demo organisation loaded on ${now} (seed ${seed}). Every demo person has this password.\n` +
        `email: ${DEMO_ADMIN_EMAIL}\npassword: ${password}\n`,
    )
    const { knowledge: year } = outcome
    const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`
    console.log(`Demo organisation (seed ${seed}) loaded into ${where}:`)
    console.log(`  ${outcome.people} people`)
    console.log(
      `  ${org.communities.length} hidden communities, ${org.isolated.length} isolated people, ${org.newcomers.length} starting soon`,
    )
    console.log(
      `  ${year.communities} communities, ${year.memberships} memberships (${year.membershipEvents} trajectory events), ${year.joinRequests} pending join requests`,
    )
    console.log(`  ${year.posts} posts, ${year.thanks} thanks, ${year.adoptions} adoptions, ${year.interactions} interactions`)
    const { learning } = outcome
    console.log(
      `  learning: ${learning.lessons} lessons (${learning.lessonReaders} readers), ${learning.sessions} sessions (${learning.enrolments} enrolments), ${learning.simulations} ${learning.simulations === 1 ? 'simulation' : 'simulations'}`,
    )
    const { practice } = outcome
    console.log(
      `  ${practice.quizzes} quizzes (${practice.quizAnswers} answers), ${practice.challenges} team ${practice.challenges === 1 ? 'challenge' : 'challenges'}, ${practice.assignments} assignments, ${practice.scormModules} SCORM ${practice.scormModules === 1 ? 'module' : 'modules'} (${practice.scormAttempts} attempts)`,
    )
    const { connections } = outcome
    console.log(`  connections: ${connections.programmes} programmes, ${connections.matches} matches, ${connections.meetings} meetings`)
    console.log(
      `  learning maps: ${outcome.maps.maps} communities' maps, ${outcome.maps.nodes} skills, ${outcome.maps.goals} learners' goals`,
    )
    console.log(`  community discovery queued: it runs when Wellspring starts (Insights shows it a minute later)`)
    console.log(`  planted truth: ${truthFile}`)
    console.log(`  in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    console.log(`\nLog in as ${DEMO_ADMIN_EMAIL} (admin), or as anyone in the demo, with the password: ${password}`)
    console.log(`(kept in ${loginFile}, readable by you only; a new load makes a new password)`)
  } finally {
    await database.close()
  }
}

main().catch((err: unknown) => {
  // A refusal is an answer, not a crash: its message says what was found and what to do, without a stack.
  console.error(err instanceof DemoRefusedError ? err.message : err instanceof Error ? err.message : String(err))
  process.exit(1)
})
