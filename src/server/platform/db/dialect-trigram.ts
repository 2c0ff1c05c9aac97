import { sql, type RawBuilder } from 'kysely'

/**
 * A lower-case text column with a trigram index over ` column ` (a space on each side, so the start and end of
 * every word are trigrams too), which a domain's migration creates and keeps current (0017 does it for
 * person.search_text). SQLite: an FTS5 table with `tokenize = 'trigram'` whose rowid is the `key` column of a
 * key table mapping to the searched table's `id`. PostgreSQL: a pg_trgm GIN index on `(' ' || column || ' ')`.
 * The predicates below are on the searched table's row; it must be queried without an alias.
 */
export interface TrigramIndex {
  /** The indexed column of the searched table. */
  column: string
  /** The searched table's key column. */
  id: string
  /** SQLite only: the FTS5 trigram table and the key table (`key` integer primary key, `keyOf` the searched id). */
  fts: string
  keys: string
  keyOf: string
}

/** The FTS5 trigram tokenizer matches nothing shorter than three characters (code points). */
const indexable = (needle: string) => [...needle].length >= 3

const ftsPhrase = (needle: string) => `"${needle.replaceAll('"', '""')}"`

/** A LIKE pattern for "contains `needle`" (PostgreSQL's default escape character is the backslash). */
const containsPattern = (needle: string) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const padded = (column: string) => sql`(' ' || ${sql.ref(column)} || ' ')`

function sqliteKeysMatching(index: TrigramIndex, match: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(index.id)} in (select ${sql.ref(index.keyOf)} from ${sql.table(index.keys)} where key in (
    select rowid from ${sql.table(index.fts)} where ${sql.table(index.fts)} match ${match}))`
}

const and = (parts: RawBuilder<boolean>[]) => (parts.length ? sql<boolean>`(${sql.join(parts, sql` and `)})` : sql<boolean>`1 = 1`)

/** How many of `needles` the padded column contains, as an integer SQL expression (`position` is instr or strpos). */
function countContained(position: 'instr' | 'strpos', column: string, needles: string[]): RawBuilder<number> {
  const fn = sql.raw(position)
  return sql<number>`(${sql.join(
    needles.map((n) => sql`(case when ${fn}(${padded(column)}, ${n}) > 0 then 1 else 0 end)`),
    sql` + `,
  )})`
}

export const sqliteTrigrams = {
  /** Every needle (lower case, no spaces) is a substring of the column: the index finds those of 3+ characters. */
  containsAll(index: TrigramIndex, needles: string[]): RawBuilder<boolean> {
    const long = needles.filter(indexable)
    const parts = needles.filter((n) => !indexable(n)).map((n) => sql<boolean>`instr(${sql.ref(index.column)}, ${n}) > 0`)
    if (long.length) parts.unshift(sqliteKeysMatching(index, long.map(ftsPhrase).join(' AND ')))
    return and(parts)
  },
  /** The padded column contains at least `atLeast` of `trigrams` (three characters each): the index finds any. */
  containsSome(index: TrigramIndex, trigrams: string[], atLeast: number): RawBuilder<boolean> {
    return sql<boolean>`(${sqliteKeysMatching(index, trigrams.map(ftsPhrase).join(' OR '))} and ${countContained('instr', index.column, trigrams)} >= ${atLeast})`
  },
}

export const postgresTrigrams = {
  containsAll(index: TrigramIndex, needles: string[]): RawBuilder<boolean> {
    // LIKE on the indexed expression: pg_trgm's GIN index serves it for needles of 3+ characters.
    return and(needles.map((n) => sql<boolean>`${padded(index.column)} like ${containsPattern(n)}`))
  },
  containsSome(index: TrigramIndex, trigrams: string[], atLeast: number): RawBuilder<boolean> {
    // An OR of LIKEs (not LIKE ANY, which a GIN index cannot serve) becomes a bitmap OR of index scans.
    const any = sql.join(
      trigrams.map((t) => sql`${padded(index.column)} like ${containsPattern(t)}`),
      sql` or `,
    )
    return sql<boolean>`((${any}) and ${countContained('strpos', index.column, trigrams)} >= ${atLeast})`
  },
}
