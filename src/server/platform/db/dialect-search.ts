import { sql, type RawBuilder } from 'kysely'
import type { Db } from './dialect.js'
import type { PostKind } from '../../../shared/knowledge.js'

// Full-text search, the part of the dialect adapter (dialect.ts) that differs most between SQLite (FTS5 table
// post_search, migration 0007) and PostgreSQL (tsvector post.search, migration 0002). dialect.ts picks one
// of the two implementations below; nothing else may.

/** Marks around matched words in snippets; the caller escapes the text and only then turns them into HTML. */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

/**
 * Search does bounded work so that it stays fast on a million posts: it ranks the SEARCH_WINDOW most recently
 * added matches that the viewer may read (in the communities, of the kinds and by the author asked for), and
 * applies the remaining filters (dates, tags, a deleted question) within them. A search with fewer matches is
 * exact; one with more says so (`capped`). Both dialects do the same, so they return the same results.
 * Ranking every match of a common word would cost far more than a page of results is worth, and recency is
 * part of the score anyway. The window counts only what the viewer may read, so hidden posts never change
 * what is shown.
 */
export const SEARCH_WINDOW = 500
const SUGGEST_WINDOW = 200
/** Up to this many communities, SQLite filters inside FTS5 (scope tokens); beyond, it checks each match. */
const NARROW = 8
const SEARCHABLE: PostKind[] = ['question', 'answer', 'story', 'practice', 'lesson']

export interface SearchOptions {
  /** Words to find, already split from the user's input (see knowledge/search-terms.ts). */
  terms: string[]
  /** Match posts with any of the terms instead of all of them (the ask flow types whole questions). */
  anyTerm?: boolean
  /** Only posts in these communities: the ones the viewer may read. Empty means nothing. */
  communityIds: string[]
  /** Kinds of the matching post itself (an answer is its own kind). Comments are never searched. */
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
  /** Overrides SEARCH_WINDOW, and forces SQLite's plan for few communities or many (tests). */
  window?: number
  narrow?: boolean
}

export interface SearchHit {
  /** The matching post. */
  id: number
  /** Its thread's root post (itself for top-level posts). */
  rootId: number
  score: number
  snippet: string
}

