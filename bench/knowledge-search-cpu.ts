/**
 * In-process CPU of a search on the bench:knowledge data set: the app (SQLite) without HTTP, the same 200 queries
 * as bench:knowledge (after its 20 warm-up queries), one at a time through app.inject, as its first user. CPU time
 * (process.cpuUsage) is steadier than latency on a shared machine. Run on a copy of the cached data set: the app
 * migrates the database it opens.
 *
 * Run:   npm run bench:knowledge-search-cpu -- --data DIR [--rounds N (3)] [--out FILE] [--slowest N] [--now ISO]
 *        [--empty-vocabulary]
 *   DIR holds wellspring.db and meta.json (copied from .tmp/bench-knowledge-<hash>/). --out writes every
 *   query's JSON answer, to compare two versions' results byte for byte; --now fixes the process's clock
 *   (Date), since a score's recency boost moves with it: two runs with the same --now answer alike.
 *   The spelling vocabulary (search_term) is built first when it is empty, as bench:knowledge's server does at
 *   start (its job runs at once): the template's is empty, and without it no query tries a correction, which
 *   41 of the 200 do in bench:knowledge. --empty-vocabulary leaves it empty (as this script did before).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildApp } from '../src/server/app.js'
import { rebuildSearchVocabulary } from '../src/server/knowledge/search-vocabulary.js'
import { loadConfig } from '../src/server/platform/config.js'
import type { SeededKnowledge } from './lib/knowledge-seed.js'
import { exitWithUsageOnHelp } from '../scripts/usage.js'

exitWithUsageOnHelp(import.meta.url)

const { values: opts } = parseArgs({
  options: {
    data: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    out: { type: 'string' },
    slowest: { type: 'string', default: '0' },
    now: { type: 'string' },
    'empty-vocabulary': { type: 'boolean', default: false },
  },
})
if (!opts.data) throw new Error('--data DIR is required')
if (opts.now) fixClock(Date.parse(opts.now))
const dataDir = path.resolve(opts.data)
const meta = JSON.parse(fs.readFileSync(path.join(dataDir, 'meta.json'), 'utf8')) as SeededKnowledge
const app = await buildApp(
  loadConfig({}, { dataDir, databaseUrl: undefined, logLevel: 'silent', authRateLimit: 100_000, webDir: '/nonexistent', runWorker: false }),
)
if (!opts['empty-vocabulary'] && !(await app.db.selectFrom('search_term').select('term').limit(1).executeTakeFirst())) {
  const started = Date.now()
  const { terms } = await rebuildSearchVocabulary(app.db)
  console.log(`spelling vocabulary: ${terms} words, built in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { email: meta.users[0]!.email, password: meta.password },
})
const session = login.cookies.find((c) => c.name === 'ws_session')
if (login.statusCode !== 200 || !session) throw new Error(`login failed: ${login.statusCode} ${login.body}`)
const cookie = `ws_session=${session.value}`
const url = (q: SeededKnowledge['queries'][number]) =>
  `/api/search?q=${encodeURIComponent(q.q)}${q.community ? `&community=${q.community}` : ''}`
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] as number

/** Every `new Date()` and `Date.now()` of the process reads `at` from now on (timers still run on real time). */
function fixClock(at: number): void {
  if (Number.isNaN(at)) throw new Error('--now must be an ISO date')
  const Real = Date
  globalThis.Date = class extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(at)
      else super(...(args as [string]))
    }
    static override now(): number {
      return at
    }
  } as DateConstructor
}

const answers: string[] = []
// The last round's CPU a query, for --slowest.
const last: { q: string; ms: number }[] = []
for (const q of meta.queries.slice(0, 20)) await app.inject({ method: 'GET', url: url(q), headers: { cookie } })
for (let round = 1; round <= Number(opts.rounds); round++) {
  const cpu: number[] = []
  const wall: number[] = []
  for (const q of meta.queries.slice(20, 220)) {
    const c0 = process.cpuUsage()
    const w0 = performance.now()
    const res = await app.inject({ method: 'GET', url: url(q), headers: { cookie } })
    wall.push(performance.now() - w0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
    if (round === Number(opts.rounds)) last.push({ q: url(q), ms: cpu[cpu.length - 1]! })
    if (res.statusCode !== 200) throw new Error(`${url(q)}: ${res.statusCode} ${res.body}`)
    if (round === 1) answers.push(res.body)
  }
  const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length
  console.log(
    `round ${round}: CPU a query mean ${mean.toFixed(2)} ms, p50 ${pct(cpu, 50).toFixed(2)}, p95 ${pct(cpu, 95).toFixed(2)}; wall p50 ${pct(wall, 50).toFixed(2)} ms, p95 ${pct(wall, 95).toFixed(2)} ms`,
  )
}
for (const s of last.sort((a, b) => b.ms - a.ms).slice(0, Number(opts.slowest))) console.log(`${s.ms.toFixed(2)} ms  ${s.q}`)
if (opts.out) fs.writeFileSync(opts.out, answers.join('\n') + '\n')
await app.close()
