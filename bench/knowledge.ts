/**
 * Benchmark of the knowledge commons on SQLite at scale: a million posts in 500 communities, against a bare
 * Fastify route measured in the same run.
 *
 * Run:   npm run bench:knowledge
 * Options: --posts N (1000000) --communities N (500) --people N (10000) --seed N (7) --fresh (regenerate the
 *          cached data set) --duration S (10) --warmup S (3) --connections N (50) --threads N (2)
 *          --rounds N (3) --runner bundle|tsx --server-cpus LIST (0) --wrk-cpus LIST (1); pass "none" to not pin.
 *          --nice N: run the servers and wrk at nice N in a session of their own (root for N < 0), as
 *          bench:http does, on a machine shared with other work. --only feed,thread,search,posts: measure
 *          some parts only (no summary line). --cpu-prof DIR: write a V8 CPU profile of the app server.
 *
 * The data set (bench/lib/knowledge-seed.ts) is generated once into .tmp/bench-knowledge-<hash>/ and copied
 * for each run, because the run writes. The real server runs as a child process on that copy with the job
 * worker on, as in production, pinned to core 0; wrk runs on core 1. Timing starts once the server's start-up job
 * (the spelling vocabulary, built over every post) is done: the steady state. It measures:
 *   bare    GET /bare on bench/bare-server.ts: the same Fastify, a small JSON object. The reference. It runs
 *           beside the app server, and bare, feed and thread are measured in --rounds interleaved rounds (as
 *           bench:http does), so a burst of other load on a shared machine hits the reference and the app alike;
 *           each figure, and so each ratio, is from the medians.
 *   feed    GET /api/communities/:slug/feed?limit=20 as a logged-in member, cycling over every community
 *           they may read (open ones, and the closed and secret ones they belong to).
 *   thread  GET /api/posts/:id, cycling over thousands of readable questions with their answers and comments.
 *   search  GET /api/search?q=... for 200 mixed queries (bench/lib/knowledge-queries.ts), one at a time,
 *           after 20 warm-up queries: latency p50/p95 as the client sees it.
 *   posts   POST /api/communities/:slug/posts from 50 connections, 20 people each posting questions into the
 *           communities they belong to (cookie and x-csrf-token); posts/s is the number of new rows in the
 *           database over the time wrk ran. The job worker's fan-out backlog and its rate after the burst are shown.
 * Figures, and what each optimisation did: bench/knowledge-results.md.
 * Any non-2xx response fails the run. Targets: feed >= 50% of bare, thread >= 30% of bare, search p95 <= 15 ms,
 * >= 1,000 posts/s.
 * The last line printed is JSON: {"feed_ratio", "thread_ratio", "search_p50_ms", "search_p95_ms", "posts_per_s"}.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import SqliteDatabase from 'better-sqlite3'
import { SEARCH_VOCABULARY_JOB } from '../src/server/knowledge/module.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { describeRun, measure as measureWith, median, type MeasureSettings, type Measured } from './lib/measure.js'
import { freePort, nodeArgsFor, onExit, setBenchNiceness, startNodeServer, type ServerProcess } from './lib/processes.js'
import { cacheDirFor, ensureKnowledgeData, type SeededKnowledge } from './lib/knowledge-seed.js'
import { writePostingScript } from './lib/knowledge-wrk.js'
import { ensureWrk, runWrk, writeCyclingScript } from './lib/wrk.js'
import { exitWithUsageOnHelp } from '../scripts/usage.js'

exitWithUsageOnHelp(import.meta.url)

const root = path.resolve(import.meta.dirname, '..')
const { values: opts } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    communities: { type: 'string', default: '500' },
    people: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '7' },
    fresh: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    threads: { type: 'string', default: '2' },
    runner: { type: 'string', default: 'bundle' },
    'server-cpus': { type: 'string', default: '0' },
    'wrk-cpus': { type: 'string', default: '1' },
    only: { type: 'string', default: 'feed,thread,search,posts' },
    rounds: { type: 'string', default: '3' },
    'cpu-prof': { type: 'string' },
    nice: { type: 'string' },
  },
})
ensureWrk()
const cpusOf = (v: string | undefined) => (v === 'none' ? undefined : v)
const serverCpus = cpusOf(opts['server-cpus'])
const wrkCpus = cpusOf(opts['wrk-cpus'])
const durationS = Number(opts.duration)
const parts = new Set(opts.only.split(','))
setBenchNiceness(opts.nice === undefined ? undefined : Number(opts.nice))
const warmupS = Number(opts.warmup)
const rounds = Math.max(1, Number(opts.rounds))

const runDir = path.join(root, '.tmp', `bench-knowledge-run-${process.pid}`)
onExit(() => fs.rmSync(runDir, { recursive: true, force: true }))

const wrkSettings: MeasureSettings = {
  connections: Number(opts.connections),
  threads: Number(opts.threads),
  wrkCpus,
  warmupS,
  durationS,
  labelWidth: 8,
}
const measure = (label: string, server: ServerProcess, urlPath: string, script?: string): Promise<Measured> =>
  measureWith(label, server, urlPath, script, wrkSettings)

/** The reference server (bench/bare-server.ts), pinned like the app's; it idles while the app is measured. */
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

