import { sql, type Kysely, type Transaction } from 'kysely'
import type { Tables } from './tables.js'

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
}