export interface SearchPage {
  hits: SearchHit[]
  /** Matching threads; a lower bound when `capped`. */
  total: number
  /** True when more posts matched than were ranked. */
  capped: boolean
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

export interface SearchImplementation {
  searchPosts(db: Db, options: SearchOptions): Promise<SearchPage>
  suggestTitles(db: Db, options: SuggestOptions): Promise<TitleSuggestion[]>
}

// Defence in depth: terms reach a query language only if they are plain words (letters, digits, marks).
const WORD = /^[\p{L}\p{N}\p{M}]{1,64}$/u
const safeTerms = (terms: string[]) => terms.filter((t) => WORD.test(t))

/**
 * Relevance times a recency boost of 1 + 1/(1 + ageDays/180): a new post counts double, one six months old
 * 1.5 times, one two years old 1.2 times, so recency breaks near-ties without burying a much better match.
 */
const RECENCY_DAYS = sql.lit(180)

/**
 * Filters applied to the window's posts (alias p, with id, root_id and created_at): a deleted question hides
 * its answers; dates; tags of the thread's root.
 */
function windowFilters(o: SearchOptions): RawBuilder<unknown> {
  const parts = [sql`(p.root_id is null or exists (select 1 from post r where r.id = p.root_id and r.status = 'active'))`]
  if (o.from) parts.push(sql`p.created_at >= ${o.from}`)
  if (o.to) parts.push(sql`p.created_at < ${o.to}`)
  for (const tag of o.tags ?? [])
    parts.push(sql`exists (select 1 from post_tag t where t.post_id = coalesce(p.root_id, p.id) and t.tag = ${tag})`)
  return sql.join(parts, sql` and `)
}

type HitRow = { id: number | string; thread: number | string; score: number; total: number | string; hits: number | string }

/**
 * The page of best threads, one row per thread, with the counts; `scored` yields (id, thread, score). SQLite
 * keeps each thread's best row by its bare-column rule for max(), PostgreSQL with DISTINCT ON.
 */
const page = (best: 'max' | 'distinct', limit: number, offset: number) => sql`
  best as (${
    best === 'max'
      ? sql`select id, thread, max(score) as score from scored group by thread`
      : sql`select distinct on (thread) id, thread, score from scored order by thread, score desc, id desc`
  })
  select id, thread, score, count(*) over () as total, (select count(*) from hit) as hits
  from best order by score desc, id desc limit ${limit} offset ${offset}`

/** What both dialects do the same way around their SQL: the window, counts past the last page, snippets. */
async function windowedSearch(
  o: SearchOptions,
  ranked: (window: number, limit: number, offset: number) => Promise<HitRow[]>,
  snippets: (ids: number[]) => Promise<{ id: number | string; snippet: string | null }[]>,
): Promise<SearchPage> {
  if (o.communityIds.length === 0 || o.kinds.length === 0) return { hits: [], total: 0, capped: false }
  const window = o.window ?? SEARCH_WINDOW
  const rows = await ranked(window, o.limit, o.offset)
  // Past the last page there is no row to carry the counts; ask for the first row only to get them.
  const counts = rows[0] ?? (o.offset > 0 ? (await ranked(window, 1, 0))[0] : undefined)
  const total = counts ? Number(counts.total) : 0
  const capped = counts ? Number(counts.hits) >= window : false
  if (rows.length === 0) return { hits: [], total, capped }
  // Snippets only for the page: making one re-reads and re-tokenises the text, the costly part.
  const snips = new Map((await snippets(rows.map((r) => Number(r.id)))).map((r) => [Number(r.id), r.snippet ?? '']))
  return {
    hits: rows.map((r) => ({ id: Number(r.id), rootId: Number(r.thread), score: Number(r.score), snippet: snips.get(Number(r.id)) ?? '' })),
    total,
    capped,
  }
}

const searchableKinds = (kinds: PostKind[]) => kinds.filter((k) => SEARCHABLE.includes(k))

// ---- SQLite: FTS5 -------------------------------------------------------------------------------------

const hexOf = (id: string) => Buffer.from(id, 'utf8').toString('hex')
const quoted = (tokens: string[]) => tokens.map((t) => `"${t}"`)

/** FTS5 filters on scope tokens (see migration 0007); `inFts` false when communities are checked in SQL instead. */
function scopeMatch(o: { communityIds: string[]; kinds: PostKind[]; authorId?: string; narrow?: boolean }): {
  match: string[]
  inFts: boolean
} {
  const match: string[] = []
  const kinds = searchableKinds(o.kinds)
  if (kinds.length < SEARCHABLE.length) match.push(`scope : (${quoted(kinds.map((k) => `k${k}0`)).join(' OR ')})`)
  if (o.authorId) match.push(`scope : "a${hexOf(o.authorId)}0"`)
  const inFts = o.narrow ?? o.communityIds.length <= NARROW
  if (inFts) match.push(`scope : (${quoted(o.communityIds.map((id) => `c${hexOf(id)}0`)).join(' OR ')})`)
  return { match, inFts }
}

/**
 * RELEVANCE on SQLite: 1 for a match anywhere (the body, at least), plus 10 for the matches in the title and
 * 4 for those in the tags, each on BM25's saturating curve (k1 = 1.2: a second match adds less than the
 * first). Like PostgreSQL's ts_rank_cd, it has no inverse document frequency: FTS5's bm25() computes that by
 * reading every posting of each word, 50 ms for a common word at a million posts, more than the whole budget.
 */
const saturated = (n: string) => sql.raw(`(${n} * 2.2 / (${n} + 1.2))`)
/** How many matches highlight() marked in a text. */
const marks = (column: string) => `(length(${column}) - length(replace(${column}, char(2), '')))`
const sqliteBoost = (now: string) => sql`(1.0 + 1.0 / (1.0 + max(0.0, julianday(${now}) - julianday(p.created_at)) / ${RECENCY_DAYS}))`

export const sqliteSearch: SearchImplementation = {
  async searchPosts(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || searchableKinds(o.kinds).length === 0) return { hits: [], total: 0, capped: false }
    // Each term quoted, so FTS5 operators in the input stay plain words; only the text columns are searched.
    const text = `{title tags body} : (${quoted(terms).join(o.anyTerm ? ' OR ' : ' ')})`
    const scope = scopeMatch(o)
    const match = [text, ...scope.match].join(' AND ')
    // The window: FTS5 walks its matches newest first and LIMIT stops it. With many communities, each match is
    // checked against the readable list (one JSON parameter, so the statement text stays the same).
    // highlight() marks the words found in the short title and tags, for RELEVANCE; MATERIALIZED keeps it in
    // the FTS5 query.
    const columns = sql`p.id, p.root_id, p.created_at, highlight(post_search, 0, char(2), char(3)) as ht, highlight(post_search, 1, char(2), char(3)) as hg`
    const readable = scope.inFts ? sql`` : sql`and p.community_id in (select value from json_each(${JSON.stringify(o.communityIds)}))`
    return windowedSearch(
      o,
      async (size, limit, offset) =>
        (
          await sql<HitRow>`
            with hit as materialized (
              select ${columns} from post_search cross join post p on p.id = post_search.rowid
              where post_search match ${match} ${readable} order by post_search.rowid desc limit ${size}
            ), scored as (
              select p.id as id, coalesce(p.root_id, p.id) as thread,
                (1.0 + 10.0 * ${saturated(marks('p.ht'))} + 4.0 * ${saturated(marks('p.hg'))}) * ${sqliteBoost(o.now)} as score
              from hit p where ${windowFilters(o)}
            ), ${page('max', limit, offset)}`.execute(db)
        ).rows,
      // Two FTS5 traps. A rowid given as a JS number arrives as a REAL, and FTS5 then ignores `rowid = ?` (a
      // one-element IN becomes one) and returns every match: hence the casts. And seeking rowids one by one
      // makes snippet() slow on common words; walking the hits' id range (inside the window just ranked) and
      // filtering with +rowid, which FTS5 never sees, is fast.
      async (ids) => {
        const int = (id: number) => sql`cast(${id} as integer)`
        return (
          await sql<{ id: number; snippet: string | null }>`
            select rowid as id, snippet(post_search, 2, ${MARK_START}, ${MARK_END}, '…', 24) as snippet
            from post_search
            where post_search match ${match} and rowid >= ${int(Math.min(...ids))} and rowid <= ${int(Math.max(...ids))}
              and +rowid in (${sql.join(ids.map(int))})`.execute(db)
        ).rows
      },
    )
  },