interface Session {
  cookie: string
  csrf: string
}

async function login(url: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('ws_session='))
  if (res.status !== 200 || !setCookie) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  const cookie = setCookie.split(';')[0] as string
  const info = (await (await fetch(`${url}/api/auth/session`, { headers: { cookie } })).json()) as { viewer: { csrfToken: string } | null }
  if (!info.viewer) throw new Error(`no session after logging in as ${email}`)
  return { cookie, csrf: info.viewer.csrfToken }
}

async function expectOk(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } })
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`)
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number

/** Sends the queries one at a time and returns their latencies (ms), in order. */
async function measureSearch(url: string, cookie: string, data: SeededKnowledge): Promise<{ p50: number; p95: number }> {
  const run = async (q: SeededKnowledge['queries'][number]) => {
    const started = performance.now()
    const res = await fetch(`${url}/api/search?q=${encodeURIComponent(q.q)}${q.community ? `&community=${q.community}` : ''}`, {
      headers: { cookie },
    })
    const body = (await res.json()) as { total: number }
    const ms = performance.now() - started
    if (res.status !== 200) throw new Error(`search ${q.q}: ${res.status} ${JSON.stringify(body)}`)
    return { ms, total: body.total }
  }
  for (const q of data.queries.slice(0, 20)) await run(q)
  const results: { ms: number; total: number; cls: string }[] = []
  for (const q of data.queries.slice(20, 220)) results.push({ ...(await run(q)), cls: q.cls + (q.community ? '+community' : '') })
  const ms = results.map((r) => r.ms).sort((a, b) => a - b)
  const totals = results.map((r) => r.total).sort((a, b) => a - b)
  const byClass = new Map<string, number[]>()
  for (const r of results) byClass.set(r.cls, [...(byClass.get(r.cls) ?? []), r.ms])
  const classes = [...byClass]
    .map(
      ([cls, xs]) =>
        `${cls} ${xs.length}× p50 ${percentile(
          xs.sort((a, b) => a - b),
          50,
        ).toFixed(1)}`,
    )
    .join(', ')
  console.log(
    `search   ${results.length} queries   p50 ${percentile(ms, 50).toFixed(2)} ms   p95 ${percentile(ms, 95).toFixed(2)} ms   max ${ms[ms.length - 1]!.toFixed(1)} ms`,
  )
  console.log(
    `         threads matched: median ${percentile(totals, 50)}, p95 ${percentile(totals, 95)}, max ${totals[totals.length - 1]}; by class (ms): ${classes}`,
  )
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) }
}

function countPosts(dbFile: string): number {
  const db = new SqliteDatabase(dbFile, { readonly: true })
  try {
    return (db.prepare('select count(*) as n from post').get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** The post count once requests still in flight (after wrk stopped) have landed. */
async function settledPostCount(dbFile: string): Promise<number> {
  let last = countPosts(dbFile)
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 300))
    const now = countPosts(dbFile)
    if (now === last) return now
    last = now
  }
  return last
}

/** Posts still waiting for their fan-out (one job per community announces them), and notifications stored. */
function fanoutProgress(dbFile: string): { waiting: number; notifications: number } {
  const db = new SqliteDatabase(dbFile, { readonly: true })
  try {
    const waiting = (db.prepare('select count(*) as n from notification_fanout').get() as { n: number }).n
    const notifications = (db.prepare('select count(*) as n from notification').get() as { n: number }).n
    return { waiting, notifications }
  } finally {
    db.close()
  }
}

/**
 * The steady state: a server started on the data set (which has no schedule rows) builds the spelling vocabulary
 * at once, a pass over a million posts (4–12 s here) that would otherwise run during the first round of
 * feed and thread, and change which queries try a correction half-way through search. Waits for it.
 */
async function awaitStartupJobs(dbFile: string): Promise<void> {
  type JobState = { status: string; error: string | null; created_at: string; updated_at: string }
  const read = () => {
    const db = new SqliteDatabase(dbFile, { readonly: true })
    try {
      return db.prepare(`select status, error, created_at, updated_at from job where kind = ?`).get(SEARCH_VOCABULARY_JOB) as
        JobState | undefined
    } finally {
      db.close()
    }
  }
  const started = Date.now()
  let job = read()
  while (!job || job.status === 'queued' || job.status === 'running') {
    if (Date.now() - started > 180_000) throw new Error('the spelling vocabulary job did not finish within 180 s')
    await new Promise((r) => setTimeout(r, 250))
    job = read()
  }
  if (job.status !== 'done') throw new Error(`the spelling vocabulary job ended ${job.status}: ${job.error}`)
  const took = (Date.parse(job.updated_at) - Date.parse(job.created_at)) / 1000
  console.log(`steady state: the spelling vocabulary job (${took.toFixed(1)} s from queued to done) is over; timing begins now`)
}

function jobBacklog(dbFile: string): string {
  const db = new SqliteDatabase(dbFile, { readonly: true })
  try {
    const rows = db.prepare(`select status, count(*) as n from job where kind = 'notification.fanout' group by status`).all() as {
      status: string
      n: number
    }[]
    const waiting = (db.prepare('select count(*) as n from notification_fanout').get() as { n: number }).n
    return `${waiting} posts waiting; jobs ${rows.map((r) => `${r.n} ${r.status}`).join(', ') || 'none'}`
  } finally {
    db.close()
  }
}

/** Question bodies of a few paragraphs, a list and a link, as people write them; #N# keeps each one unique. */
function postingBodies(): string[] {
  const topics = [
    'helm upgrades',
    'flaky e2e tests',
    'pricing tiers',
    'onboarding buddies',
    'slo reviews',
    'contract redlines',
    'backfill jobs',
    'keynote nerves',
  ]
  return topics.map((t, i) =>
    JSON.stringify({
      kind: 'question',
      title: `How do other teams handle ${t}? (#N#)`,
      body: `We keep running into trouble with **${t}** and I would like to learn how others do it.\n\nWhat we tried so far:\n\n- a checklist in the wiki\n- a weekly review with the team\n- asking in the channel\n\nAny [notes](https://wiki.example.com/${i}) or stories welcome. Reference #N#.`,
      tags: [t.split(' ')[0], 'bench'],
    }),
  )
}

