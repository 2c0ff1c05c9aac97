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
   * The work is bounded (see SEARCH_WINDOW): a very common word ranks only its most recent matches.
   */
  searchPosts(db: Db, options: SearchOptions): Promise<SearchPage>
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
  /** Overrides SEARCH_WINDOW and SEARCH_SCAN, and forces SQLite's plan for few communities or many (tests). */
  window?: number
  scan?: number
  narrow?: boolean
}

/**
 * Search does bounded work so that it stays fast on a million posts: it ranks at most SEARCH_WINDOW matching
 * posts, the most recently added ones (the full-text index walks ids newest first at little cost), among at
 * most SEARCH_SCAN raw matches (which bounds the work when filters reject most of them). A search with fewer
 * matches is ranked exactly. Ranking every match of a common word would cost far more than a page of results
 * is worth; recency is already part of the score.
 */
export const SEARCH_WINDOW = 500
export const SEARCH_SCAN = 5000
/** Up to this many communities, search lists their posts first rather than joining every match. */
const NARROW = 5
const SUGGEST_WINDOW = 200

export interface SearchPage {
  hits: SearchHit[]
  /** Matching threads; a lower bound when `capped`. */
  total: number
  /** True when more posts matched than were ranked. */
  capped: boolean
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

type HitRow = { id: number | string; thread: number | string; score: number; total: number | string; hits: number | string }

/** The SQL one dialect runs for a search; windowedSearch does the rest the same way on both. */
interface SearchSql {
  /** How many of the newest `scan` raw matches exist (up to `scan`), and the lowest id among them. */
  bound(scan: number): Promise<{ lo: number | null; n: number }>
  /** The page of best threads among the newest `window` filtered matches with id >= lo. */
  ranked(lo: number | null, window: number, limit: number, offset: number): Promise<HitRow[]>
  /** Marked snippets of the given posts. */
  snippets(ids: number[]): Promise<{ id: number | string; snippet: string | null }[]>
}

async function windowedSearch(o: SearchOptions, q: SearchSql): Promise<SearchPage> {
  const none = { hits: [], total: 0, capped: false }
  if (o.communityIds.length === 0 || o.kinds.length === 0) return none
  const window = o.window ?? SEARCH_WINDOW
  const scan = o.scan ?? SEARCH_SCAN
  const { lo, n } = await q.bound(scan)
  if (Number(n) === 0) return none
  const scanCapped = Number(n) >= scan
  const first = scanCapped ? lo : null
  const rows = await q.ranked(first, window, o.limit, o.offset)
  // Past the last page there is no row to carry the counts; ask for the first row only to get them.
  const counts = rows[0] ?? (o.offset > 0 ? (await q.ranked(first, window, 1, 0))[0] : undefined)
  const total = counts ? Number(counts.total) : 0
  const capped = scanCapped || (counts ? Number(counts.hits) >= window : false)
  if (rows.length === 0) return { hits: [], total, capped }
  // Snippets only for the page: making one re-reads and re-tokenises the text, the costly part.
  const snips = new Map((await q.snippets(rows.map((r) => Number(r.id)))).map((r) => [Number(r.id), r.snippet ?? '']))
  return {
    hits: rows.map((r) => ({ id: Number(r.id), rootId: Number(r.thread), score: Number(r.score), snippet: snips.get(Number(r.id)) ?? '' })),
    total,
    capped,
  }
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
    if (terms.length === 0) return { hits: [], total: 0, capped: false }
    // Each term quoted: FTS5 operators (OR, NOT, NEAR, *, ^, column filters) in the input stay plain words.
    const match = terms.map((t) => `"${t}"`).join(o.anyTerm ? ' OR ' : ' ')
    return windowedSearch(o, {
      bound: async (scan) =>
        (
          await sql<{ lo: number | null; n: number }>`
            select min(rowid) as lo, count(*) as n
            from (select rowid from post_fts where post_fts match ${match} order by rowid desc limit ${scan})`.execute(db)
        ).rows[0] ?? { lo: null, n: 0 },
      // The FTS table drives the join newest first (CROSS JOIN fixes the order, LIMIT stops the walk). bm25
      // weighs title 10, tags 4, body 1 and is negative, best lowest. MATERIALIZED keeps bm25() in the FTS
      // query (it cannot run under GROUP BY); grouping keeps each thread's best row (the bare-column rule).
      ranked: async (lo, window, limit, offset) => {
        const from = lo === null ? sql`` : sql`and post_fts.rowid >= cast(${lo} as integer)`
        const boost = sql`(1.0 + 1.0 / (1.0 + max(0.0, julianday(${o.now}) - julianday(p.created_at)) / ${RECENCY_DAYS}))`
        const page = sql`
          best as (select id, thread, max(score) as score from scored group by thread)
          select id, thread, score, count(*) over () as total, (select count(*) from hit) as hits
          from best order by score desc, id desc limit ${limit} offset ${offset}`
        // bm25 weighs title 10, tags 4, body 1 and is negative, best lowest. MATERIALIZED keeps bm25() in the
        // FTS query (it cannot run under GROUP BY); grouping keeps each thread's best row (bare-column rule).
        if (!(o.narrow ?? o.communityIds.length <= NARROW)) {
          // Many communities (most rows pass): FTS5 drives the join newest first (CROSS JOIN fixes the
          // order) and LIMIT stops the walk.
          return (
            await sql<HitRow>`
              with hit as materialized (
                select p.id as id, coalesce(p.root_id, p.id) as thread, -bm25(post_fts, 10.0, 4.0, 1.0) * ${boost} as score
                from post_fts cross join post p on p.id = post_fts.rowid
                where post_fts match ${match} ${from} and ${postFilters(o)}
                order by post_fts.rowid desc limit ${window}
              ), scored as (select * from hit), ${page}`.execute(db)
          ).rows
        }
        // One or a few communities (most matches are elsewhere): their posts are listed from the post
        // indexes first, and FTS5 walks its matches checking that list, which costs far less than joining
        // each match. bm25 stays in a single FTS5 scan: each separate lookup would recount the whole index.
        return (
          await sql<HitRow>`
            with cand as materialized (select p.id from post p where ${postFilters(o)}),
            hit as materialized (
              select post_fts.rowid as id, -bm25(post_fts, 10.0, 4.0, 1.0) as rel
              from post_fts where post_fts match ${match} ${from} and +post_fts.rowid in (select id from cand)
              order by post_fts.rowid desc limit ${window}
            ), scored as (
              select p.id as id, coalesce(p.root_id, p.id) as thread, hit.rel * ${boost} as score
              from hit cross join post p on p.id = hit.id
            ), ${page}`.execute(db)
        ).rows
      },
      // Two FTS5 traps here. A rowid given as a JS number arrives as a REAL, and FTS5 then ignores a
      // `rowid = ?` constraint (a one-element IN becomes one) and returns every match: hence the casts. And
      // seeking each rowid makes snippet() slow on common words; walking the hits' id range, which lies
      // inside the window just ranked, and filtering with +rowid (kept out of FTS5) is fast.
      snippets: async (ids) => {
        const int = (id: number) => sql`cast(${id} as integer)`
        return (
          await sql<{ id: number; snippet: string | null }>`
            select rowid as id, snippet(post_fts, 2, ${MARK_START}, ${MARK_END}, '…', 24) as snippet
            from post_fts
            where post_fts match ${match} and rowid >= ${int(Math.min(...ids))} and rowid <= ${int(Math.max(...ids))}
              and +rowid in (${sql.join(ids.map(int))})`.execute(db)
        ).rows
      },
    })
  },
  async suggestTitles(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || o.communityIds.length === 0 || o.kinds.length === 0) return []
    const match = `title : (${terms.map((t, i) => (i === terms.length - 1 ? `"${t}"*` : `"${t}"`)).join(' ')})`
    // Like search, rank only the newest matches (SUGGEST_WINDOW), so a short prefix stays cheap.
    const { rows } = await sql<{ id: number; title: string; kind: PostKind; community_id: string }>`
      with hit as materialized (
        select p.id, p.title, p.kind, p.community_id, bm25(post_fts) as rank
        from post_fts cross join post p on p.id = post_fts.rowid
        where post_fts match ${match} and ${postFilters(o)}
        order by post_fts.rowid desc limit ${SUGGEST_WINDOW}
      )
      select id, title, kind, community_id from hit order by rank, id desc limit ${o.limit}`.execute(db)
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
    if (terms.length === 0) return { hits: [], total: 0, capped: false }
    // plainto_tsquery over plain words: every term required, stemmed, no operators, so it cannot fail to
    // parse; the same meaning as the quoted terms on SQLite. Any-term mode ORs the same words, each quoted
    // and WORD-checked, so to_tsquery cannot fail to parse either.
    const tsquery = o.anyTerm
      ? sql`to_tsquery('english', ${terms.map((t) => `'${t}'`).join(' | ')})`
      : sql`plainto_tsquery('english', ${terms.join(' ')})`
    return windowedSearch(o, {
      bound: async (scan) =>
        (
          await sql<{ lo: number | null; n: number }>`
            select min(id) as lo, count(*) as n
            from (select p.id from post p where p.search @@ ${tsquery} order by p.id desc limit ${scan}) s`.execute(db)
        ).rows[0] ?? { lo: null, n: 0 },
      // Same window as SQLite (newest matches by id), ranked after the LIMIT so only the window is scored.
      // Weights {D,C,B,A}: title 1, tags 0.4, body 0.2.
      ranked: async (lo, window, limit, offset) =>
        (
          await sql<HitRow>`
            with q as (select ${tsquery} as query),
            hit as materialized (
              select p.id, coalesce(p.root_id, p.id) as thread, p.created_at, p.search
              from post p cross join q
              where p.search @@ q.query ${lo === null ? sql`` : sql`and p.id >= ${lo}`} and ${postFilters(o)}
              order by p.id desc limit ${window}
            ), scored as (
              select id, thread, ts_rank_cd('{0.1,0.2,0.4,1.0}'::float4[], hit.search, q.query, 1)::float8
                * (1.0 + 1.0 / (1.0 + greatest(0.0, extract(epoch from (${o.now}::timestamptz - created_at::timestamptz))::float8 / 86400.0) / ${RECENCY_DAYS})) as score
              from hit cross join q
            ), best as (select distinct on (thread) id, thread, score from scored order by thread, score desc, id desc)
            select id, thread, score, count(*) over () as total, (select count(*) from hit) as hits
            from best order by score desc, id desc limit ${limit} offset ${offset}`.execute(db)
        ).rows,
      snippets: async (ids) => {
        const options = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`
        return (
          await sql<{ id: number; snippet: string | null }>`
            select id, ts_headline('english', body, ${tsquery}, ${options}) as snippet from post where id in (${sql.join(ids)})`.execute(db)
        ).rows
      },
    })
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
      with q as (select ${head}(to_tsquery('english', ${`'${last}':*A`}) || to_tsquery('simple', ${`'${last}':*A`})) as query),
      hit as materialized (
        select p.id, p.title, p.kind, p.community_id, p.search from post p cross join q
        where p.search @@ q.query and ${postFilters(o)} order by p.id desc limit ${SUGGEST_WINDOW}
      )
      select id, title, kind, community_id from hit cross join q
      order by ts_rank_cd(hit.search, q.query) desc, id desc limit ${o.limit}`.execute(db)
    return rows.map((r) => ({ id: Number(r.id), title: r.title, kind: r.kind, communityId: r.community_id }))
  },
}
