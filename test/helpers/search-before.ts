import { sql } from 'kysely'
import type { Db } from '../../src/server/platform/db/dialect.js'
import {
  MARK_END,
  MARK_START,
  SEARCH_WINDOW,
  type FullTextIndex,
  type IndexQuery,
  type SearchPage,
} from '../../src/server/platform/db/dialect-search.js'

// The SQLite full-text search exactly as it was before issue 15's changes (platform/db/dialect-search.ts at
// 0a40615), kept for search-same.test.ts: the current search must return what this returns, to the byte.
// PostgreSQL's path was not changed; the current one is its own reference.

const RECENCY_DAYS = sql.lit(180)
const NARROW = 8
const WORD = /^[\p{L}\p{N}\p{M}]{1,64}$/u
const hexOf = (id: string) => Buffer.from(id, 'utf8').toString('hex')
const quoted = (tokens: string[]) => tokens.map((t) => `"${t}"`)
const carried = (columns: readonly string[]) => sql.raw(columns.map((c) => `, p.${c}`).join(''))
const saturated = (n: string) => `(${n} * 2.2 / (${n} + 1.2))`
const marks = (column: string) => `(length(${column}) - length(replace(${column}, char(2), '')))`
type HitRow = { id: number | string; thread: number | string; score: number; total: number | string; hits: number | string }

/** The SQLite search of 0a40615. */
export async function sqliteSearchBefore(db: Db, index: FullTextIndex, o: IndexQuery): Promise<SearchPage> {
  const terms = o.terms.filter((t) => WORD.test(t))
  if (terms.length === 0 || Object.values(o.scope).some((v) => v.length === 0)) return { hits: [], total: 0, capped: false }
  const fts = sql.raw(index.sqlite.fts)
  const text = index.columns.map((c) => c.name).join(' ')
  const match: string[] = []
  const checks: ReturnType<typeof sql>[] = []
  for (const [name, values] of Object.entries(o.scope)) {
    const field = index.scopes[name]!
    if (field.column && !(o.narrow ?? values.length <= NARROW)) {
      checks.push(sql`and p.${sql.raw(field.column)} in (select value from json_each(${JSON.stringify(values)}))`)
      continue
    }
    const tokens = quoted(values.map((v) => `${field.token}${field.hex ? hexOf(v) : v}0`))
    match.push(
      tokens.length === 1 ? `${index.sqlite.scopeColumn} : ${tokens[0]}` : `${index.sqlite.scopeColumn} : (${tokens.join(' OR ')})`,
    )
  }
  const fullMatch = [`{${text}} : (${quoted(terms).join(o.anyTerm ? ' OR ' : ' ')})`, ...match].join(' AND ')
  const weighted = index.columns.map((c, i) => ({ ...c, i })).filter((c) => c.weight > 0)
  const highlights = sql.raw(weighted.map((c) => `, highlight(${index.sqlite.fts}, ${c.i}, char(2), char(3)) as h${c.i}`).join(''))
  const relevance = sql.raw(`(1.0${weighted.map((c) => ` + ${c.weight.toFixed(1)} * ${saturated(marks(`p.h${c.i}`))}`).join('')})`)
  const boost = sql`(1.0 + 1.0 / (1.0 + max(0.0, julianday(${o.now}) - julianday(p.${sql.raw(o.createdColumn)})) / ${RECENCY_DAYS}))`
  const snippetAt = index.columns.findIndex((c) => c.name === index.snippetColumn)
  const ranked = async (size: number, limit: number, offset: number) =>
    (
      await sql<HitRow>`
        with hit as materialized (
          select p.id${carried(o.carry)}${highlights} from ${fts} cross join ${sql.raw(index.table)} p on p.id = ${fts}.rowid
          where ${fts} match ${fullMatch} ${sql.join(checks, sql` `)} order by ${fts}.rowid desc limit ${size}
        ), scored as (
          select p.id as id, ${o.group} as thread, ${relevance} * ${boost} as score
          from hit p where ${o.filter ?? sql`1 = 1`}
        ), best as (select id, thread, max(score) as score from scored group by thread)
        select id, thread, score, count(*) over () as total, (select count(*) from hit) as hits
        from best order by score desc, id desc limit ${limit} offset ${offset}`.execute(db)
    ).rows
  const window = o.window ?? SEARCH_WINDOW
  const rows = await ranked(window, o.limit, o.offset)
  const counts = rows[0] ?? (o.offset > 0 ? (await ranked(window, 1, 0))[0] : undefined)
  const total = counts ? Number(counts.total) : 0
  const capped = counts ? Number(counts.hits) >= window : false
  if (rows.length === 0) return { hits: [], total, capped }
  const ids = rows.map((r) => Number(r.id))
  const int = (id: number) => sql`cast(${id} as integer)`
  const snips = (
    await sql<{ id: number; snippet: string | null }>`
      select rowid as id, snippet(${fts}, ${sql.lit(snippetAt)}, ${MARK_START}, ${MARK_END}, '…', 24) as snippet
      from ${fts}
      where ${fts} match ${fullMatch} and rowid >= ${int(Math.min(...ids))} and rowid <= ${int(Math.max(...ids))}
        and +rowid in (${sql.join(ids.map(int))})`.execute(db)
  ).rows
  const byId = new Map(snips.map((r) => [Number(r.id), r.snippet ?? '']))
  return {
    hits: rows.map((r) => ({ id: Number(r.id), group: Number(r.thread), score: Number(r.score), snippet: byId.get(Number(r.id)) ?? '' })),
    total,
    capped,
  }
}
