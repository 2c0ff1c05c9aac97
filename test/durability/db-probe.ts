import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import type { Dialect } from '../helpers/app.js'

export interface JobState {
  status: string
  progress: number
  progress_total: number
  progress_label: string
  attempts: number
}

/**
 * Reads a server's database from the test process, beside the server rather than through it: a SQLite
 * writer blocks that server's own requests for as long as a transaction is open, but not a reader in
 * another process (WAL). That lets a test see the moment an apply transaction starts.
 */
export interface DbProbe {
  job(id: string): Promise<JobState | undefined>
  /** People whose email ends with `suffix`. */
  countPeople(suffix: string): Promise<number>
  close(): Promise<void>
}

export async function openProbe(dialect: Dialect, store: { dataDir: string; databaseUrl: string | undefined }): Promise<DbProbe> {
  const jobSql = 'select status, progress, progress_total, progress_label, attempts from job where id = '
  const countSql = 'select count(*) as n from person where email like '
  if (dialect === 'sqlite') {
    const db = new SqliteDatabase(path.join(store.dataDir, 'wellspring.db'), { readonly: true, fileMustExist: true })
    return {
      job: async (id) => db.prepare(`${jobSql}?`).get(id) as JobState | undefined,
      countPeople: async (suffix) => Number((db.prepare(`${countSql}?`).get(`%${suffix}`) as { n: number }).n),
      close: async () => void db.close(),
    }
  }
  const client = new pg.Client({ connectionString: store.databaseUrl })
  await client.connect()
  return {
    job: async (id) => (await client.query<JobState>(`${jobSql}$1`, [id])).rows[0],
    countPeople: async (suffix) => Number((await client.query<{ n: string }>(`${countSql}$1`, [`%${suffix}`])).rows[0]?.n ?? 0),
    close: () => client.end(),
  }
}
