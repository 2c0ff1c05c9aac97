import { sql, type Kysely, type Transaction } from 'kysely'
import type { PostKind, Tables } from './tables.js'

export type Db = Kysely<Tables>
export type Tx = Transaction<Tables>
export type DialectName = 'sqlite' | 'postgres'

/**
 * Everything that differs between SQLite and PostgreSQL. This is the only place that branches on the
 * dialect; the rest of the code calls these functions.
 */
export interface DialectAdapter {
  readonly name: DialectName
  /** Claims the next due job: at most one worker gets each job. */
  claimJob(db: Db, workerId: string, now: string, lockedUntil: string): Promise<Tables['job'] | undefined>
  /** True when `err` is a unique-constraint violation. */
  isUniqueViolation(err: unknown): boolean
  /** Case-insensitive "contains" match, as a SQL fragment. */
  containsText(column: string, needle: string): ReturnType<typeof sql<boolean>>
  /**
   * Full-text search over posts, best first, one hit per thread (a question and its answers count once, by
   * their best-scoring post). Filters run inside the SQL, so nothing outside `communityIds` is ranked,
   * counted or quoted. Snippets are plain text with MARK_START/MARK_END around matched words: not HTML.
   */
  searchPosts(db: Db, options: SearchOptions): Promise<{ hits: SearchHit[]; total: number }>
  /** Top-level posts whose title matches every term, the last one as a prefix (as-you-type suggestions). */
  suggestTitles(db: Db, options: SuggestOptions): Promise<TitleSuggestion[]>
}

/** Marks around matched words in snippets; the caller escapes the text and only then turns them into HTML. */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

export interface SearchOptions {
  /** Words to find, every one of them, already split from the user's input (see search-terms.ts). */
  terms: string[]
  /** Match posts with any of the terms instead of all of them (the ask flow types whole questions). */
  anyTerm?: boolean
  /** Only posts in these communities: the ones the viewer may read. Empty means nothing. */
  communityIds: string[]
  /** Kinds of the matching post itself (an answer is its own kind). */
  kinds: PostKind[]
  /** Every tag must be on the thread's root post. */
  tags?: string[]
  /** Posts by this person, never anonymous ones. */
  authorId?: string
  /** Creation time bounds, ISO: from inclusive, to exclusive. */
  from?: string
  to?: string
  /** Now, ISO, for the recency boost. */
  now: string
  limit: number
  offset: number
}

export interface SearchHit {
  /** The matching post. */
  id: number
  /** Its thread's root post (itself for top-level posts). */
  rootId: number
  score: number
  snippet: string
}

export interface SuggestOptions {
  terms: string[]
  communityIds: string[]
  kinds: PostKind[]
  limit: number
}

export interface TitleSuggestion {
  id: number
  title: string
  kind: PostKind
  communityId: string
}

// Defence in depth: terms reach the query language only if they are plain words (letters, digits, marks).
const WORD = /^[\p{L}\p{N}\p{M}]{1,64}$/u
const safeTerms = (terms: string[]) => terms.filter((t) => WORD.test(t))

/**
 * The filters shared by both dialects. Deleted posts never match, nor answers whose question was deleted.
 * Tags belong to the thread's root, so an answer matches its question's tags.
 */
function postFilters(o: Omit<SearchOptions, 'terms' | 'now' | 'limit' | 'offset'>) {
  const parts = [
    sql`p.status = 'active'`,
    sql`p.kind in (${sql.join(o.kinds)})`,
    sql`p.community_id in (${sql.join(o.communityIds)})`,
    sql`(p.root_id is null or exists (select 1 from post r where r.id = p.root_id and r.status = 'active'))`,
  ]
  if (o.authorId) parts.push(sql`p.author_id = ${o.authorId} and p.anonymous = 0`)
  if (o.from) parts.push(sql`p.created_at >= ${o.from}`)
  if (o.to) parts.push(sql`p.created_at < ${o.to}`)
  for (const tag of o.tags ?? [])
    parts.push(sql`exists (select 1 from post_tag t where t.post_id = coalesce(p.root_id, p.id) and t.tag = ${tag})`)
  return sql.join(parts, sql` and `)
}

/**
 * Relevance times a recency boost of 1 + 1/(1 + ageDays/180): a new post counts double, one six months old
 * 1.5 times, one two years old 1.2 times, so recency breaks near-ties without burying a much better match.
 */
