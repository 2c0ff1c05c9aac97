import { sql, type RawBuilder } from 'kysely'
import type { Db } from './dialect.js'

// Full-text search primitives, the part of the dialect adapter (dialect.ts) that differs most between SQLite
// (an FTS5 table) and PostgreSQL (a tsvector column with a GIN index). They work over any domain's index, which
// the domain describes with a FullTextIndex (its own migrations build it): knowledge's posts today, the
// learning catalogue later. dialect.ts picks one of the two implementations (SQLite's here, PostgreSQL's in
// dialect-search-pg.ts); nothing else may.

/** Marks around matched words in snippets; the caller escapes the text and only then turns them into HTML. */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

/**
 * Search does bounded work so that it stays fast on a million documents: it ranks the SEARCH_WINDOW most
 * recently added matches in scope, and applies the caller's remaining filters (dates, tags...) within them. A
 * search with fewer matches is exact; one with more says so (`capped`). Both dialects do the same, so they
 * return the same results. Ranking every match of a common word would cost far more than a page of results is
 * worth, and recency is part of the score anyway. The window counts only documents in scope (for example those
 * the viewer may read), so hidden documents never change what is shown.
 */
export const SEARCH_WINDOW = 500
export const SUGGEST_WINDOW = 200
/** Up to this many values of a scope field with a column, SQLite filters inside FTS5; beyond, it checks each match. */
const NARROW = 8

/** A filter the index applies itself: documents whose field is one of the given values. */
export interface ScopeField {
  /** SQLite: the token prefix in the index's scope column; the migration writes `<token><value>0` for each field. */
  token: string
  /** SQLite: whether the value is written hex-encoded (ids may hold characters FTS5 splits on). */
  hex: boolean
  /** The same filter in SQL over the documents' table (alias p); PostgreSQL always uses it. */
  sql: (values: readonly string[]) => RawBuilder<unknown>
  /** A column of the documents' table holding the value: with many values SQLite checks it instead of tokens. */
  column?: string
}

/** A text column of the index, in the order of the FTS5 table's columns. */
export interface IndexedColumn {
  name: string
  /** Relevance added per match in this column (on BM25's saturating curve); 0 for a match anywhere only. */
  weight: number
  /** PostgreSQL: the tsvector weight label (A-D) the migration gave this column. */
  label: 'A' | 'B' | 'C' | 'D'
}

/** A full-text index over one table's rows (the documents), as the owning domain's migrations built it. */
export interface FullTextIndex {
  /** The documents' table; its integer primary key `id` is the index's rowid. */
  table: string
  /** The text columns, in FTS5 column order. */
  columns: readonly IndexedColumn[]
  /** The column snippets quote. */
  snippetColumn: string
  /** The filters the index applies itself, by name. */
  scopes: Readonly<Record<string, ScopeField>>
  sqlite: {
    /** The FTS5 table (external content, rowid = document id): the text columns, then the scope column. */
    fts: string
    /** Its column of scope tokens. */
    scopeColumn: string
    /** The view the FTS5 table reads its content from: id, the text columns and the scope column. */
    source: string
  }
  postgres: {
    /** The tsvector column of the documents' table (weighted by `label`, markup read as text: see migration 0012). */
    vector: string
    /** ts_rank_cd's weights of the labels {D,C,B,A}, as a literal. */
    weights: string
    /** Which rows of the table are documents (SQLite's index holds only those). Alias p. */
    documents: RawBuilder<unknown>
  }
}

export interface IndexQuery {
  /** Words to find, already split from the user's input. */
  terms: string[]
  /** Match documents with any of the terms instead of all of them. */
  anyTerm?: boolean
  /** Values per scope field; an empty list matches nothing. */
  scope: Readonly<Record<string, readonly string[]>>
  /** Columns of the documents' table the filters and grouping below read (alias p). */
  carry: readonly string[]
  /** Filters applied within the window (alias p), or undefined for none. */
  filter?: RawBuilder<unknown>
  /** Documents with the same group count once, by their best-scoring one (e.g. a thread). */
  group: RawBuilder<unknown>
  /** The documents' creation time column, for the recency boost, and now (ISO). */
  createdColumn: string
  now: string
  limit: number
  offset: number
  /** Overrides SEARCH_WINDOW, and forces SQLite's plan for few values or many (tests). */
  window?: number
  narrow?: boolean
  /** Forces SQLite's window plan: enumerate every match and sort (true), or walk newest first (false). */
  enumerate?: boolean
  /** False: no snippets (hits carry ''), saving the query that makes them, for a caller that shows its own text. */
  snippets?: boolean
  /**
   * True: only `total` and `capped`, no hits. The same window and filters, counted without scoring, ordering or
   * quoting anything (highlight() and snippets are most of a search), for a caller that only compares totals.
   */
  countOnly?: boolean
}

