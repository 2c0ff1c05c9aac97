/**
 * HTTP benchmark of Wellspring's hot read paths, against a bare Fastify route measured in the same run.
 *
 * Run:   npm run bench:http                      (SQLite only)
 *        npm run bench:http -- --pg              (also PostgreSQL, on a throwaway server from test/helpers/pg-server.ts)
 *        BENCH_DATABASE_URL=postgres://... npm run bench:http   (also PostgreSQL, in a new database on that server)
 *        npm run bench:http -- --rounds=3 --nice=-15   (on a machine shared with other work; see below)
 * Options: --people N (10000) --duration S (10) --warmup S (3) --connections N (50) --threads N (2)
 *          --rounds N (1): measure bare, profile and search N times, interleaved, and report the medians
 *          --nice=N (unset): run the servers and wrk at nice N in a session of their own (root for N < 0)
 *          --runner tsx|bundle (tsx: node --import tsx, as npm start runs it; bundle: esbuild bundle on plain
 *          node; measured the same, 157 vs 159 us CPU per profile request)
 *          --server-cpus LIST (0) --wrk-cpus LIST (1); pass "none" to not pin.
 *          --cpu-prof DIR: write a V8 CPU profile of each app server (not the bare one) into DIR when it exits.
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
 * Each line also shows the server's CPU time per request (from /proc) and how busy its core was. Read req/s
 * only when the server was near 100% busy: lower means other work took the core, or wrk (one core, two
 * threads) was the limit, as it can be for the bare route. CPU per request is the steadier comparison.
 *
 * Targets: profile_rps >= 50% of bare_rps and profile p99 < 20 ms; directory search >= 30% of bare. The last
 * line printed is JSON: {"bare_rps", "profile_rps", "profile_p99_ms", "search_rps", "search_p99_ms", "ratio",
 * "directory_ratio", "bare_cpu_us", "profile_cpu_us", "search_cpu_us", "cpu_ratio", "directory_cpu_ratio"} for
 * SQLite (ratio: profile/bare req/s; directory_ratio: search/bare, in the same run; the cpu_ figures are server CPU
 * per request and bare's over each route's). Two servers of the same code differ by up to ~15% in CPU per request
 * for as long as they run, so compare code by several runs (or servers), not one.
 * Every run is bounded (wrk -d, readiness deadlines) and every child is killed on exit. Figures: http-results.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startPgServer } from '../test/helpers/pg-server.js'
import { measure as measureWith, median, type MeasureSettings, type Measured } from './lib/measure.js'
import { freePort, nodeArgsFor, onExit, setBenchNiceness, startNodeServer, type ServerProcess } from './lib/processes.js'
import { freshPgDatabase, startAppTarget, type AppTarget } from './lib/targets.js'
import { ensureWrk } from './lib/wrk.js'
import { exitWithUsageOnHelp } from '../scripts/usage.js'

exitWithUsageOnHelp(import.meta.url)

const root = path.resolve(import.meta.dirname, '..')
const { values: opts } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    people: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    threads: { type: 'string', default: '2' },
    runner: { type: 'string', default: 'tsx' },
    'server-cpus': { type: 'string', default: '0' },
    'wrk-cpus': { type: 'string', default: '1' },
    rounds: { type: 'string', default: '1' },
    nice: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
})
ensureWrk()
const cpusOf = (v: string | undefined) => (v === 'none' ? undefined : v)
const serverCpus = cpusOf(opts['server-cpus'])
const wrkCpus = cpusOf(opts['wrk-cpus'])
const durationS = Number(opts.duration)
const warmupS = Number(opts.warmup)
const rounds = Math.max(1, Number(opts.rounds))
setBenchNiceness(opts.nice === undefined ? undefined : Number(opts.nice))

interface Figures {
  bare: Measured
  profile: Measured
  search: Measured
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-bench-'))
onExit(() => fs.rmSync(tmp, { recursive: true, force: true }))

const wrkSettings: MeasureSettings = {
  connections: Number(opts.connections),
  threads: Number(opts.threads),
  wrkCpus,
  warmupS,
  durationS,
  labelWidth: 16,
}
const measure = (label: string, server: ServerProcess, urlPath: string, script?: string): Promise<Measured> =>
  measureWith(label, server, urlPath, script, wrkSettings)

async function startBare(): Promise<ServerProcess> {
  const port = await freePort()
  return startNodeServer({
    args: [...(await nodeArgsFor(root, opts.runner, 'bench/bare-server.ts')), String(port)],
    env: process.env,
    port,
    cpus: serverCpus,
    readyPath: '/bare',
    cwd: root,
  })
}

function report(figures: Figures) {
  return {
    bare_rps: Math.round(figures.bare.rps),
    profile_rps: Math.round(figures.profile.rps),
    profile_p99_ms: Number(figures.profile.p99Ms.toFixed(2)),
    search_rps: Math.round(figures.search.rps),
    search_p99_ms: Number(figures.search.p99Ms.toFixed(2)),
    ratio: Number((figures.profile.rps / figures.bare.rps).toFixed(3)),
    directory_ratio: Number((figures.search.rps / figures.bare.rps).toFixed(3)),
    // The same comparisons by server CPU per request, which saturation and other load move far less than req/s
    // (http-results.md, session 9). Left out when /proc gives no CPU times.
    bare_cpu_us: cpuUs(figures.bare),
    profile_cpu_us: cpuUs(figures.profile),
    search_cpu_us: cpuUs(figures.search),
    cpu_ratio: cpuRatio(figures.bare, figures.profile),
    directory_cpu_ratio: cpuRatio(figures.bare, figures.search),
  }
}

const cpuUs = (m: Measured) => (m.cpuUsPerRequest === undefined ? undefined : Number(m.cpuUsPerRequest.toFixed(1)))

/** bare's CPU per request over `m`'s: the req/s ratio the two would reach, each saturating a core of its own. */
function cpuRatio(bare: Measured, m: Measured): number | undefined {
  if (bare.cpuUsPerRequest === undefined || m.cpuUsPerRequest === undefined) return undefined
  return Number((bare.cpuUsPerRequest / m.cpuUsPerRequest).toFixed(3))
}