  async suggestTitles(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || o.communityIds.length === 0 || searchableKinds(o.kinds).length === 0) return []
    const scope = scopeMatch(o)
    const match = [`title : (${quoted(terms).join(' ')}*)`, ...scope.match].join(' AND ')
    // Like search, rank only the newest matches, so a short prefix stays cheap: titles with more matched
    // words first, then newer ones.
    const { rows } = await sql<{ id: number; title: string; kind: PostKind; community_id: string }>`
      with hit as materialized (
        select p.id, p.title, p.kind, p.community_id, highlight(post_search, 0, char(2), char(3)) as ht
        from post_search cross join post p on p.id = post_search.rowid
        where post_search match ${match} ${scope.inFts ? sql`` : sql`and p.community_id in (select value from json_each(${JSON.stringify(o.communityIds)}))`}
        order by post_search.rowid desc limit ${SUGGEST_WINDOW}
      )
      select id, title, kind, community_id from hit
      order by length(ht) - length(replace(ht, char(2), '')) desc, id desc limit ${o.limit}`.execute(db)
    return rows.map((r) => ({ id: Number(r.id), title: r.title, kind: r.kind, communityId: r.community_id }))
  },
}

// ---- PostgreSQL: tsvector with GIN ----------------------------------------------------------------------