export interface IndexHit {
  /** The matching document. */
  id: number
  /** Its group (e.g. its thread's root). */
  group: number
  score: number
  /** The snippet column with MARK_START/MARK_END around matched words: plain text, not HTML. */
  snippet: string
}

export interface SearchPage {
  hits: IndexHit[]
  /** Matching groups; a lower bound when `capped`. */
  total: number
  /** True when more documents matched than were ranked. */
  capped: boolean
}

export interface PrefixQuery {
  /** Whole words, the last one a prefix (as typed). */
  terms: string[]
  /** The column to match in. */
  column: string
  scope: Readonly<Record<string, readonly string[]>>
  /** Columns of the documents' table to return with each id. */
  select: readonly string[]
  limit: number
}

export interface SearchImplementation {
  search(db: Db, index: FullTextIndex, query: IndexQuery): Promise<SearchPage>
  suggest(db: Db, index: FullTextIndex, query: PrefixQuery): Promise<Record<string, unknown>[]>
  /** Adds documents to the index (on PostgreSQL the vector is a generated column: nothing to do). */
  indexDocuments(db: Db, index: FullTextIndex, ids: RawBuilder<unknown>): Promise<void>
  /**
   * Takes documents out of the index. Call it before their rows change or go: SQLite's external-content index
   * is told the exact values it indexed, read from the source. Nothing to do on PostgreSQL.
   */
  removeDocuments(db: Db, index: FullTextIndex, ids: RawBuilder<unknown>): Promise<void>
}

// Defence in depth: terms reach a query language only if they are plain words (letters, digits, marks).
const WORD = /^[\p{L}\p{N}\p{M}]{1,64}$/u
export const safeTerms = (terms: string[]) => terms.filter((t) => WORD.test(t))
export const emptyScope = (scope: IndexQuery['scope']) => Object.values(scope).some((v) => v.length === 0)
const columnIndex = (index: FullTextIndex, name: string) => index.columns.findIndex((c) => c.name === name)
export const carried = (columns: readonly string[]) => sql.raw(columns.map((c) => `, p.${c}`).join(''))

/**
 * Relevance times a recency boost of 1 + 1/(1 + ageDays/180): a new document counts double, one six months
 * old 1.5 times, one two years old 1.2 times, so recency breaks near-ties without burying a much better match.
 */
export const RECENCY_DAYS = sql.lit(180)

export type HitRow = { id: number | string; thread: number | string; score: number; total: number | string; hits: number | string }

/**
 * The page of best groups, one row per group, with the counts; `scored` yields (id, thread, score). SQLite
 * keeps each group's best row by its bare-column rule for max(), PostgreSQL with DISTINCT ON.
 */
export const page = (best: 'max' | 'distinct', limit: number, offset: number) => sql`
  best as (${
    best === 'max'
      ? sql`select id, thread, max(score) as score from scored group by thread`
      : sql`select distinct on (thread) id, thread, score from scored order by thread, score desc, id desc`
  })
  select id, thread, score, count(*) over () as total, (select count(*) from hit) as hits
  from best order by score desc, id desc limit ${limit} offset ${offset}`

/** The window's counts alone (IndexQuery.countOnly): its matching groups after the filters, and its rows. */
export type CountRow = { total: number | string; hits: number | string }

/** What both dialects do the same way around their SQL: the window, counts past the last page, snippets. */
export async function windowedSearch(
  o: IndexQuery,
  ranked: (window: number, limit: number, offset: number) => Promise<HitRow[]>,
  /** Snippets of the page's documents; `windowRows` is how many documents the window ranked. */
  snippets: (ids: number[], windowRows: number) => Promise<{ id: number | string; snippet: string | null }[]>,
  counted: (window: number) => Promise<CountRow>,
): Promise<SearchPage> {
  if (emptyScope(o.scope)) return { hits: [], total: 0, capped: false }
  const window = o.window ?? SEARCH_WINDOW
  if (o.countOnly) {
    const counts = await counted(window)
    const total = Number(counts.total)
    // As a ranked search says: with no group in the window there is no row to carry `capped` either.
    return { hits: [], total, capped: total > 0 && Number(counts.hits) >= window }
  }
  const rows = await ranked(window, o.limit, o.offset)
  // Past the last page there is no row to carry the counts; ask for the first row only to get them.
  const counts = rows[0] ?? (o.offset > 0 ? (await ranked(window, 1, 0))[0] : undefined)
  const total = counts ? Number(counts.total) : 0
  const capped = counts ? Number(counts.hits) >= window : false
  if (rows.length === 0) return { hits: [], total, capped }
  if (o.snippets === false)
    return { hits: rows.map((r) => ({ id: Number(r.id), group: Number(r.thread), score: Number(r.score), snippet: '' })), total, capped }
  // Snippets only for the page: making one re-reads and re-tokenises the text, the costly part.
  const snips = new Map(
    (
      await snippets(
        rows.map((r) => Number(r.id)),
        Number(counts?.hits ?? 0),
      )
    ).map((r) => [Number(r.id), r.snippet ?? '']),
  )
  return {
    hits: rows.map((r) => ({ id: Number(r.id), group: Number(r.thread), score: Number(r.score), snippet: snips.get(Number(r.id)) ?? '' })),
    total,
    capped,
  }
}

