/**
 * HTTP benchmark of Wellspring's hot read paths, against a bare Fastify route measured in the same run.
 *
 * Run:   npm run bench:http                      (SQLite only)
 *        npm run bench:http -- --pg              (also PostgreSQL, on a throwaway server from test/helpers/pg-server.ts)
 *        BENCH_DATABASE_URL=postgres://... npm run bench:http   (also PostgreSQL, in a new database on that server)
 * Options: --people N (10000) --duration S (10) --warmup S (3) --connections N (50) --threads N (2)
 *          --runner bundle|tsx (bundle: the server bundled by esbuild and run by plain node; tsx: node --import tsx)
 *          --server-cpus LIST (0) --wrk-cpus LIST (1); pass "none" to not pin.
 *
 * What it measures, with wrk over loopback (127.0.0.1), the server pinned to core 0 and wrk to core 1:
 *   bare    GET /bare on bench/bare-server.ts: the same Fastify, logger off, a small JSON object. The reference.
 *   profile GET /api/people/:id as a logged-in member (session cookie), cycling through every seeded id.
 *   search  GET /api/people?q=... as that member, cycling through realistic queries (names, departments,
 *           titles, places, two-word mixes).
 * The organisation is 10,000 people with a manager tree and departments, bulk-inserted through Kysely into a
 * fresh data directory (or database). The real server runs as a child process with LOG_LEVEL=warn and the job
 * worker on, as in production. Each measurement follows a short warm-up. Non-2xx responses are counted and
 * make the run fail, so an error page can never pass for a fast profile.
 *
 * Target: profile_rps >= 50% of bare_rps and profile p99 < 20 ms. The last line printed is JSON:
 *   {"bare_rps", "profile_rps", "profile_p99_ms", "search_rps", "search_p99_ms", "ratio"} for SQLite.
 * Every run is bounded (wrk -d, readiness deadlines) and every child is killed on exit.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { startPgServer } from '../test/helpers/pg-server.js'
import { bundleServer, freePort, onExit, startNodeServer, type ServerProcess } from './lib/processes.js'
import { seedOrg } from './lib/seed.js'
import { runWrk, writeCyclingScript, type WrkResult } from './lib/wrk.js'

const root = path.resolve(import.meta.dirname, '..')
const { values: opts } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    people: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    threads: { type: 'string', default: '2' },
    runner: { type: 'string', default: 'bundle' },
    'server-cpus': { type: 'string', default: '0' },
    'wrk-cpus': { type: 'string', default: '1' },
  },
})
const cpusOf = (v: string | undefined) => (v === 'none' ? undefined : v)
const serverCpus = cpusOf(opts['server-cpus'])
const wrkCpus = cpusOf(opts['wrk-cpus'])
const durationS = Number(opts.duration)
const warmupS = Number(opts.warmup)

interface Figures {
  bare: Measured
  profile: Measured
  search: Measured
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-bench-'))
onExit(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** How to start a TypeScript entry: bundled to plain JS, or through the tsx loader. */
async function nodeArgsFor(entry: string): Promise<string[]> {
  if (opts.runner === 'tsx') return ['--import', 'tsx', path.join(root, entry)]
  if (opts.runner !== 'bundle') throw new Error(`--runner must be bundle or tsx, not ${opts.runner}`)
  return [await bundleServer(root, entry)]
}

/** A wrk run with the CPU time the server spent per request, which other load on the machine barely moves. */
interface Measured extends WrkResult {
  cpuUsPerRequest: number | undefined
}

/** Warm up, then measure. Any non-2xx response fails the benchmark; timeouts are reported. */
async function measure(label: string, server: ServerProcess, urlPath: string, script?: string): Promise<Measured> {
  const base = { url: server.url + urlPath, script, connections: Number(opts.connections), threads: Number(opts.threads), cpus: wrkCpus }
  if (warmupS > 0) await runWrk({ ...base, durationS: warmupS })
  const cpuBefore = server.cpuMs()
  const result = await runWrk({ ...base, durationS })
  const cpuAfter = server.cpuMs()
  if (result.non2xx > 0) throw new Error(`${label}: ${result.non2xx} of ${result.requests} responses were not 2xx`)
  const cpuUsPerRequest = cpuBefore !== undefined && cpuAfter !== undefined ? ((cpuAfter - cpuBefore) * 1000) / result.requests : undefined
  // Busy below ~90% means the server was starved of its core (other load on the machine) or wrk was the limit.
  const busy = cpuBefore !== undefined && cpuAfter !== undefined ? (100 * (cpuAfter - cpuBefore)) / (durationS * 1000) : undefined
  const cpu = cpuUsPerRequest !== undefined ? `   server CPU ${cpuUsPerRequest.toFixed(0)} us/req, busy ${busy?.toFixed(0)}%` : ''
  const failed = result.socketErrors ? `   ${result.socketErrors} socket errors/timeouts` : ''
  console.log(
    `${label.padEnd(8)} ${result.rps.toFixed(0).padStart(8)} req/s   p50 ${result.p50Ms.toFixed(2)} ms   p99 ${result.p99Ms.toFixed(2)} ms${cpu}${failed}`,
  )
  return { ...result, cpuUsPerRequest }
}

