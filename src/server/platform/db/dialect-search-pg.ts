import { sql, type RawBuilder } from 'kysely'
import {
  type CountRow,
  type FullTextIndex,
  type HitRow,
  type IndexQuery,
  MARK_END,
  MARK_START,
  RECENCY_DAYS,
  type SearchImplementation,
  SUGGEST_WINDOW,
  carried,
  emptyScope,
  page,
  safeTerms,
  windowedSearch,
} from './dialect-search.js'

// PostgreSQL's half of the full-text search primitives (dialect-search.ts has the shared part and SQLite's).

// ---- PostgreSQL: tsvector with GIN ----------------------------------------------------------------------

/** The filters SQLite applies inside FTS5, as SQL (alias p). */
function pgScope(index: FullTextIndex, scope: IndexQuery['scope']): RawBuilder<unknown> {
  const parts = [index.postgres.documents]
  for (const [name, values] of Object.entries(scope)) {
    const field = index.scopes[name]
    if (!field) throw new Error(`${index.table} has no scope field ${name}`)
    parts.push(field.sql(values))
  }
  return sql.join(parts, sql` and `)
}

export const postgresSearch: SearchImplementation = {
  async search(db, index, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || emptyScope(o.scope)) return { hits: [], total: 0, capped: false }
    // plainto_tsquery over plain words: every term required, stemmed, no operators, so it cannot fail to
    // parse; the same meaning as the quoted terms on SQLite. Any-term mode ORs the same words, each quoted
    // and WORD-checked, so to_tsquery cannot fail to parse either.
    const tsquery = o.anyTerm
      ? sql`to_tsquery('english', ${terms.map((t) => `'${t}'`).join(' | ')})`
      : sql`plainto_tsquery('english', ${terms.join(' ')})`
    const table = sql.raw(index.table)
    const vector = sql.raw(index.postgres.vector)
    const created = sql.raw(o.createdColumn)
    // Ranked after the window's LIMIT, so only it is scored. The window's match names the query itself, not the
    // CTE q: the planner then knows the words and estimates how many documents match, so for a common word it
    // walks ids from the newest and stops at the window (about 10 ms) instead of fetching every match through
    // the GIN index and sorting them (250 ms for a word in 12,000 of 100,000 posts, growing with the index).
    return windowedSearch(
      o,
      async (size, limit, offset) =>
        (
          await sql<HitRow>`
            with q as (select ${tsquery} as query),
            hit as materialized (
              select p.id, p.${vector} from ${table} p
              where p.${vector} @@ ${tsquery} and ${pgScope(index, o.scope)} order by p.id desc limit ${size}
            ), scored as (
              select p.id, ${o.group} as thread, ts_rank_cd(${sql.lit(index.postgres.weights)}::float4[], hit.${vector}, q.query, 1)::float8
                * (1.0 + 1.0 / (1.0 + greatest(0.0, extract(epoch from (${o.now}::timestamptz - p.${created}::timestamptz))::float8 / 86400.0) / ${RECENCY_DAYS})) as score
              from hit cross join q join ${table} p on p.id = hit.id where ${o.filter ?? sql`true`}
            ), ${page('distinct', limit, offset)}`.execute(db)
        ).rows,
      async (ids) => {
        // The text as the vector reads it (migration 0012): a space after each "<", so words in markup are words.
        const options = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`
        return (
          await sql<{
            id: number
            snippet: string | null
          }>`select id, ts_headline('english', replace(${sql.raw(index.snippetColumn)}, '<', '< '), ${tsquery}, ${options}) as snippet from ${table} where id in (${sql.join(ids)})`.execute(
            db,
          )
        ).rows
      },
      async (size) =>
        (
          await sql<CountRow>`
            with hit as materialized (
              select p.id from ${table} p
              where p.${vector} @@ ${tsquery} and ${pgScope(index, o.scope)} order by p.id desc limit ${size}
            )
            select (select count(distinct ${o.group}) from hit join ${table} p on p.id = hit.id where ${o.filter ?? sql`true`}) as total,
              (select count(*) from hit) as hits`.execute(db)
        ).rows[0] as CountRow,
    )
  },

  async suggest(db, index, o) {
    const terms = safeTerms(o.terms)
    if (terms.length === 0 || emptyScope(o.scope)) return []
    const label = index.columns.find((c) => c.name === o.column)?.label ?? 'A'
    const vector = sql.raw(index.postgres.vector)
    // Whole words stemmed and restricted to the column's weight; the word being typed as a prefix, both
    // stemmed (as FTS5 does) and as typed (so a stop word like "the" can still begin "theory").
    const whole = terms.slice(0, -1).map((t) => `'${t}':${label}`)
    const last = terms[terms.length - 1] as string
    const head = whole.length ? sql`to_tsquery('english', ${whole.join(' & ')}) && ` : sql``
    const columns = sql.raw(o.select.map((c) => `, ${c}`).join(''))
    const { rows } = await sql<Record<string, unknown>>`
      with q as (select ${head}(to_tsquery('english', ${`'${last}':*${label}`}) || to_tsquery('simple', ${`'${last}':*${label}`})) as query),
      hit as materialized (
        select p.id${carried(o.select)}, p.${vector} from ${sql.raw(index.table)} p cross join q
        where p.${vector} @@ q.query and ${pgScope(index, o.scope)} order by p.id desc limit ${SUGGEST_WINDOW}
      )
      select id${columns} from hit cross join q
      order by ts_rank_cd(hit.${vector}, q.query) desc, id desc limit ${o.limit}`.execute(db)
    return rows
  },

  // The vector is a generated column: PostgreSQL indexes a row when it is written.
  async indexDocuments() {},
  async removeDocuments() {},
}