// ---- SQLite: FTS5 -------------------------------------------------------------------------------------

const hexOf = (id: string) => Buffer.from(id, 'utf8').toString('hex')
const quoted = (tokens: string[]) => tokens.map((t) => `"${t}"`)

/**
 * FTS5 filters on scope tokens (see the index's migration); a field with a column and more than NARROW values
 * is checked in SQL instead (`checks`), one JSON parameter, so the statement text stays the same.
 */
function scopeMatch(
  index: FullTextIndex,
  scope: IndexQuery['scope'],
  narrow: boolean | undefined,
): { match: string[]; checks: RawBuilder<unknown>; probes: string[] } {
  const match: string[] = []
  const probes: string[] = []
  const checks: RawBuilder<unknown>[] = []
  const scopeColumn = index.sqlite.scopeColumn
  for (const [name, values] of Object.entries(scope)) {
    const field = index.scopes[name]
    if (!field) throw new Error(`${index.table} has no scope field ${name}`)
    if (field.column && !(narrow ?? values.length <= NARROW)) {
      checks.push(sql`and p.${sql.raw(field.column)} in (select value from json_each(${JSON.stringify(values)}))`)
      continue
    }
    const tokens = quoted(values.map((v) => `${field.token}${field.hex ? hexOf(v) : v}0`))
    match.push(tokens.length === 1 ? `${scopeColumn} : ${tokens[0]}` : `${scopeColumn} : (${tokens.join(' OR ')})`)
    if (tokens.length === 1) probes.push(`${scopeColumn} : ${tokens[0]}`)
  }
  return { match, checks: sql.join(checks, sql` `), probes }
}

const TEXT_ONLY = /^[\p{L}\p{M}1-9]+$/u

/**
 * The terms as an FTS5 query over the text columns: each term quoted, so FTS5 operators in the input stay plain
 * words. Every scope token ends in "0" (`<token><value>0`); the tokenizer (unicode61, porter) only lower-cases
 * letters, strips their diacritics and stems letter suffixes, so it never makes a "0". A term of letters, marks
 * and the digits 1-9 therefore can only match text, and the column filter, which makes FTS5 read each matching
 * document's positions (about 10% of a search), is left out: the same matches, highlight() and snippet().
 */
export function textMatch(index: FullTextIndex, terms: string[], anyTerm: boolean | undefined): string {
  const words = `(${quoted(terms).join(anyTerm ? ' OR ' : ' ')})`
  if (terms.every((t) => TEXT_ONLY.test(t))) return words
  return `{${index.columns.map((c) => c.name).join(' ')}} : ${words}`
}

/**
 * RELEVANCE on SQLite: 1 for a match anywhere, plus each column's weight for the matches in it (highlight()
 * marks them), on BM25's saturating curve (k1 = 1.2: a second match adds less than the first). Like
 * PostgreSQL's ts_rank_cd, it has no inverse document frequency: FTS5's bm25() computes that by reading every
 * posting of each word, 50 ms for a common word at a million documents, more than the whole budget.
 */
const saturated = (n: string) => `(${n} * 2.2 / (${n} + 1.2))`
/** How many matches highlight() marked in a text. */
const marks = (column: string) => `(length(${column}) - length(replace(${column}, char(2), '')))`
/**
 * True for a text with no word in it: only printable ASCII that is neither a letter nor a digit (empty, or an
 * answer's tags "[]"). The unicode61 tokenizer splits on all of these, so highlight() would mark nothing in
 * it; skipping highlight() there saves reading the document's content back from the source (about 40% of a
 * window's rows are answers, with neither title nor tags). Anything else, tabs and non-ASCII included, is
 * highlighted as before.
 */
