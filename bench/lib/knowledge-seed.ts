/**
 * The data set of bench/knowledge.ts: 10,000 people, 500 communities (open, closed and secret) with
 * memberships, and a million posts over two years. The schema comes from openDatabase() (so migrations run);
 * rows go in through raw better-sqlite3 prepared statements in large transactions, and the FTS5 triggers keep
 * the search index. The result is cached under .tmp/ by a hash of the parameters and of this generator.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { hashPassword } from '../../src/server/platform/auth/passwords.js'
import { openDatabase } from '../../src/server/platform/db/database.js'
import { writePosts, DEFAULT_MIX } from './knowledge-posts.js'
import { buildQueries, type BenchQuery } from './knowledge-queries.js'
import { AREAS, TextGenerator, rngFrom } from './knowledge-text.js'
import { buildOrg } from './seed.js'

export interface KnowledgeSeedOptions {
  posts: number
  communities: number
  people: number
  seed: number
}

/** What the benchmark needs to know about the data it runs on. */
export interface SeededKnowledge {
  password: string
  /** People who post during the benchmark; the first one also reads feeds, threads and search. */
  users: { email: string; memberSlugs: string[] }[]
  /** Communities the first user may read (open ones and those they belong to). */
  readableSlugs: string[]
  /** Active questions the first user may read. */
  questionIds: number[]
  queries: BenchQuery[]
  counts: { people: number; communities: number; memberships: number; posts: number; closed: number; secret: number }
  generationSeconds: number
}

const SUFFIXES =
  'Guild Circle Forum Lab Club Collective Network Practice Crew Roundtable Society Dojo Chapter Exchange Studio Huddle Council Hub Academy Salon'.split(
    ' ',
  )
const BENCH_USERS = 20
const DAY = 86_400_000

/** The cache directory for these options: changes to the options or to the generator give a new one. */
export function cacheDirFor(root: string, options: KnowledgeSeedOptions): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify(options))
  for (const f of ['knowledge-seed.ts', 'knowledge-posts.ts', 'knowledge-text.ts', 'knowledge-queries.ts'])
    hash.update(fs.readFileSync(path.join(import.meta.dirname, f)))
  return path.join(root, '.tmp', `bench-knowledge-${hash.digest('hex').slice(0, 12)}`)
}

/**
 * Returns the seeded data set in `cacheDir`, generating it first when missing (or when `fresh`). The
 * database file there is a template: callers copy it, since the benchmark writes.
 */
export async function ensureKnowledgeData(cacheDir: string, options: KnowledgeSeedOptions, fresh: boolean): Promise<SeededKnowledge> {
  const metaFile = path.join(cacheDir, 'meta.json')
  if (!fresh && fs.existsSync(metaFile)) return JSON.parse(fs.readFileSync(metaFile, 'utf8')) as SeededKnowledge
  fs.rmSync(cacheDir, { recursive: true, force: true })
  const building = `${cacheDir}.building`
  fs.rmSync(building, { recursive: true, force: true })
  const meta = await generate(building, options)
  fs.writeFileSync(path.join(building, 'meta.json'), JSON.stringify(meta))
  fs.renameSync(building, cacheDir)
  return meta
}