/** Authenticated POSTs from many connections; the new rows are counted in the database. Returns posts/s: new rows over the time wrk ran. */
async function measurePosting(server: ServerProcess, data: SeededKnowledge, sessions: Session[], dbFile: string): Promise<number> {
  const targets = data.users.flatMap((u, k) =>
    u.memberSlugs.map((slug) => ({
      path: `/api/communities/${slug}/posts`,
      headers: { Cookie: sessions[k]!.cookie, 'x-csrf-token': sessions[k]!.csrf },
    })),
  )
  const script = writePostingScript(
    runDir,
    'posts',
    targets.sort((a, b) => a.path.localeCompare(b.path)),
    postingBodies(),
  )
  const base = { url: server.url, script, connections: Number(opts.connections), threads: Number(opts.threads), cpus: wrkCpus }
  if (warmupS > 0) await runWrk({ ...base, durationS: warmupS })
  const before = await settledPostCount(dbFile)
  const cpuBefore = server.cpuMs()
  const started = performance.now()
  const posting = await runWrk({ ...base, durationS })
  const seconds = (performance.now() - started) / 1000
  const cpuAfter = server.cpuMs()
  const created = (await settledPostCount(dbFile)) - before
  if (posting.non2xx > 0) throw new Error(`posts: ${posting.non2xx} of ${posting.requests} responses were not 2xx`)
  // Every acknowledged post must be there. Requests still in flight when wrk stopped, or that wrk gave up
  // on (timeouts), may have committed without being counted: at most one per connection plus the timeouts.
  if (created < posting.requests || created > posting.requests + Number(opts.connections) + posting.socketErrors) {
    throw new Error(`posts: wrk saw ${posting.requests} created, the database has ${created} new posts`)
  }
  // The figure is what the database holds, over the whole time wrk ran (not wrk's own request rate).
  const postsPerS = created / seconds
  const cpu =
    cpuBefore !== undefined && cpuAfter !== undefined
      ? `   server CPU ${(((cpuAfter - cpuBefore) * 1000) / created).toFixed(0)} us/post`
      : ''
  console.log(
    `posts    ${postsPerS.toFixed(0).padStart(8)} posts/s   p50 ${posting.p50Ms.toFixed(2)} ms   p99 ${posting.p99Ms.toFixed(2)} ms${cpu}`,
  )
  const failed = posting.socketErrors ? `, ${posting.socketErrors} socket errors/timeouts` : ''
  console.log(
    `         ${created} new posts in the database in ${seconds.toFixed(1)} s (wrk counted ${posting.requests} responses, ${posting.rps.toFixed(0)}/s${failed}); fan-out: ${jobBacklog(dbFile)}`,
  )
  // The job worker runs in the server, as in production. Measure how fast it works off the backlog once the
  // burst is over (it gets little of the event loop during one).
  const from = fanoutProgress(dbFile)
  await new Promise((r) => setTimeout(r, 10_000))
  const to = fanoutProgress(dbFile)
  console.log(
    `         after the burst the worker announced ${((from.waiting - to.waiting) / 10).toFixed(0)} posts/s (${((to.notifications - from.notifications) / 10).toFixed(0)} notifications/s); left: ${jobBacklog(dbFile)}`,
  )
  return postsPerS
}