const wordless = (column: string) => `${column} not glob '*[^ -/:-@[-\`{-~]*'`
/** Up to this many rows of the window, snippets walk the page's id range; beyond, they seek each id (see below). */
const SEEK_AFTER_ROWS = 100
/** From this many words up (all required), a walk of the page's id range costs more than seeking each id. */
const SEEK_FROM_TERMS = 3
/**
 * Whether every match fits in the window: true when one required word or scope token is in at most `size`
 * documents, since each match has them all. Each count reads at most size + 1 ids of one word's doclist, oldest
 * first, the direction FTS5 reads cheaply (about 0.03 ms a word), all in one statement. Stemming and the column
 * filter are FTS5's own, so a word's count bounds the real matches from above.
 */
async function fitsWindow(db: Db, fts: RawBuilder<unknown>, probes: string[], size: number): Promise<boolean> {
  if (probes.length === 0) return false
  const counts = probes.map((p) => sql`select count(*) as n from (select rowid from ${fts} where ${fts} match ${p} limit ${size + 1})`)
  const { rows } = await sql<{ n: number }>`select min(n) as n from (${sql.join(counts, sql` union all `)})`.execute(db)
  return Number(rows[0]?.n) <= size
}

/**
 * The CTE `windowed`: the newest `size` matches (alias p), with `columns`. FTS5 walks a match newest first for
 * ORDER BY rowid DESC, and LIMIT stops the walk; but a walk in that direction reads every word's doclist
 * backwards, which costs milliseconds when one word is in a fifth of the index and another in twenty documents
 * ("team noubrol": 4.7 ms). When every match fits in the window (`fitsWindow`), FTS5 enumerates them oldest
 * first instead (0.05 ms there) and SQL sorts them: the same rows in the same order, for the steps after.
 */
function windowCte(
  fts: RawBuilder<unknown>,
  table: string,
  columns: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  size: number,
  enumerate: boolean,
): RawBuilder<unknown> {
  const from = sql`select p.id${columns} from ${fts} cross join ${sql.raw(table)} p on p.id = ${fts}.rowid where ${where}`
  if (!enumerate) return sql`windowed as materialized (${from} order by ${fts}.rowid desc limit ${size})`
  return sql`matched as materialized (${from}), windowed as materialized (select * from matched order by id desc limit ${size})`
}

const sqliteBoost = (now: string, created: string) =>
  sql`(1.0 + 1.0 / (1.0 + max(0.0, julianday(${now}) - julianday(p.${sql.raw(created)})) / ${RECENCY_DAYS}))`