async function generate(dataDir: string, o: KnowledgeSeedOptions): Promise<SeededKnowledge> {
  const started = Date.now()
  const database = await openDatabase({ dataDir, databaseUrl: undefined })
  await database.close()
  const raw = new SqliteDatabase(path.join(dataDir, 'wellspring.db'))
  raw.pragma('synchronous = OFF')
  raw.pragma('cache_size = -512000')
  raw.pragma('foreign_keys = ON')
  const rnd = rngFrom(o.seed)
  const endMs = Date.now()
  const startMs = endMs - 730 * DAY
  const iso = (ms: number) => new Date(ms).toISOString()

  const password = 'bench-password-correct-horse'
  const people = buildOrg(o.people, await hashPassword(password), o.seed)
  const columns = Object.keys(people[0]!)
  const insertPerson = raw.prepare(`insert into person (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`)
  raw.transaction(() => people.forEach((p) => insertPerson.run(p)))()
  const active = people.filter((p) => p.status === 'active').map((p) => p.id)
  const benchPeople = people
    .filter((p) => p.status === 'active' && p.role === 'member' && !/Lead|Head|Chief/.test(p.title))
    .slice(0, BENCH_USERS)
  const benchIds = new Set(benchPeople.map((p) => p.id))

  // Communities: an area of practice each, most open; activity follows a Zipf law over a shuffled order.
  const text = new TextGenerator(o.seed)
  const communities = Array.from({ length: o.communities }, (_, i) => {
    const area = AREAS[i % AREAS.length]!
    const name = `${area.name} ${SUFFIXES[Math.floor(i / AREAS.length) % SUFFIXES.length]}${i >= AREAS.length * SUFFIXES.length ? ` ${i}` : ''}`
    const x = rnd()
    return {
      id: `c${String(i).padStart(4, '0')}-${crypto.randomUUID().slice(0, 8)}`,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      name,
      visibility: x < 0.8 ? 'open' : x < 0.95 ? 'closed' : 'secret',
      vocab: text.vocabularyFor(i, rnd),
      weight: 0,
    }
  })
  const ranks = communities.map((_, i) => i).sort(() => rnd() - 0.5)
  ranks.forEach((c, rank) => (communities[c]!.weight = 1 / Math.pow(rank + 3, 0.9)))
  const table: number[] = []
  const total = communities.reduce((s, c) => s + c.weight, 0)
  communities.forEach((c, i) => {
    for (let k = Math.max(1, Math.round((c.weight / total) * 100_000)); k > 0; k--) table.push(i)
  })
  const pickCommunity = (r: () => number) => table[Math.floor(r() * table.length)]!

  // Memberships: most people are in a handful of communities, a few in many; creators are stewards.
  const members: string[][] = communities.map(() => [])
  const roles: Map<string, string>[] = communities.map(() => new Map())
  const join = (c: number, person: string, role: string) => {
    if (roles[c]!.has(person)) return
    roles[c]!.set(person, role)
    members[c]!.push(person)
  }
  communities.forEach((_, c) => join(c, active[Math.floor(rnd() * active.length)]!, 'steward'))
  for (const person of active) {
    if (benchIds.has(person)) continue
    const k = Math.min(25, 1 + Math.floor(-Math.log(1 - rnd()) * 5))
    for (let j = 0; j < k; j++) join(pickCommunity(rnd), person, rnd() < 0.05 ? 'core' : rnd() < 0.7 ? 'member' : 'newcomer')
  }
  communities.forEach((_, c) => {
    while (members[c]!.length < 5) join(c, active[Math.floor(rnd() * active.length)]!, 'member')
  })
  // Bench users: each in 30 open, 7 closed and 3 secret communities, as plain members.
  const userSlugs: string[][] = []
  for (const p of benchPeople) {
    const mine = new Set<number>()
    for (const [visibility, count] of [
      ['open', 30],
      ['closed', 7],
      ['secret', 3],
    ] as const) {
      const pool = communities.map((c, i) => i).filter((i) => communities[i]!.visibility === visibility)
      for (
        let tries = 0;
        mine.size < 40 &&
        tries < 10_000 &&
        [...mine].filter((i) => communities[i]!.visibility === visibility).length < Math.min(count, pool.length);
        tries++
      ) {
        mine.add(rnd() < 0.5 ? pool[Math.floor(rnd() * pool.length)]! : pickCommunity(rnd))
      }
    }
    for (const c of mine) join(c, p.id, 'member')
    userSlugs.push([...mine].map((c) => communities[c]!.slug))
  }

  const createdAt = iso(startMs - 30 * DAY)
  const insertCommunity =
    raw.prepare(`insert into community (id, slug, name, purpose, tags, visibility, rules, created_by, member_count, post_count,
    last_activity_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, '{}', ?, 0, 0, ?, ?, ?)`)
  const insertMembership = raw.prepare(
    'insert into membership (community_id, person_id, role, following, joined_at, role_since) values (?, ?, ?, 1, ?, ?)',
  )
  const insertEvent = raw.prepare(
    'insert into membership_event (id, community_id, person_id, from_role, to_role, reason, actor_id, at) values (?, ?, ?, null, ?, ?, ?, ?)',
  )
  let memberships = 0
  raw.transaction(() => {
    communities.forEach((c, i) => {
      const area = AREAS[c.vocab.area]!
      insertCommunity.run(
        c.id,
        c.slug,
        c.name,
        `People who practise ${area.name.toLowerCase()} share questions, stories and what works.`,
        JSON.stringify(area.words.slice(0, 3)),
        c.visibility,
        members[i]![0],
        createdAt,
        createdAt,
        createdAt,
      )
      members[i]!.forEach((person, k) => {
        const role = roles[i]!.get(person)!
        const at = k === 0 ? createdAt : iso(startMs + rnd() * 600 * DAY)
        insertMembership.run(c.id, person, role, at, at)
        insertEvent.run(crypto.randomUUID(), c.id, person, role, k === 0 ? 'created' : 'join', person, at)
        memberships++
      })
    })
  })()

  console.log(`  ${people.length} people, ${communities.length} communities, ${memberships} memberships; writing ${o.posts} posts`)
  const bulk = startBulkLoad(raw)
  const written = writePosts(
    raw,
    {
      members,
      pickCommunity,
      communityIds: communities.map((c) => c.id),
      vocab: communities.map((c) => c.vocab),
      text,
      startMs,
      endMs,
      seed: o.seed,
    },
    { ...DEFAULT_MIX, posts: o.posts },
  )
  bulk.finish()
  const updateCommunity = raw.prepare('update community set member_count = ?, post_count = ?, last_activity_at = ? where id = ?')
  raw.transaction(() =>
    communities.forEach((c, i) =>
      updateCommunity.run(members[i]!.length, written.postCount[i], iso(written.lastActivity[i] || startMs), c.id),
    ),
  )()
  raw.pragma('wal_checkpoint(TRUNCATE)')
  raw.close()

  const viewerMember = new Set(userSlugs[0])
  const readable = communities.map((c, i) => ({ c, i })).filter(({ c }) => c.visibility === 'open' || viewerMember.has(c.slug))
  const readableIdx = new Set(readable.map((r) => r.i))
  const readableQuestions = written.questions.filter((q) => readableIdx.has(q.community))
  const qr = rngFrom(o.seed + 3)
  const questionIds = Array.from(
    { length: Math.min(5000, readableQuestions.length) },
    () => readableQuestions[Math.floor(qr() * readableQuestions.length)]!.id,
  )
  return {
    password,
    users: benchPeople.map((p, k) => ({ email: p.email, memberSlugs: userSlugs[k]! })),
    readableSlugs: readable.map(({ c }) => c.slug),
    questionIds: [...new Set(questionIds)],
    queries: buildQueries(
      text,
      readable.map(({ c }) => ({ slug: c.slug, vocab: c.vocab })),
      o.seed,
    ),
    counts: {
      people: people.length,
      communities: communities.length,
      memberships,
      posts: o.posts,
      closed: communities.filter((c) => c.visibility === 'closed').length,
      secret: communities.filter((c) => c.visibility === 'secret').length,
    },
    generationSeconds: (Date.now() - started) / 1000,
  }
}