async function measureApp(data: SeededKnowledge, dbTemplate: string, bare: ServerProcess) {
  fs.mkdirSync(runDir, { recursive: true })
  const dbFile = path.join(runDir, 'wellspring.db')
  fs.copyFileSync(dbTemplate, dbFile)
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: runDir,
    LOG_LEVEL: 'warn',
    WEB_DIR: path.join(runDir, 'no-web'),
    NODE_ENV: 'production',
    AUTH_RATE_LIMIT: '100000',
  }
  delete env.DATABASE_URL
  const server = await startNodeServer({
    // --cpu-prof DIR: a V8 CPU profile of the server, written when it exits.
    args: [
      ...(opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts['cpu-prof'])}`] : []),
      ...(await nodeArgsFor(root, opts.runner, 'src/server/main.ts')),
    ],
    env,
    port,
    cpus: serverCpus,
    readyPath: '/api/health',
    cwd: root,
    timeoutMs: 120_000,
  })
  try {
    await awaitStartupJobs(dbFile)
    const sessions = await Promise.all(data.users.map((u) => login(server.url, u.email, data.password)))
    const viewer = sessions[0]!
    const feedPaths = data.readableSlugs.map((s) => `/api/communities/${s}/feed?limit=20`)
    const threadPaths = data.questionIds.map((id) => `/api/posts/${id}`)
    await expectOk(server.url + feedPaths[0], viewer.cookie)
    await expectOk(server.url + threadPaths[0], viewer.cookie)
    const feedScript = writeCyclingScript(runDir, 'feed', feedPaths, { Cookie: viewer.cookie })
    const threadScript = writeCyclingScript(runDir, 'thread', threadPaths, { Cookie: viewer.cookie })
    // Rounds interleave the reference and the app's reads, so a burst of other load on the machine hits both
    // alike; each figure is the median of its rounds.
    const runs: Record<'bare' | 'feed' | 'thread', Measured[]> = { bare: [], feed: [], thread: [] }
    if (parts.has('feed') || parts.has('thread')) {
      for (let round = 1; round <= rounds; round++) {
        if (rounds > 1) console.log(`--- round ${round}/${rounds}`)
        runs.bare.push(await measure('bare', bare, '/bare'))
        if (parts.has('feed')) runs.feed.push(await measure('feed', server, '', feedScript))
        if (parts.has('thread')) runs.thread.push(await measure('thread', server, '', threadScript))
      }
    }
    const [bareRef, feed, thread] = [runs.bare, runs.feed, runs.thread].map((r) => (r.length ? median(r) : undefined))
    if (rounds > 1 && bareRef) {
      console.log(`--- median of ${rounds} rounds`)
      for (const [label, m] of [
        ['bare', bareRef],
        ['feed', feed],
        ['thread', thread],
      ] as const)
        if (m) console.log(describeRun(label, m, wrkSettings.labelWidth))
    }
    const search = parts.has('search') ? await measureSearch(server.url, viewer.cookie, data) : undefined
    const postsPerS = parts.has('posts') ? await measurePosting(server, data, sessions, dbFile) : undefined
    return { bare: bareRef, feed, thread, search, postsPerS }
  } finally {
    await server.stop(opts['cpu-prof'] ? 60_000 : undefined)
  }
}

/**
 * Runs migrations added since the data set was generated on the cached template itself, once, so each run
 * does not redo them on its copy (on a million posts an index or full-text rebuild takes minutes).
 */
async function upgradeTemplate(cacheDir: string): Promise<void> {
  const started = Date.now()
  const database = await openDatabase({ dataDir: cacheDir, databaseUrl: undefined })
  await database.close()
  const raw = new SqliteDatabase(path.join(cacheDir, 'wellspring.db'))
  raw.pragma('wal_checkpoint(TRUNCATE)')
  raw.close()
  const seconds = (Date.now() - started) / 1000
  if (seconds > 2) console.log(`data set: migrations added since it was generated ran in ${seconds.toFixed(0)} s`)
}

async function main(): Promise<void> {
  const seedOptions = {
    posts: Number(opts.posts),
    communities: Number(opts.communities),
    people: Number(opts.people),
    seed: Number(opts.seed),
  }
  const cacheDir = cacheDirFor(root, seedOptions)
  const cached = !opts.fresh && fs.existsSync(path.join(cacheDir, 'meta.json'))
  console.log(
    cached
      ? `data set: cached in ${path.relative(root, cacheDir)}`
      : `data set: generating ${seedOptions.posts} posts into ${path.relative(root, cacheDir)}`,
  )
  const data = await ensureKnowledgeData(cacheDir, seedOptions, opts.fresh)
  await upgradeTemplate(cacheDir)
  const c = data.counts
  console.log(
    `data set: ${c.posts} posts, ${c.communities} communities (${c.closed} closed, ${c.secret} secret), ${c.people} people, ${c.memberships} memberships; generated in ${data.generationSeconds.toFixed(0)} s${cached ? ' (earlier)' : ''}`,
  )
  console.log(
    `runner=${opts.runner} nice=${opts.nice ?? 'unchanged'} rounds=${rounds} wrk -t${opts.threads} -c${opts.connections} -d${durationS}s (warm-up ${warmupS}s) server cpus=${serverCpus ?? 'any'} wrk cpus=${wrkCpus ?? 'any'}`,
  )
  const bare = await startBare()
  const app = await measureApp(data, path.join(cacheDir, 'wellspring.db'), bare).finally(() => bare.stop())
  if (!app.bare || !app.feed || !app.thread || !app.search || app.postsPerS === undefined)
    return console.log(`measured only ${opts.only}: no summary`)
  const result = {
    feed_ratio: Number((app.feed.rps / app.bare.rps).toFixed(3)),
    thread_ratio: Number((app.thread.rps / app.bare.rps).toFixed(3)),
    search_p50_ms: Number(app.search.p50.toFixed(2)),
    search_p95_ms: Number(app.search.p95.toFixed(2)),
    posts_per_s: Math.round(app.postsPerS),
  }
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met')
  console.log(
    `targets: feed >= 50% of bare ${met(result.feed_ratio >= 0.5)}; thread >= 30% of bare ${met(result.thread_ratio >= 0.3)}; search p95 <= 15 ms ${met(result.search_p95_ms <= 15)}; posts >= 1000/s ${met(result.posts_per_s >= 1000)}`,
  )
  console.log(JSON.stringify(result))
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