export const sqliteSearch: SearchImplementation = {
  async search(db, index, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || emptyScope(o.scope)) return { hits: [], total: 0, capped: false }
    const fts = sql.raw(index.sqlite.fts)
    const scope = scopeMatch(index, o.scope, o.narrow)
    const match = [textMatch(index, terms, o.anyTerm), ...scope.match].join(' AND ')
    // The window: FTS5 walks its matches newest first and LIMIT stops it. highlight() marks the words found in
    // the weighted columns (a document's column of the same name holds their text), for RELEVANCE;
    // MATERIALIZED keeps it in the FTS5 query. `hit` then counts the marks once a row (RELEVANCE uses each
    // count twice, and a count is two scans of the text).
    const weighted = index.columns.map((c, i) => ({ ...c, i })).filter((c) => c.weight > 0)
    const highlights = sql.raw(
      weighted
        .map(
          (c) =>
            `, case when ${wordless(`p.${c.name}`)} then '' else highlight(${index.sqlite.fts}, ${c.i}, char(2), char(3)) end as h${c.i}`,
        )
        .join(''),
    )
    const counted = sql.raw(weighted.map((c) => `, ${marks(`h${c.i}`)} as n${c.i}`).join(''))
    const relevance = sql.raw(`(1.0${weighted.map((c) => ` + ${c.weight.toFixed(1)} * ${saturated(`p.n${c.i}`)}`).join('')})`)
    const snippetAt = columnIndex(index, index.snippetColumn)
    // Snippets re-run the match over the page's ids. Walking their id range (below) re-reads every match in
    // it; with three or more required words and no scope token the match is a sparse intersection of long
    // doclists, and seeking each id is about twice as cheap (bench/knowledge-results.md, session 10). With a
    // scope token (few communities) seeking costs more than walking, and with one or two words about the same.
    const seekable = !o.anyTerm && terms.length >= SEEK_FROM_TERMS && scope.match.length === 0
    const where = sql`${fts} match ${match} ${scope.checks}`
    // Any one word bounds the matches only when all are required. A match of one part (one word, no scope
    // token) reads one doclist, as fast in either direction: no probe is worth its cost (~0.03 ms a word) there.
    const probes = [...(o.anyTerm ? [] : quoted(terms)), ...scope.probes]
    const parts = (o.anyTerm ? 1 : terms.length) + scope.match.length
    const enumerate = o.enumerate ?? (parts > 1 && (await fitsWindow(db, fts, probes, o.window ?? SEARCH_WINDOW)))
    return windowedSearch(
      o,
      async (size, limit, offset) =>
        (
          await sql<HitRow>`
            with ${windowCte(fts, index.table, sql`${carried(o.carry)}${highlights}`, where, size, enumerate)}, hit as materialized (
              select id${sql.raw(o.carry.map((c) => `, ${c}`).join(''))}${counted} from windowed
            ), scored as (
              select p.id as id, ${o.group} as thread, ${relevance} * ${sqliteBoost(o.now, o.createdColumn)} as score
              from hit p where ${o.filter ?? sql`1 = 1`}
            ), ${page('max', limit, offset)}`.execute(db)
        ).rows,
      // Two FTS5 traps. A rowid given as a JS number arrives as a REAL, and FTS5 then ignores `rowid = ?` (a
      // one-element IN becomes one) and returns every match: hence the casts. And seeking rowids one by one
      // costs a few doclist seeks per id and word, more than it saves for one or two words: then the hits' id
      // range (inside the window just ranked) is walked, filtering with +rowid, which FTS5 never sees.
      async (ids, windowRows) => {
        const int = (id: number) => sql`cast(${id} as integer)`
        const rowids =
          seekable && windowRows > SEEK_AFTER_ROWS
            ? sql`rowid in (${sql.join(ids.map(int))})`
            : sql`rowid >= ${int(Math.min(...ids))} and rowid <= ${int(Math.max(...ids))} and +rowid in (${sql.join(ids.map(int))})`
        return (
          await sql<{ id: number; snippet: string | null }>`
            select rowid as id, snippet(${fts}, ${sql.lit(snippetAt)}, ${MARK_START}, ${MARK_END}, '…', 24) as snippet
            from ${fts} where ${fts} match ${match} and ${rowids}`.execute(db)
        ).rows
      },
      // The same window without highlight(): only its ids and the carried columns the filters and groups read.
      async (size) =>
        (
          await sql<CountRow>`
            with ${windowCte(fts, index.table, carried(o.carry), where, size, enumerate)}
            select (select count(distinct ${o.group}) from windowed p where ${o.filter ?? sql`1 = 1`}) as total,
              (select count(*) from windowed) as hits`.execute(db)
        ).rows[0] as CountRow,
    )
  },

  async suggest(db, index, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || emptyScope(o.scope)) return []
    const fts = sql.raw(index.sqlite.fts)
    const scope = scopeMatch(index, o.scope, undefined)
    const match = [`${o.column} : (${quoted(terms).join(' ')}*)`, ...scope.match].join(' AND ')
    const columns = sql.raw(o.select.map((c) => `, ${c}`).join(''))
    // Like search, rank only the newest matches, so a short prefix stays cheap: more matched words first, then
    // newer documents.
    const { rows } = await sql<Record<string, unknown>>`
      with hit as materialized (
        select p.id${carried(o.select)}, highlight(${fts}, ${sql.lit(columnIndex(index, o.column))}, char(2), char(3)) as ht
        from ${fts} cross join ${sql.raw(index.table)} p on p.id = ${fts}.rowid
        where ${fts} match ${match} ${scope.checks}
        order by ${fts}.rowid desc limit ${SUGGEST_WINDOW}
      )
      select id${columns} from hit
      order by length(ht) - length(replace(ht, char(2), '')) desc, id desc limit ${o.limit}`.execute(db)
    return rows
  },

  async indexDocuments(db, index, ids) {
    const columns = sql.raw([...index.columns.map((c) => c.name), index.sqlite.scopeColumn].join(', '))
    await sql`insert into ${sql.raw(index.sqlite.fts)} (rowid, ${columns})
      select id, ${columns} from ${sql.raw(index.sqlite.source)} where id in (${ids})`.execute(db)
  },

  async removeDocuments(db, index, ids) {
    const fts = sql.raw(index.sqlite.fts)
    const columns = sql.raw([...index.columns.map((c) => c.name), index.sqlite.scopeColumn].join(', '))
    await sql`insert into ${fts} (${fts}, rowid, ${columns})
      select 'delete', id, ${columns} from ${sql.raw(index.sqlite.source)} where id in (${ids})`.execute(db)
  },
}