async function measureBare(): Promise<Measured> {
  const port = await freePort()
  const server = await startNodeServer({
    args: [...(await nodeArgsFor('bench/bare-server.ts')), String(port)],
    env: process.env,
    port,
    cpus: serverCpus,
    readyPath: '/bare',
    cwd: root,
  })
  try {
    return await measure('bare', server, '/bare')
  } finally {
    await server.stop()
  }
}

/** Logs in as the seeded member and returns the Cookie header value. */
async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ws_session='))
  if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  return cookie.split(';')[0] as string
}

async function expectOk(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } })
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`)
}

/** Seeds a fresh database, starts the real server on it, and measures the profile and search routes. */
async function measureApp(label: string, databaseUrl: string | undefined): Promise<Omit<Figures, 'bare'>> {
  const dataDir = fs.mkdtempSync(path.join(tmp, `${label}-`))
  const started = Date.now()
  const org = await seedOrg({ dataDir, databaseUrl, count: Number(opts.people) })
  console.log(`[${label}] seeded ${org.ids.length} people in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WEB_DIR: path.join(tmp, 'no-web'),
    NODE_ENV: 'production',
  }
  delete env.DATABASE_URL
  if (databaseUrl) env.DATABASE_URL = databaseUrl
  const server = await startNodeServer({
    args: await nodeArgsFor('src/server/main.ts'),
    env,
    port,
    cpus: serverCpus,
    readyPath: '/api/health',
    cwd: root,
  })
  try {
    const cookie = await login(server.url, org.memberEmail, org.memberPassword)
    const profilePaths = org.ids.map((id) => `/api/people/${encodeURIComponent(id)}`)
    const searchPaths = org.queries.map((q) => `/api/people?q=${encodeURIComponent(q)}`)
    await expectOk(server.url + (profilePaths[0] as string), cookie)
    await expectOk(server.url + (searchPaths[0] as string), cookie)
    const profileScript = writeCyclingScript(tmp, `${label}-profile`, profilePaths, { Cookie: cookie })
    const searchScript = writeCyclingScript(tmp, `${label}-search`, searchPaths, { Cookie: cookie })
    const profile = await measure('profile', server, '', profileScript)
    const search = await measure('search', server, '', searchScript)
    return { profile, search }
  } finally {
    await server.stop()
  }
}

/** A new, empty database on the PostgreSQL server at `serverUrl`; main drops it when the run ends (not on Ctrl-C). */
async function freshPgDatabase(serverUrl: string): Promise<string> {
  const name = `ws_bench_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function dropPgDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`)
  await admin.end()
}

function report(figures: Figures) {
  return {
    bare_rps: Math.round(figures.bare.rps),
    profile_rps: Math.round(figures.profile.rps),
    profile_p99_ms: Number(figures.profile.p99Ms.toFixed(2)),
    search_rps: Math.round(figures.search.rps),
    search_p99_ms: Number(figures.search.p99Ms.toFixed(2)),
    ratio: Number((figures.profile.rps / figures.bare.rps).toFixed(3)),
  }
}

async function main(): Promise<void> {
  console.log(
    `runner=${opts.runner} people=${opts.people} wrk -t${opts.threads} -c${opts.connections} -d${durationS}s (warm-up ${warmupS}s) server cpus=${serverCpus ?? 'any'} wrk cpus=${wrkCpus ?? 'any'}`,
  )
  const bare = await measureBare()

  let pgServerUrl = process.env.BENCH_DATABASE_URL
  if (!pgServerUrl && opts.pg) {
    const server = await startPgServer()
    onExit(() => server.stop())
    pgServerUrl = server.url
  }
  let pgFigures: Figures | undefined
  if (pgServerUrl) {
    console.log('--- PostgreSQL (its server processes are not pinned)')
    const databaseUrl = await freshPgDatabase(pgServerUrl)
    try {
      pgFigures = { bare, ...(await measureApp('postgres', databaseUrl)) }
    } finally {
      await dropPgDatabase(pgServerUrl, databaseUrl)
    }
  }
  console.log('--- SQLite')
  const sqlite: Figures = { bare, ...(await measureApp('sqlite', undefined)) }

  const target = (f: Figures) => (f.profile.rps >= 0.5 * f.bare.rps && f.profile.p99Ms < 20 ? 'met' : 'NOT met')
  if (pgFigures) console.log(`postgres: ${JSON.stringify(report(pgFigures))} target ${target(pgFigures)}`)
  console.log(`sqlite: target (profile >= 50% of bare, p99 < 20 ms) ${target(sqlite)}`)
  console.log(JSON.stringify(report(sqlite)))
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
