import { sql } from 'kysely'
import type { Db, DialectName } from '../../src/server/platform/db/dialect.js'
import { getSetting } from '../../src/server/platform/settings.js'

// The demo loads only into a database that holds nothing anyone made: it must never mix invented people (and
// their well-known admin) into a real organisation. These checks run inside the loading transaction, before
// its first write.

/** The setting that marks a database as the demo organisation: `{ seed, today, loaded_at, admin }`. */
export const DEMO_MARKER_KEY = 'demo.organisation'

export interface DemoMarker {
  seed: number
  today: string
  loaded_at: string
  admin: string
}

/**
 * Tables the running app fills by itself, before anyone has done anything: queued jobs and schedules,
 * rate-limit counters and installation settings (secrets, the demo marker). Rows there say nothing about an
 * organisation, so they do not stop the demo; every other table must be empty.
 */
const MACHINERY = new Set(['job', 'schedule', 'rate_limit', 'setting'])
/** SQLite keeps an FTS5 table's index in shadow tables named after it; they are never empty. */
const FTS5_SHADOWS = ['config', 'data', 'idx', 'docsize', 'content']

/** Raised before any write when the database holds something the demo did not create. */
export class DemoRefusedError extends Error {
  constructor(readonly found: readonly { table: string; rows: number }[]) {
    super(
      `Refusing to load the demo: this database already holds data the demo did not create (${found
        .map((f) => `${f.table}: ${f.rows} row${f.rows === 1 ? '' : 's'}`)
        .join(', ')}). The demo loads only into an empty database, so that its invented people and its admin ` +
        'never enter a real organisation. Nothing was changed. Point DATA_DIR (or DATABASE_URL) at a new, empty ' +
        'database to try the demo.',
    )
    this.name = 'DemoRefusedError'
  }
}

/** Names of SQLite's FTS5 shadow tables in this database. */
async function shadowTables(db: Db): Promise<Set<string>> {
  const virtual = await sql<{
    name: string
  }>`select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'`.execute(db)
  return new Set(virtual.rows.flatMap((v) => FTS5_SHADOWS.map((s) => `${v.name}_${s}`)))
}

/**
 * Every table (views and machinery left out) that holds at least one row, with its row count. Reads the
 * schema itself rather than a list, so a table added by a later migration is checked too.
 */
export async function occupiedTables(db: Db, dialect: DialectName): Promise<{ table: string; rows: number }[]> {
  const shadows = dialect === 'sqlite' ? await shadowTables(db) : new Set<string>()
  const tables = (await db.introspection.getTables()).filter((t) => !t.isView && !MACHINERY.has(t.name) && !shadows.has(t.name))
  const found: { table: string; rows: number }[] = []
  for (const t of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t.name)}`.execute(db)
    const rows = Number(r.rows[0]?.n ?? 0)
    if (rows > 0) found.push({ table: t.name, rows })
  }
  return found
}

/** The demo marker, when this database holds the demo organisation. */
export async function readDemoMarker(db: Db): Promise<DemoMarker | null> {
  const value = await getSetting(db, DEMO_MARKER_KEY)
  return value === undefined ? null : (JSON.parse(value) as DemoMarker)
}
