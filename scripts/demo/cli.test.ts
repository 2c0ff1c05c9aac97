import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS, login, setupAdmin, type Dialect } from '../../test/helpers/app.js'
import { runImport } from '../../src/server/people/roster-test-support.js'
import { buildApp } from '../../src/server/app.js'
import { loadConfig } from '../../src/server/platform/config.js'
import { openDatabase } from '../../src/server/platform/db/database.js'
import { DEMO_ADMIN_EMAIL } from './catalogue.js'

// `npm run demo` as a user runs it, in a child process: it must check before it writes, load all or nothing,
// and refuse any database that holds something it did not create, leaving every row as it was.

const ROOT = path.resolve(import.meta.dirname, '../..')

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `npm run demo` (scripts/demo.ts) against a data directory and, for PostgreSQL, a database. */
function runDemo(dataDir: string, databaseUrl: string | undefined): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  if (databaseUrl) env.DATABASE_URL = databaseUrl
  else delete env.DATABASE_URL
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: ROOT, env, timeout: 240_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** Every row of every table (views left out), each table's rows sorted: equal snapshots hold the same rows. */
async function snapshot(dataDir: string, databaseUrl: string | undefined): Promise<Record<string, string[]>> {
  const database = await openDatabase({ dataDir, databaseUrl })
  try {
    const out: Record<string, string[]> = {}
    for (const t of await database.db.introspection.getTables()) {
      if (t.isView) continue
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t.name)}`.execute(database.db)
      out[t.name] = rows.rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort()
    }
    return out
  } finally {
    await database.close()
  }
}

const appOn = (dataDir: string, databaseUrl: string | undefined) =>
  buildApp(loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', authRateLimit: 10_000, webDir: '/nonexistent' }), {
    jobPollMs: 50,
  })

describe.each(DIALECTS)('%s: npm run demo', (dialect: Dialect) => {
  let store: Awaited<ReturnType<typeof createTestDatabase>> | undefined
  afterEach(async () => {
    await store?.drop()
    store = undefined
  })

  /** Runs the demo on a database that holds something else: it must exit non-zero with every row unchanged. */
  async function expectRefused(dataDir: string, databaseUrl: string | undefined, mentions: string[]): Promise<void> {
    const before = await snapshot(dataDir, databaseUrl)
    const run = await runDemo(dataDir, databaseUrl)
    expect(run.code, run.stdout).not.toBe(0)
    expect(await snapshot(dataDir, databaseUrl)).toEqual(before)
    expect(run.stderr).toContain('Refusing to load the demo')
    for (const table of mentions) expect(run.stderr).toContain(`${table}:`)
    expect(fs.existsSync(path.join(dataDir, 'demo-login.txt'))).toBe(false)
    expect(fs.existsSync(path.join(dataDir, 'demo-truth.json'))).toBe(false)
  }

  it('refuses a database with only the setup page’s admin, and changes nothing', async () => {
    store = await createTestDatabase(dialect)
    const app = await appOn(store.dataDir, store.databaseUrl)
    await setupAdmin(app)
    await app.close()
    await expectRefused(store.dataDir, store.databaseUrl, ['person', 'session'])
  })

  it('refuses an organisation with a roster and a community, and changes nothing', async () => {
    store = await createTestDatabase(dialect)
    const app = await appOn(store.dataDir, store.databaseUrl)
    app.jobs.start()
    const admin = await setupAdmin(app)
    const roster = await runImport(
      admin,
      'email,name,title,department,manager_email,location,start_date\nana@real.test,Ana Real,Engineer,Data,,London,2021-02-01\n',
    )
    expect(roster.job.status).toBe('done')
    const created = await admin.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })
    expect(created.statusCode, created.body).toBe(201)
    await app.close()
    await expectRefused(store.dataDir, store.databaseUrl, ['person', 'community', 'roster_import'])
  })

  it('loads an empty database in full, with a password of its own kept in a private file; a second run changes nothing', async () => {
    store = await createTestDatabase(dialect)
    const run = await runDemo(store.dataDir, store.databaseUrl)
    expect(run.code, run.stderr).toBe(0)
    const loginFile = path.join(store.dataDir, 'demo-login.txt')
    expect(fs.statSync(loginFile).mode & 0o777).toBe(0o600)
    const password = /password: (\S+)/.exec(fs.readFileSync(loginFile, 'utf8'))?.[1] as string
    expect(password).toMatch(/^[\w-]{16}$/)
    expect(run.stdout).toContain(password)
    expect(fs.readFileSync(path.join(store.dataDir, 'demo-truth.json'), 'utf8')).not.toContain(password)

    const app = await appOn(store.dataDir, store.databaseUrl)
    const admin = await login(app, DEMO_ADMIN_EMAIL, password)
    expect((await admin.get('/api/communities')).json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(4)
    await expect(login(app, DEMO_ADMIN_EMAIL, 'wellspring-demo')).rejects.toThrow(/401/)
    // The load queued the first community discovery, which runs once Wellspring starts: Insights have something
    // to show from the first minute, not a week later.
    app.jobs.start() // as main.ts does when Wellspring starts
    const latestRun = async () => (await admin.get('/api/insights/discovery')).json<{ run: { finishedAt: string } | null }>().run
    await expect.poll(async () => (await latestRun())?.finishedAt, { timeout: 120_000, interval: 500 }).toBeTruthy()
    await app.close()

    const before = await snapshot(store.dataDir, store.databaseUrl)
    const again = await runDemo(store.dataDir, store.databaseUrl)
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toContain('nothing was changed')
    expect(await snapshot(store.dataDir, store.databaseUrl)).toEqual(before)
    expect(fs.readFileSync(loginFile, 'utf8')).toContain(password)
    // Two loads and a discovery over a year of the demo's interactions: minutes on a busy machine.
  }, 300_000)
})
