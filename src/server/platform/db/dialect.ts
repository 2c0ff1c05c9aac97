import { PostgresAdapter, sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import { postgresSearch } from './dialect-search-pg.js'
import { sqliteSearch, type FullTextIndex, type IndexQuery, type PrefixQuery, type SearchPage } from './dialect-search.js'
import { postgresTrigrams, sqliteTrigrams, type TrigramIndex } from './dialect-trigram.js'
import type { Tables } from './tables.js'

export type { TrigramIndex } from './dialect-trigram.js'

export {
  MARK_END,
  MARK_START,
  SEARCH_WINDOW,
  type FullTextIndex,
  type IndexedColumn,
  type IndexHit,
  type IndexQuery,
  type PrefixQuery,
  type ScopeField,
  type SearchPage,
} from './dialect-search.js'

export type Db = Kysely<Tables>
export type Tx = Transaction<Tables>
export type DialectName = 'sqlite' | 'postgres'

/**
 * Everything that differs between SQLite and PostgreSQL. This is the only place that branches on the
 * dialect (full-text search has its two implementations in dialect-search.ts); the rest of the code calls
 * these functions.
 */
export interface DialectAdapter {
  readonly name: DialectName
  /** Claims the next due job, lowest priority number first, then oldest: at most one worker gets each job. */
  claimJob(db: Db, workerId: string, now: string, lockedUntil: string): Promise<Tables['job'] | undefined>
  /** True when `err` is a unique-constraint violation. */
  isUniqueViolation(err: unknown): boolean
  /** Case-insensitive "contains" match, as a SQL fragment. */
  containsText(column: string, needle: string): ReturnType<typeof sql<boolean>>
  /** Every needle (lower case, without spaces) is a substring of the index's column, found through its trigram index. */
  containsAllText(index: TrigramIndex, needles: string[]): RawBuilder<boolean>
  /**
   * The index's column, with a space on each side, contains at least `atLeast` of `trigrams` (three characters
   * each): candidates for a typo-tolerant match, found through the trigram index.
   */
  containsSomeTrigrams(index: TrigramIndex, trigrams: string[], atLeast: number): RawBuilder<boolean>
  /**
   * Full-text search over a domain's index, best first, one hit per group (e.g. a thread). The scope filters run
   * inside the SQL, so nothing outside them is ranked, counted or quoted. Snippets are plain text with
   * MARK_START/MARK_END around matched words: not HTML. The work is bounded (see SEARCH_WINDOW): a very common
   * word ranks only its most recent matches. Implemented in dialect-search.ts.
   */
  searchIndex(db: Db, index: FullTextIndex, query: IndexQuery): Promise<SearchPage>
  /** Documents whose column matches every term, the last one as a prefix (as-you-type suggestions), best first. */
  suggestFromIndex(db: Db, index: FullTextIndex, query: PrefixQuery): Promise<Record<string, unknown>[]>
  /** Adds the documents whose ids `ids` (a subquery) selects to the index, where the dialect does not do it itself. */
  indexDocuments(db: Db, index: FullTextIndex, ids: RawBuilder<unknown>): Promise<void>
  /** Takes documents out of the index; call it before their rows change or go. */
  removeDocuments(db: Db, index: FullTextIndex, ids: RawBuilder<unknown>): Promise<void>
}

/**
 * True when `err` is a unique or primary-key violation from either driver: PostgreSQL's 23505, SQLite's
 * SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (a composite primary key, such as a membership's,
 * reports the latter).
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof Error) || !('code' in err)) return false
  const code = String(err.code)
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/**
 * `query`, locking the rows it selects until the transaction ends, so that writers of the same rows take
 * turns. PostgreSQL: FOR NO KEY UPDATE, which leaves inserts that reference the rows (foreign keys) free.
 * SQLite runs one write transaction at a time, so the query runs as it is.
 */
export function forWrite<Q extends { forNoKeyUpdate(): Q }>(db: Db, query: Q): Q {
  return db.getExecutor().adapter instanceof PostgresAdapter ? query.forNoKeyUpdate() : query
}

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  async claimJob(db, workerId, now, lockedUntil) {
    // SQLite has one writer at a time, so select-then-update in a transaction is already exclusive.
    return db.transaction().execute(async (tx) => {
      // Each branch walks job_claim_idx (status, priority, run_at) from its start; an OR of the two made SQLite
      // scan the whole table, about 1 ms per claim once thousands of jobs were queued. The lowest priority
      // number goes first, then the oldest run_at: an urgent job does not wait behind a backlog of bulk ones.
      const { rows } = await sql<{ id: string }>`select id from (
          select * from (select id, priority, run_at from job where status = 'queued' and run_at <= ${now} order by priority, run_at limit 1)
          union all
          select * from (select id, priority, run_at from job where status = 'running' and locked_until < ${now} order by priority, run_at limit 1)
        ) order by priority, run_at limit 1`.execute(tx)
      const next = rows[0]
      if (!next) return undefined
      return tx
        .updateTable('job')
        .set({ status: 'running', locked_by: workerId, locked_until: lockedUntil, attempts: sql`attempts + 1`, updated_at: now })
        .where('id', '=', next.id)
        .returningAll()
        .executeTakeFirst()
    })
  },
  isUniqueViolation,
  containsText(column, needle) {
    return sql<boolean>`instr(${sql.ref(column)}, ${needle.toLowerCase()}) > 0`
  },
  containsAllText: (index, needles) => sqliteTrigrams.containsAll(index, needles),
  containsSomeTrigrams: (index, trigrams, atLeast) => sqliteTrigrams.containsSome(index, trigrams, atLeast),
  searchIndex: (db, index, o) => sqliteSearch.search(db, index, o),
  suggestFromIndex: (db, index, o) => sqliteSearch.suggest(db, index, o),
  indexDocuments: (db, index, ids) => sqliteSearch.indexDocuments(db, index, ids),
  removeDocuments: (db, index, ids) => sqliteSearch.removeDocuments(db, index, ids),
}

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  async claimJob(db, workerId, now, lockedUntil) {
    // FOR UPDATE SKIP LOCKED lets several app nodes claim from the same table without waiting on each other.
    // Two branches, as on SQLite, so each walks job_claim_idx in (priority, run_at) order instead of sorting
    // every due job; each locks at most one row, and the better of the two is taken.
    const result = await sql<Tables['job']>`
      update job set status = 'running', locked_by = ${workerId}, locked_until = ${lockedUntil},
        attempts = attempts + 1, updated_at = ${now}
      where id = (
        select id from (
          select * from (
            select id, priority, run_at from job where status = 'queued' and run_at <= ${now}
            order by priority, run_at limit 1 for update skip locked) queued
          union all
          select * from (
            select id, priority, run_at from job where status = 'running' and locked_until < ${now}
            order by priority, run_at limit 1 for update skip locked) lapsed
        ) candidates
        order by priority, run_at limit 1
      )
      returning *`.execute(db)
    return result.rows[0]
  },
  isUniqueViolation,
  containsText(column, needle) {
    return sql<boolean>`strpos(${sql.ref(column)}, ${needle.toLowerCase()}) > 0`
  },
  containsAllText: (index, needles) => postgresTrigrams.containsAll(index, needles),
  containsSomeTrigrams: (index, trigrams, atLeast) => postgresTrigrams.containsSome(index, trigrams, atLeast),
  searchIndex: (db, index, o) => postgresSearch.search(db, index, o),
  suggestFromIndex: (db, index, o) => postgresSearch.suggest(db, index, o),
  indexDocuments: (db, index, ids) => postgresSearch.indexDocuments(db, index, ids),
  removeDocuments: (db, index, ids) => postgresSearch.removeDocuments(db, index, ids),
}