/**
 * Loads posts the way a bulk import should: the secondary indexes of the tables the generator fills are
 * dropped and built once at the end (a sort instead of a random B-tree insert per row), and full-text
 * indexing is deferred through the app's own post_search_defer/post_search_pending tables (migration 0010)
 * and done in one statement at the end, in id order.
 */
function startBulkLoad(raw: SqliteDatabase.Database): { finish(): void } {
  const t0 = Date.now()
  const indexes = raw
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('post', 'post_tag', 'thanks', 'adoption')",
    )
    .all() as { name: string; sql: string }[]
  for (const i of indexes) raw.exec(`drop index ${i.name}`)
  raw.exec('insert into post_search_defer (id) values (1)')
  return {
    finish() {
      const t1 = Date.now()
      raw.transaction(() => {
        raw.exec(`insert into post_search (rowid, title, tags, body, scope)
          select id, title, tags, body, scope from post_search_src where id in (select id from post_search_pending) order by id`)
        // One bulk insert leaves FTS5 with many segments; merge them as a long-running index would be.
        raw.exec("insert into post_search (post_search) values ('optimize')")
        raw.exec('delete from post_search_pending')
        raw.exec('delete from post_search_defer')
      })()
      const t2 = Date.now()
      for (const i of indexes) raw.exec(i.sql)
      console.log(
        `  bulk load: posts written in ${((t1 - t0) / 1000).toFixed(0)} s, search index ${((t2 - t1) / 1000).toFixed(0)} s, ${indexes.length} indexes ${((Date.now() - t2) / 1000).toFixed(0)} s`,
      )
    },
  }
}