const RECENCY_DAYS = sql.lit(180)

type HitRow = { id: number | string; thread: number | string; score: number; total: number | string }

function toHits(rows: HitRow[], snippets: Map<number, string>): SearchHit[] {
  return rows.map((r) => ({
    id: Number(r.id),
    rootId: Number(r.thread),
    score: Number(r.score),
    snippet: snippets.get(Number(r.id)) ?? '',
  }))
}

const claimableWhere = (now: string) =>
  sql<boolean>`(status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})`

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  async claimJob(db, workerId, now, lockedUntil) {
    // SQLite has one writer at a time, so select-then-update in a transaction is already exclusive.
    return db.transaction().execute(async (tx) => {
      const next = await tx
        .selectFrom('job')
        .select('id')
        .where(claimableWhere(now))
        .orderBy('run_at')
        .limit(1)
        .executeTakeFirst()
      if (!next) return undefined
      return tx
        .updateTable('job')
        .set({ status: 'running', locked_by: workerId, locked_until: lockedUntil, attempts: sql`attempts + 1`, updated_at: now })
        .where('id', '=', next.id)
        .returningAll()
        .executeTakeFirst()
    })
  },
  isUniqueViolation(err) {
    return err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT_UNIQUE')
  },
  containsText(column, needle) {
    return sql<boolean>`instr(${sql.ref(column)}, ${needle.toLowerCase()}) > 0`
  },
  async searchPosts(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || o.communityIds.length === 0 || o.kinds.length === 0) return { hits: [], total: 0 }
    // Each term quoted: FTS5 operators (OR, NOT, NEAR, *, ^, column filters) in the input stay plain words.
    const match = terms.map((t) => `"${t}"`).join(o.anyTerm ? ' OR ' : ' ')
    // The FTS table drives the join (CROSS JOIN fixes the order); bm25 weighs title 10, tags 4, body 1 and is
    // negative, best lowest. MATERIALIZED keeps bm25() in the FTS query (it cannot run inside the GROUP BY);
    // grouping by thread keeps the row of its best score (SQLite's bare-column rule).
    const { rows } = await sql<HitRow>`
        with hit as materialized (
          select p.id as id, coalesce(p.root_id, p.id) as thread,
            -bm25(post_fts, 10.0, 4.0, 1.0) * (1.0 + 1.0 / (1.0 + max(0.0, julianday(${o.now}) - julianday(p.created_at)) / ${RECENCY_DAYS})) as score
          from post_fts cross join post p on p.id = post_fts.rowid
          where post_fts match ${match} and ${postFilters(o)}
        ), best as (select id, thread, max(score) as score from hit group by thread)
        select id, thread, score, count(*) over () as total from best order by score desc, id desc limit ${o.limit} offset ${o.offset}`.execute(
      db,
    )
    const total = rows[0]
      ? Number(rows[0].total)
      : o.offset > 0
        ? (await sqliteAdapter.searchPosts(db, { ...o, limit: 1, offset: 0 })).total
        : 0
    if (rows.length === 0) return { hits: [], total }
    // Snippets only for the page: snippet() re-reads and re-tokenises the text, the costly part.
    const snips = await sql<{ id: number; snippet: string | null }>`
      select rowid as id, snippet(post_fts, 2, ${MARK_START}, ${MARK_END}, '…', 24) as snippet
      from post_fts where post_fts match ${match} and rowid in (${sql.join(rows.map((r) => Number(r.id)))})`.execute(db)
    return { hits: toHits(rows, new Map(snips.rows.map((r) => [Number(r.id), r.snippet ?? '']))), total }
  },
  async suggestTitles(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || o.communityIds.length === 0 || o.kinds.length === 0) return []
    const match = `title : (${terms.map((t, i) => (i === terms.length - 1 ? `"${t}"*` : `"${t}"`)).join(' ')})`
    const { rows } = await sql<{ id: number; title: string; kind: PostKind; community_id: string }>`
      select p.id, p.title, p.kind, p.community_id
      from post_fts cross join post p on p.id = post_fts.rowid
      where post_fts match ${match} and ${postFilters(o)}
      order by post_fts.rank, p.id desc limit ${o.limit}`.execute(db)
    return rows.map((r) => ({ id: Number(r.id), title: r.title, kind: r.kind, communityId: r.community_id }))
  },
}

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  async claimJob(db, workerId, now, lockedUntil) {
    // FOR UPDATE SKIP LOCKED lets several app nodes claim from the same table without waiting on each other.
    const result = await sql<Tables['job']>`
      update job set status = 'running', locked_by = ${workerId}, locked_until = ${lockedUntil},
        attempts = attempts + 1, updated_at = ${now}
      where id = (
        select id from job where ${claimableWhere(now)}
        order by run_at limit 1 for update skip locked
      )
      returning *`.execute(db)
    return result.rows[0]
  },
  isUniqueViolation(err) {
    return err instanceof Error && 'code' in err && err.code === '23505'
  },
  containsText(column, needle) {
    return sql<boolean>`strpos(${sql.ref(column)}, ${needle.toLowerCase()}) > 0`
  },
  async searchPosts(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || o.communityIds.length === 0 || o.kinds.length === 0) return { hits: [], total: 0 }
    // plainto_tsquery over plain words: every term required, stemmed, no operators, so it cannot fail to
    // parse; the same meaning as the quoted terms on SQLite. Weights {D,C,B,A}: title 1, tags 0.4, body 0.2.
    const text = terms.join(' ')
    // Any-term mode ORs the same words; each is quoted and WORD-checked, so to_tsquery cannot fail to parse.
    const tsquery = o.anyTerm ? sql`to_tsquery('english', ${terms.map((t) => `'${t}'`).join(' | ')})` : sql`plainto_tsquery('english', ${text})`
    const { rows } = await sql<HitRow>`
        with q as (select ${tsquery} as query),
        hit as (
          select p.id, coalesce(p.root_id, p.id) as thread,
            ts_rank_cd('{0.1,0.2,0.4,1.0}'::float4[], p.search, q.query, 1)::float8
              * (1.0 + 1.0 / (1.0 + greatest(0.0, extract(epoch from (${o.now}::timestamptz - p.created_at::timestamptz))::float8 / 86400.0) / ${RECENCY_DAYS})) as score
          from post p cross join q
          where p.search @@ q.query and ${postFilters(o)}
        ), best as (select distinct on (thread) id, thread, score from hit order by thread, score desc, id desc)
        select id, thread, score, count(*) over () as total from best order by score desc, id desc limit ${o.limit} offset ${o.offset}`.execute(
      db,
    )
    const total = rows[0]
      ? Number(rows[0].total)
      : o.offset > 0
        ? (await postgresAdapter.searchPosts(db, { ...o, limit: 1, offset: 0 })).total
        : 0
    if (rows.length === 0) return { hits: [], total }
    const options = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`
    const snips = await sql<{ id: number; snippet: string | null }>`
      select id, ts_headline('english', body, ${tsquery}, ${options}) as snippet
      from post where id in (${sql.join(rows.map((r) => Number(r.id)))})`.execute(db)
    return { hits: toHits(rows, new Map(snips.rows.map((r) => [Number(r.id), r.snippet ?? '']))), total }
  },
  async suggestTitles(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || o.communityIds.length === 0 || o.kinds.length === 0) return []
    // Whole words stemmed and restricted to the title (weight A); the word being typed as a prefix, both
    // stemmed (as FTS5 does) and as typed (so a stop word like "the" can still begin "theory").
    const whole = terms.slice(0, -1).map((t) => `'${t}':A`)
    const last = terms[terms.length - 1] as string
    const head = whole.length ? sql`to_tsquery('english', ${whole.join(' & ')}) && ` : sql``
    const { rows } = await sql<{ id: number; title: string; kind: PostKind; community_id: string }>`
      with q as (select ${head}(to_tsquery('english', ${`'${last}':*A`}) || to_tsquery('simple', ${`'${last}':*A`})) as query)
      select p.id, p.title, p.kind, p.community_id
      from post p cross join q
      where p.search @@ q.query and ${postFilters(o)}
      order by ts_rank_cd(p.search, q.query) desc, p.id desc limit ${o.limit}`.execute(db)
    return rows.map((r) => ({ id: Number(r.id), title: r.title, kind: r.kind, communityId: r.community_id }))
  },
}
