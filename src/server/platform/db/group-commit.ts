import { sql } from 'kysely'
import type { Db } from './dialect.js'

/**
 * Group commit for SQLite: the write transactions of requests that arrive together run, each in a savepoint
 * of its own, inside one SQLite transaction, and every caller hears back after that one commit. A commit
 * writes each changed page to the WAL; posts written one by one rewrote the same hot pages (the ends of the
 * time-ordered indexes, the community row, the full-text index's structure) once per post. A caller whose
 * work throws is rolled back to its savepoint alone and gets its error; if the commit itself fails, every
 * caller of the group gets that error, and nothing of theirs was written. Nobody is told of success before
 * the commit, so an acknowledged write is as durable as before.
 *
 * PostgreSQL has no committer here (its connections run transactions side by side); `inWriteTransaction`
 * then opens an ordinary transaction.
 */
interface Task {
  fn: (tx: Db) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
}

/** Most callers in one transaction: bounds how long reads that must queue behind it wait. */
const MAX_GROUP = 64

/** Work a group does in its transaction: first, and after every caller's work (not run for a failed group). */
export interface GroupHooks {
  begin(tx: Db): Promise<void>
  beforeCommit(tx: Db): Promise<void>
}

const committers = new WeakMap<Db, Task[]>()
const hooksOf = new WeakMap<Db, GroupHooks>()

/** Makes `db` (a SQLite database from openDatabase) group its write transactions. */
export function enableGroupCommit(db: Db, hooks?: GroupHooks): void {
  committers.set(db, [])
  if (hooks) hooksOf.set(db, hooks)
}

/** Runs `fn` in a transaction: grouped with concurrent callers where the database has a committer. */
export function inWriteTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const queue = committers.get(db)
  if (!queue) return db.transaction().execute(fn)
  return new Promise<T>((resolve, reject) => {
    queue.push({ fn, resolve: resolve as (value: unknown) => void, reject })
    // Requests that arrive in the same turn of the event loop queue before the group starts.
    if (queue.length === 1 && !flushing.has(db)) setImmediate(() => void flush(db, queue))
  })
}

const flushing = new WeakSet<Db>()

async function flush(db: Db, queue: Task[]): Promise<void> {
  if (flushing.has(db)) return
  flushing.add(db)
  try {
    while (queue.length > 0) await runGroup(db, queue.splice(0, MAX_GROUP))
  } finally {
    flushing.delete(db)
  }
}

async function runGroup(db: Db, group: Task[]): Promise<void> {
  const done: { task: Task; value: unknown }[] = []
  const hooks = hooksOf.get(db)
  try {
    await db.transaction().execute(async (tx) => {
      await hooks?.begin(tx)
      for (const task of group) {
        await sql`savepoint group_member`.execute(tx)
        try {
          const value = await task.fn(tx)
          await sql`release group_member`.execute(tx)
          done.push({ task, value })
        } catch (err) {
          await sql`rollback to group_member`.execute(tx)
          await sql`release group_member`.execute(tx)
          task.reject(err)
        }
      }
      await hooks?.beforeCommit(tx)
    })
  } catch (err) {
    // Nothing of the group was written. Callers already rejected keep their own error.
    for (const task of group) task.reject(err)
    return
  }
  for (const d of done) d.task.resolve(d.value)
}
