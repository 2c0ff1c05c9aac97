/**
 * Search on PostgreSQL, beside bench:knowledge's SQLite figure: the newest posts of bench:knowledge's cached data
 * set (with every person, community and membership) are copied into a fresh database, and the same 200 queries
 * run one at a time, in process (no HTTP), as the same member.
 *
 * Run:   BENCH_DATABASE_URL=postgres://... npm run bench:knowledge-pg-search -- --posts 200000
 *        (run npm run bench:knowledge once first: it builds the data set)
 * Options: --posts N (200000): how many of the newest posts to copy (answers and comments only with their thread).
 *          --keep: keep the PostgreSQL database (its address is printed) for a closer look.
 *          --sqlite: measure the same subset's queries on the full SQLite data set too, in process, for comparison.
 * Prints p50/p95 latency and this process's CPU per query (PostgreSQL's own CPU is not in it); the last line is
 * JSON: {"pg_posts", "pg_search_p50_ms", "pg_search_p95_ms"}.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { searchPosts } from '../src/server/knowledge/search.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import type { Db, DialectAdapter } from '../src/server/platform/db/dialect.js'
import { cacheDirFor, ensureKnowledgeData, type SeededKnowledge } from './lib/knowledge-seed.js'
import { freshPgDatabase } from './lib/targets.js'
import { exitWithUsageOnHelp } from '../scripts/usage.js'

exitWithUsageOnHelp(import.meta.url)

const root = path.resolve(import.meta.dirname, '..')
const { values: opts } = parseArgs({
  options: {
    posts: { type: 'string', default: '200000' },
    sqlite: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
})
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL
if (!serverUrl) throw new Error('set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server')

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number

/** Copies a table's rows (all, or those `where` selects) from SQLite into PostgreSQL, in batches. */
async function copyRows(from: SqliteDatabase.Database, to: Db, table: string, where = '', batch = 500): Promise<number> {
  const rows = from.prepare(`select * from ${table} ${where} order by rowid`).all() as Record<string, unknown>[]
  for (let i = 0; i < rows.length; i += batch)
    await to
      .insertInto(table as 'person')
      .values(rows.slice(i, i + batch) as never)
      .execute()
  return rows.length
}

async function measure(label: string, db: Db, dialect: DialectAdapter, data: SeededKnowledge): Promise<{ p50: number; p95: number }> {
  const person = await db
    .selectFrom('person')
    .select(['id', 'name', 'email'])
    .where('email', '=', data.users[0]!.email)
    .executeTakeFirstOrThrow()
  const viewer = { id: person.id, name: person.name, email: person.email, isAdmin: false, isManager: false, csrfToken: '' }
  const run = (q: SeededKnowledge['queries'][number]) => searchPosts(db, dialect, viewer, { q: q.q, community: q.community })
  for (const q of data.queries.slice(0, 20)) await run(q)
  const ms: number[] = []
  const slowest: [number, string][] = []
  const cpu0 = process.cpuUsage()
  for (const q of data.queries.slice(20, 220)) {
    const started = performance.now()
    await run(q)
    ms.push(performance.now() - started)
    slowest.push([performance.now() - started, `${q.cls}: ${q.q}${q.community ? ` in ${q.community}` : ''}`])
  }
  const cpu = process.cpuUsage(cpu0)
  ms.sort((a, b) => a - b)
  const p50 = percentile(ms, 50)
  const p95 = percentile(ms, 95)
  console.log(
    `${label.padEnd(8)} ${ms.length} queries   p50 ${p50.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   max ${ms[ms.length - 1]!.toFixed(1)} ms   this process's CPU ${((cpu.user + cpu.system) / ms.length / 1000).toFixed(2)} ms/query`,
  )
  const worst = slowest.sort((a, b) => b[0] - a[0]).slice(0, 5)
  console.log(`         slowest: ${worst.map(([t, q]) => `${q} ${t.toFixed(0)} ms`).join('; ')}`)
  return { p50, p95 }
}

async function main(): Promise<void> {
  const seedOptions = { posts: 1_000_000, communities: 500, people: 10_000, seed: 7 }
  const cacheDir = cacheDirFor(root, seedOptions)
  const data = await ensureKnowledgeData(cacheDir, seedOptions, false)
  const source = new SqliteDatabase(path.join(cacheDir, 'wellspring.db'), { readonly: true })
  const maxId = (source.prepare('select max(id) as n from post').get() as { n: number }).n
  const minId = maxId - Number(opts.posts) + 1
  const target = await freshPgDatabase(serverUrl as string)
  const database = await openDatabase({ dataDir: path.join(root, '.tmp'), databaseUrl: target.url })
  try {
    const started = Date.now()
    for (const table of ['person', 'community', 'membership']) await copyRows(source, database.db, table)
    // A thread is copied whole or not at all, so every parent and root is there.
    const copied = await copyRows(
      source,
      database.db,
      'post',
      `where id >= ${minId} and (root_id is null or root_id >= ${minId}) and (parent_id is null or parent_id >= ${minId})`,
      200,
    )
    await sql`analyze`.execute(database.db)
    console.log(`copied ${copied} posts (ids from ${minId}) into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(0)} s`)
    const pg = await measure('postgres', database.db, database.dialect, data)
    if (opts.sqlite) {
      const local = await openDatabase({ dataDir: cacheDir, databaseUrl: undefined })
      await measure('sqlite', local.db, local.dialect, data).finally(() => local.close())
    }
    console.log(
      JSON.stringify({ pg_posts: copied, pg_search_p50_ms: Number(pg.p50.toFixed(2)), pg_search_p95_ms: Number(pg.p95.toFixed(2)) }),
    )
  } finally {
    await database.close()
    if (opts.keep) console.log(`kept ${target.url}`)
    else await target.drop()
    source.close()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
