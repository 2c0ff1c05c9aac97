import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type KyselyPlugin } from 'kysely'
import pg from 'pg'
import { postgresAdapter, sqliteAdapter, type Db, type DialectAdapter } from './dialect.js'
import { enableGroupCommit, type GroupHooks } from './group-commit.js'
import { migrateToLatest } from './migrate.js'
import { listenToChannel, type ListenOptions } from './pg-listen.js'
import { startCheckpointer } from './sqlite-checkpointer.js'
import type { Tables } from './tables.js'

export interface Database {
  db: Db
  dialect: DialectAdapter
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>
  /**
   * Calls a channel's handler on each NOTIFY on that channel from any node (PostgreSQL), over one connection of
   * its own; `onLost` when notifications may be missed from then on (the connection closed or went silent) and
   * `onRestored` once they arrive again (see pg-listen.ts). SQLite is single-node: there is nothing to hear,
   * so it never calls them. The subscription ends with close().
   */
  listen(options: Omit<ListenOptions, 'connectionString' | 'onError'>): Promise<void>
  close(): Promise<void>
}

export interface DatabaseOptions {
  dataDir: string
  databaseUrl: string | undefined
  /** Pool size in PostgreSQL mode. */
  poolSize?: number
  /** Told when an idle PostgreSQL connection dies (server restart, failover); the pool reconnects on next use. */
  onConnectionError?: (err: Error) => void
  /** Kysely plugins of the handle (and of its transactions). */
  plugins?: KyselyPlugin[]
  /** Told when a background SQLite checkpoint fails (it is retried on the next tick). */
  onCheckpointError?: (message: string) => void
  /**
   * Work each SQLite commit group does in its transaction (group-commit.ts), such as indexing the group's
   * posts for search in one statement. Domains give it through the app (app.ts); platform knows none of them.
   */
  groupHooks?: (dialect: DialectAdapter) => GroupHooks
}

// pg returns int8 and numeric as strings by default; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10))
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v))

/**
 * Runs a compiled read straight on the database, skipping Kysely's connection handling; returns undefined when
 * it cannot (then the caller goes through Kysely). Only SQLite offers one: its queries are synchronous calls.
 */
export type DirectReader = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined

const directReaders = new WeakMap<Db, DirectReader>()

/** The direct reader of a database opened by openDatabase, if its dialect has one. */
export function directReaderOf(db: Db): DirectReader | undefined {
  return directReaders.get(db)
}

/** Each distinct SQL text prepared once. Kysely prepares on every query, which costs more than a point read. */
function statementCache(raw: SqliteDatabase.Database): (source: string) => SqliteDatabase.Statement {
  const cache = new Map<string, SqliteDatabase.Statement>()
  return (source: string) => {
    let stmt = cache.get(source)
    if (!stmt) {
      stmt = raw.prepare(source)
      if (cache.size > 2000) cache.clear()
      cache.set(source, stmt)
    }
    return stmt
  }
}

/** Wraps better-sqlite3 so Kysely's prepare calls go through the statement cache. */
function withStatementCache(raw: SqliteDatabase.Database, prepare: (source: string) => SqliteDatabase.Statement): SqliteDatabase.Database {
  return new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare
      const value: unknown = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/** Opens SQLite in `dataDir` (WAL, foreign keys, busy timeout) or PostgreSQL at `databaseUrl`, then migrates. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 })
    // An idle client whose connection dies emits 'error' on the pool, and an unhandled 'error' event would
    // crash the whole process. The pool has already dropped that client, so noting it is enough.
    pool.on('error', (err) => options.onConnectionError?.(err))
    const db: Db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins: options.plugins })
    await migrateToLatest(db)
    const listeners: { close(): Promise<void> }[] = []
    return {
      db,
      dialect: postgresAdapter,
      ping: () => pingWith(async () => void (await pool.query('select 1'))),
      async listen(listenOptions) {
        const connectionString = options.databaseUrl as string
        listeners.push(await listenToChannel({ ...listenOptions, connectionString, onError: options.onConnectionError }))
      },
      close: async () => {
        await Promise.all(listeners.splice(0).map((l) => l.close()))
        await db.destroy()
      },
    }
  }
  fs.mkdirSync(options.dataDir, { recursive: true })
  const raw = new SqliteDatabase(path.join(options.dataDir, 'wellspring.db'))
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL')
  raw.pragma('foreign_keys = ON')
  raw.pragma('busy_timeout = 5000')
  // SQLite's default page cache is 2 MiB. On a large database (a million posts) nearly every B-tree step then
  // became a read() of a page from the OS; 64 MiB keeps the hot indexes and recent rows in the process.
  raw.pragma('cache_size = -65536')
  // Reads through a memory map of the file (up to 2 GiB, SQLite's compiled limit), so a page missing from that
  // cache is read from the OS page cache without a read() call and a copy: a search walks hundreds of index and
  // row pages, and this took ~10% of its CPU and ~15% of its p95 at a million posts (bench/knowledge-results.md).
  // Writes still go through write(), so durability is unchanged.
  raw.pragma('mmap_size = 2147418112')
  // Checkpoints run in a thread of their own (sqlite-checkpointer.ts); this is only the backstop should it
  // fall behind: 16,384 pages (64 MiB) of WAL.
  raw.pragma('wal_autocheckpoint = 16384')
  const prepare = statementCache(raw)
  const db: Db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: withStatementCache(raw, prepare) }),
    plugins: options.plugins,
  })
  // Kysely queues every query behind a connection lock, a few promise hops per query. A read outside any
  // transaction needs none of that: SQLite runs it synchronously, so nothing can interleave with it. Inside a
  // transaction (held by some request) the read must queue as usual, or it would see that request's writes.
  directReaders.set(db, (sql, parameters) => {
    if (raw.inTransaction) return undefined
    const stmt = prepare(sql)
    return stmt.reader ? stmt.all(parameters) : undefined
  })
  await migrateToLatest(db)
  enableGroupCommit(db, options.groupHooks?.(sqliteAdapter))
  const checkpointer = startCheckpointer(raw.name, 200, (message) => options.onCheckpointError?.(message))
  let closed = false
  return {
    db,
    dialect: sqliteAdapter,
    ping: () => pingWith(async () => void raw.prepare('select 1').get()),
    listen: () => Promise.resolve(),
    close: async () => {
      if (closed) return
      closed = true
      await checkpointer.stop()
      await db.destroy()
    },
  }
}

async function pingWith(fn: () => Promise<void>): Promise<boolean> {
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())])
    return true
  } catch {
    return false
  }
}