function summarise(label: string, f: Figures): string {
  const cpu = (m: Measured) =>
    m.cpuUsPerRequest === undefined ? '' : `, ${m.cpuUsPerRequest.toFixed(0)} us CPU/req, busy ${m.busyPct?.toFixed(0)}%`
  const line = (name: string, m: Measured) =>
    `  ${name.padEnd(8)} ${m.rps.toFixed(0).padStart(7)} req/s  p99 ${m.p99Ms.toFixed(2)} ms${cpu(m)}`
  const met = f.profile.rps >= 0.5 * f.bare.rps && f.profile.p99Ms < 20 ? 'met' : 'NOT met'
  const directoryMet = f.search.rps >= 0.3 * f.bare.rps ? 'met' : 'NOT met'
  const lines = [
    `${label} (median of ${rounds} rounds): target (profile >= 50% of bare, p99 < 20 ms) ${met}; directory search >= 30% of bare ${directoryMet}`,
    line('bare', f.bare),
    line('profile', f.profile),
    line('search', f.search),
  ]
  if (f.bare.cpuUsPerRequest !== undefined && f.profile.cpuUsPerRequest !== undefined) {
    // What the ratio would be with both servers saturating their core: the CPU each request costs.
    lines.push(`  CPU ratio (bare CPU/req / profile CPU/req): ${(f.bare.cpuUsPerRequest / f.profile.cpuUsPerRequest).toFixed(3)}`)
  }
  for (const [name, m] of [
    ['bare', f.bare],
    ['profile', f.profile],
  ] as const) {
    if (m.busyPct !== undefined && m.busyPct < 85) {
      lines.push(
        `  warning: the ${name} server was only ${m.busyPct.toFixed(0)}% busy, so its req/s is not its capacity (other load or wrk was the limit) and the ratio is unreliable`,
      )
    }
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  console.log(
    `runner=${opts.runner} people=${opts.people} rounds=${rounds} nice=${opts.nice ?? 'unchanged'} wrk -t${opts.threads} -c${opts.connections} -d${durationS}s (warm-up ${warmupS}s) server cpus=${serverCpus ?? 'any'} wrk cpus=${wrkCpus ?? 'any'}`,
  )
  let pgServerUrl = process.env.BENCH_DATABASE_URL
  if (!pgServerUrl && opts.pg) {
    const server = await startPgServer()
    onExit(() => server.stop())
    pgServerUrl = server.url
  }
  const bare = await startBare()
  const cpuProf = opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts['cpu-prof'])}`] : []
  const nodeArgs = [...cpuProf, ...(await nodeArgsFor(root, opts.runner, 'src/server/main.ts'))]
  const common = { people: Number(opts.people), tmp, root, nodeArgs, cpus: serverCpus }
  const targets: AppTarget[] = []
  const drops: (() => Promise<void>)[] = []
  try {
    if (pgServerUrl) {
      const database = await freshPgDatabase(pgServerUrl)
      drops.push(() => database.drop())
      targets.push(await startAppTarget({ ...common, label: 'postgres', databaseUrl: database.url }))
    }
    targets.push(await startAppTarget({ ...common, label: 'sqlite', databaseUrl: undefined }))
    // Rounds interleave the reference and the app, so a burst of other load hits both alike.
    const runs = new Map<string, Measured[]>()
    const keep = (key: string, m: Measured) => runs.set(key, [...(runs.get(key) ?? []), m])
    for (let round = 1; round <= rounds; round++) {
      console.log(`--- round ${round}/${rounds}`)
      keep('bare', await measure('bare', bare, '/bare'))
      for (const t of targets) {
        keep(`${t.label}.profile`, await measure(`${t.label} profile`, t.server, '', t.profileScript))
        keep(`${t.label}.search`, await measure(`${t.label} search`, t.server, '', t.searchScript))
      }
    }
    const figuresOf = (label: string): Figures => ({
      bare: median(runs.get('bare') ?? []),
      profile: median(runs.get(`${label}.profile`) ?? []),
      search: median(runs.get(`${label}.search`) ?? []),
    })
    const pgTarget = targets.find((t) => t.label === 'postgres')
    if (pgTarget) {
      console.log(summarise('postgres (its server processes are not pinned)', figuresOf('postgres')))
      console.log(`postgres: ${JSON.stringify(report(figuresOf('postgres')))}`)
    }
    console.log(summarise('sqlite', figuresOf('sqlite')))
    console.log(JSON.stringify(report(figuresOf('sqlite'))))
  } finally {
    // Writing a CPU profile on exit takes a while; the default grace would kill the server before it is written.
    for (const t of targets) await t.server.stop(opts['cpu-prof'] ? 60_000 : undefined)
    await bare.stop()
    for (const drop of drops) await drop()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
