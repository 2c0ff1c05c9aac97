import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'
import { findJobById, findJobsByIds, type JobRow } from '../platform/jobs/store.js'
import type { ExistingPerson, ManagerLink } from './roster-check.js'
import type { PersonRow } from './store.js'

export type RosterImportRow = Tables['roster_import']
export type RosterImportSummaryRow = Omit<RosterImportRow, 'csv'>

/** Rows per multi-row statement: 500 × ~25 columns stays well under both dialects' bound-parameter limits. */
export const BATCH_SIZE = 500

function chunks<T>(items: T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export async function insertRosterImport(db: Db, row: RosterImportRow): Promise<void> {
  await db.insertInto('roster_import').values(row).execute()
}

/** An import with its CSV, for the job that runs it. */
export function findRosterImportById(db: Db, id: string): Promise<RosterImportRow | undefined> {
  return db.selectFrom('roster_import').selectAll().where('id', '=', id).executeTakeFirst()
}

const SUMMARY_COLUMNS = ['id', 'created_by', 'filename', 'mode', 'job_id', 'report', 'created_at'] as const

/** An import without its CSV, with its job. */
export async function findRosterImportSummary(
  db: Db,
  id: string,
): Promise<{ row: RosterImportSummaryRow; job: JobRow | undefined } | undefined> {
  const row = await db.selectFrom('roster_import').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return { row, job: await findJobById(db, row.job_id) }
}

/** The latest imports, newest first, without their CSV, each with its job. */
export async function listRecentRosterImports(db: Db, limit: number): Promise<{ row: RosterImportSummaryRow; job: JobRow | undefined }[]> {
  const rows = await db
    .selectFrom('roster_import')
    .select(SUMMARY_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  if (rows.length === 0) return []
  const jobs = await findJobsByIds(
    db,
    rows.map((r) => r.job_id),
  )
  const byId = new Map(jobs.map((j) => [j.id, j]))
  return rows.map((row) => ({ row, job: byId.get(row.job_id) }))
}

export async function setRosterReport(db: Db, id: string, report: string): Promise<void> {
  await db.updateTable('roster_import').set({ report }).where('id', '=', id).execute()
}

/** The people with these emails (lower-case), fetched in batches. */
export async function findPeopleByEmails(db: Db, emails: string[]): Promise<ExistingPerson[]> {
  const out: ExistingPerson[] = []
  for (const batch of chunks(emails)) {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'email', 'name', 'title', 'department', 'location', 'start_date', 'manager_id', 'status'])
      .where('email', 'in', batch)
      .execute()
    out.push(...rows)
  }
  return out
}

/** Everyone's manager link: three short columns per person, so even a large organisation fits in memory. */
export async function findManagerLinks(db: Db): Promise<ManagerLink[]> {
  const rows = await db.selectFrom('person').select(['id', 'email', 'manager_id', 'status']).execute()
  return rows.map((r) => ({ id: r.id, email: r.email, managerId: r.manager_id, status: r.status }))
}

/**
 * Inserts people, or updates the HR fields of those whose email exists already, in batches; returns the id
 * each email ended up with. Status, role, password and profile answers of existing people are left alone.
 * `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` reads the same on SQLite and PostgreSQL.
 */
export async function upsertPeopleByEmail(db: Db, rows: PersonRow[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const batch of chunks(rows)) {
    const written = await db
      .insertInto('person')
      .values(batch)
      .onConflict((oc) =>
        oc.column('email').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          title: eb.ref('excluded.title'),
          department: eb.ref('excluded.department'),
          location: eb.ref('excluded.location'),
          start_date: eb.ref('excluded.start_date'),
          manager_id: eb.ref('excluded.manager_id'),
          search_text: eb.ref('excluded.search_text'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returning(['id', 'email'])
      .execute()
    for (const r of written) ids.set(r.email, r.id)
  }
  return ids
}

/** Inserts people in batches; the caller has made sure the emails are new. */
export async function insertPeople(db: Db, rows: PersonRow[]): Promise<void> {
  for (const batch of chunks(rows)) await db.insertInto('person').values(batch).execute()
}