/** The filters SQLite applies inside FTS5, as SQL (alias p). */
function pgScope(o: { communityIds: string[]; kinds: PostKind[]; authorId?: string }): RawBuilder<unknown> {
  const parts = [
    sql`p.status = 'active'`,
    sql`p.kind in (${sql.join(searchableKinds(o.kinds))})`,
    sql`p.community_id = any(${o.communityIds}::text[])`,
  ]
  if (o.authorId) parts.push(sql`p.author_id = ${o.authorId} and p.anonymous = 0`)
  return sql.join(parts, sql` and `)
}

export const postgresSearch: SearchImplementation = {
  async searchPosts(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || searchableKinds(o.kinds).length === 0) return { hits: [], total: 0, capped: false }
    // plainto_tsquery over plain words: every term required, stemmed, no operators, so it cannot fail to
    // parse; the same meaning as the quoted terms on SQLite. Any-term mode ORs the same words, each quoted
    // and WORD-checked, so to_tsquery cannot fail to parse either.
    const tsquery = o.anyTerm
      ? sql`to_tsquery('english', ${terms.map((t) => `'${t}'`).join(' | ')})`
      : sql`plainto_tsquery('english', ${terms.join(' ')})`
    // Weights {D,C,B,A}: title 1, tags 0.4, body 0.2; ranked after the window's LIMIT, so only it is scored.
    return windowedSearch(
      o,
      async (size, limit, offset) =>
        (
          await sql<HitRow>`
            with q as (select ${tsquery} as query),
            hit as materialized (
              select p.id, p.search from post p cross join q
              where p.search @@ q.query and ${pgScope(o)} order by p.id desc limit ${size}
            ), scored as (
              select p.id, coalesce(p.root_id, p.id) as thread, ts_rank_cd('{0.1,0.2,0.4,1.0}'::float4[], hit.search, q.query, 1)::float8
                * (1.0 + 1.0 / (1.0 + greatest(0.0, extract(epoch from (${o.now}::timestamptz - p.created_at::timestamptz))::float8 / 86400.0) / ${RECENCY_DAYS})) as score
              from hit cross join q join post p on p.id = hit.id where ${windowFilters(o)}
            ), ${page('distinct', limit, offset)}`.execute(db)
        ).rows,
      async (ids) => {
        // The body as migration 0012 indexes it: a space after each "<", so words in markup are words.
        const options = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`
        return (
          await sql<{
            id: number
            snippet: string | null
          }>`select id, ts_headline('english', replace(body, '<', '< '), ${tsquery}, ${options}) as snippet from post where id in (${sql.join(ids)})`.execute(
            db,
          )
        ).rows
      },
    )
  },

  async suggestTitles(db, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || o.communityIds.length === 0 || searchableKinds(o.kinds).length === 0) return []
    // Whole words stemmed and restricted to the title (weight A); the word being typed as a prefix, both
    // stemmed (as FTS5 does) and as typed (so a stop word like "the" can still begin "theory").
    const whole = terms.slice(0, -1).map((t) => `'${t}':A`)
    const last = terms[terms.length - 1] as string
    const head = whole.length ? sql`to_tsquery('english', ${whole.join(' & ')}) && ` : sql``
    const { rows } = await sql<{ id: number; title: string; kind: PostKind; community_id: string }>`
      with q as (select ${head}(to_tsquery('english', ${`'${last}':*A`}) || to_tsquery('simple', ${`'${last}':*A`})) as query),
      hit as materialized (
        select p.id, p.title, p.kind, p.community_id, p.search from post p cross join q
        where p.search @@ q.query and ${pgScope(o)} order by p.id desc limit ${SUGGEST_WINDOW}
      )
      select id, title, kind, community_id from hit cross join q
      order by ts_rank_cd(hit.search, q.query) desc, id desc limit ${o.limit}`.execute(db)
    return rows.map((r) => ({ id: Number(r.id), title: r.title, kind: r.kind, communityId: r.community_id }))
  },
}
