import { sql } from 'kysely'
import { forWrite, type Db, type DialectAdapter, type TrigramIndex } from '../platform/db/dialect.js'
import { prepareQuery } from '../platform/db/prepared.js'
import type { Tables } from '../platform/db/tables.js'

export type PersonRow = Tables['person']

const SUMMARY_COLUMNS = ['id', 'name', 'title', 'department', 'location', 'photo_type'] as const
export type PersonSummaryRow = Pick<PersonRow, (typeof SUMMARY_COLUMNS)[number]>

/** The lower-cased text the directory searches. */
export function searchTextOf(p: Pick<PersonRow, 'name' | 'email' | 'title' | 'department' | 'location'>): string {
  return [p.name, p.email, p.title, p.department, p.location].join(' ').toLowerCase()
}

export function findPersonById(db: Db, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
}

export type ProfileRow = Omit<PersonRow, 'password_hash' | 'search_text' | 'created_at' | 'updated_at'> & {
  report_count: number
  /** The manager's summary columns; null when there is no manager. */
  m_id: string | null
  m_name: string | null
  m_title: string | null
  m_department: string | null
  m_location: string | null
  m_photo_type: string | null
}

const selectProfile = prepareQuery((db: Db, id: string) =>
  db
    .selectFrom('person as p')
    .leftJoin('person as m', 'm.id', 'p.manager_id')
    .select([
      'p.id',
      'p.email',
      'p.name',
      'p.title',
      'p.department',
      'p.manager_id',
      'p.location',
      'p.start_date',
      'p.bio',
      'p.photo_type',
      'p.who_am_i',
      'p.want_to_become',
      'p.communities_wanted',
      'p.aspiration_tags',
      'p.skills_offered',
      'p.skills_wanted',
      'p.analytics_opt_out',
      'p.role',
      'p.manager_granted',
      'p.status',
      'm.id as m_id',
      'm.name as m_name',
      'm.title as m_title',
      'm.department as m_department',
      'm.location as m_location',
      'm.photo_type as m_photo_type',
      // Served by person_manager_idx, like the viewer's has_reports.
      sql<number>`(select count(*) from person r where r.manager_id = p.id and r.status <> 'erased')`.as('report_count'),
    ])
    .where('p.id', '=', id),
)

/**
 * A profile with its manager's summary and its report count, in one query: the profile page is the most
 * read page, so this is a prepared query and replaces three round trips (and getPerson caches what it makes
 * of the row: profile-cache.ts).
 */
export async function findProfileById(db: Db, id: string): Promise<ProfileRow | undefined> {
  return (await selectProfile(db, id))[0]
}

export function findPersonByEmail(db: Db, email: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
}

/** Summary columns and status of the given people (whatever their status: callers filter). */
/** Up to this many ids, summaries are read by one prepared query (the ids padded with the first). */
const FEW_IDS = 8

// Authors of a thread or a page are a handful of people: built and compiled once, not per read.
const selectFewSummaries = prepareQuery((db: Db, a: string, b: string, c: string, d: string, e: string, f: string, g: string, h: string) =>
  db
    .selectFrom('person')
    .select([...SUMMARY_COLUMNS, 'status'])
    .where('id', 'in', [a, b, c, d, e, f, g, h]),
)

export function findSummariesByIds(db: Db, ids: string[]): Promise<(PersonSummaryRow & Pick<PersonRow, 'status'>)[]> {
  if (ids.length === 0) return Promise.resolve([])
  if (ids.length <= FEW_IDS) {
    // A repeated id in IN matches its row once.
    const padded = Array.from({ length: FEW_IDS }, (_, i) => ids[i] ?? (ids[0] as string))
    return selectFewSummaries(db, ...(padded as [string, string, string, string, string, string, string, string]))
  }
  return db
    .selectFrom('person')
    .select([...SUMMARY_COLUMNS, 'status'])
    .where('id', 'in', ids)
    .execute()
}

export async function countReports(db: Db, managerId: string): Promise<number> {
  const row = await db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('manager_id', '=', managerId)
    .where('status', '<>', 'erased')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Whether any active admin exists: stops at the first one, where a count would read every person. */
export async function hasAdmin(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertPerson(db: Db, row: PersonRow): Promise<void> {
  await db.insertInto('person').values(row).execute()
}

/**
 * Inserts a person unless someone has their email already; false then (a concurrent request created them
 * first: PostgreSQL waits for it to commit, then skips the row).
 */
export async function insertPersonIfEmailFree(db: Db, row: PersonRow): Promise<boolean> {
  const inserted = await db
    .insertInto('person')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Locks a person's row until the transaction ends (see forWrite). */
export async function lockPersonRow(db: Db, id: string): Promise<void> {
  await forWrite(db, db.selectFrom('person').select('id').where('id', '=', id)).execute()
}

export async function updatePerson(db: Db, id: string, fields: Partial<PersonRow>): Promise<void> {
  await db.updateTable('person').set(fields).where('id', '=', id).execute()
}

export interface DirectoryFilter {
  q?: string
  department?: string
  includeInactive?: boolean
  /** With includeInactive: true lists only import placeholders, false leaves them out (attribution, not people). */
  placeholders?: boolean
}

/** The directory's trigram index on person.search_text (migration 0017), kept current by the database on every write. */
const PERSON_TRIGRAMS: TrigramIndex = {
  column: 'search_text',
  id: 'id',
  fts: 'person_search',
  keys: 'person_search_key',
  keyOf: 'person_id',
}

/** The words of a directory query, lower case, at most five. */
export function directoryWords(q: string | undefined): string[] {
  return (q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5)
}

function unfiltered(db: Db, filter: DirectoryFilter) {
  let query = db.selectFrom('person')
  query = filter.includeInactive ? query.where('status', '<>', 'erased') : query.where('status', '=', 'active')
  if (filter.placeholders !== undefined) query = query.where('status', filter.placeholders ? '=' : '<>', 'placeholder')
  if (filter.department) query = query.where('department', '=', filter.department)
  return query
}

/** People whose search text contains every word of the query, found through the trigram index. */
function filtered(db: Db, dialect: DialectAdapter, filter: DirectoryFilter) {
  const words = directoryWords(filter.q)
  const query = unfiltered(db, filter)
  return words.length ? query.where(dialect.containsAllText(PERSON_TRIGRAMS, words)) : query
}

/**
 * Candidates for a typo-tolerant search: people of the filter whose ` search_text ` shares at least `atLeast` of
 * `trigrams`, with their search text, for the caller to score. Found through the trigram index.
 */
export function findDirectoryCandidates(
  db: Db,
  dialect: DialectAdapter,
  filter: DirectoryFilter,
  trigrams: string[],
  atLeast: number,
): Promise<(PersonSummaryRow & Pick<PersonRow, 'email' | 'role' | 'manager_granted' | 'status' | 'search_text'>)[]> {
  return unfiltered(db, filter)
    .where(dialect.containsSomeTrigrams(PERSON_TRIGRAMS, trigrams, atLeast))
    .select([...SUMMARY_COLUMNS, 'email', 'role', 'manager_granted', 'status', 'search_text'])
    .execute()
}

/**
 * A page of the directory, ordered by name, and the total matching. The total comes from the trigram index
 * (its cost grows with the matches, where a scan's grows with everyone). The page too, unless the query matches
 * so many that walking people in name order (person_directory_idx) finds a page sooner than sorting every match.
 */
export async function searchPeople(
  db: Db,
  dialect: DialectAdapter,
  filter: DirectoryFilter,
  limit: number,
  offset: number,
): Promise<{ rows: (PersonSummaryRow & Pick<PersonRow, 'email' | 'role' | 'manager_granted' | 'status'>)[]; total: number }> {
  const counted = await filtered(db, dialect, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const total = Number(counted.n)
  if (total <= offset) return { rows: [], total }
  // Both filters mean "every word is part of the search text"; only the way to the rows differs.
  const query = total >= 20 * (offset + limit) ? scanned(db, dialect, filter) : filtered(db, dialect, filter)
  const rows = await query
    .select([...SUMMARY_COLUMNS, 'email', 'role', 'manager_granted', 'status'])
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute()
  return { rows, total }
}

/** People whose search text contains every word of the query, checked on each row (no index). */
function scanned(db: Db, dialect: DialectAdapter, filter: DirectoryFilter) {
  let query = unfiltered(db, filter)
  for (const word of directoryWords(filter.q)) query = query.where(dialect.containsText('search_text', word))
  return query
}

/**
 * Departments that have an active person, in order. Every directory page lists them, so this is a loose
 * index scan on person(department, status): one index seek per department instead of reading every person
 * (SELECT DISTINCT would). Plain recursive SQL, the same on both dialects.
 */
export async function listDepartments(db: Db): Promise<string[]> {
  const { rows } = await sql<{ department: string }>`
    with recursive d(department) as (
      select min(department) from person where status = 'active' and department > ''
      union all
      select (select min(p.department) from person p where p.status = 'active' and p.department > d.department)
      from d where d.department is not null
    )
    select department from d where department is not null order by department`.execute(db)
  return rows.map((r) => r.department)
}

/** People with the given manager (or with none, for the roots), with how many reports each has. */
export function findReports(db: Db, managerId: string | null): Promise<(PersonSummaryRow & { report_count: number })[]> {
  let query = db
    .selectFrom('person as p')
    .select(['p.id', 'p.name', 'p.title', 'p.department', 'p.location', 'p.photo_type'])
    .select(sql<number>`(select count(*) from person r where r.manager_id = p.id and r.status <> 'erased')`.as('report_count'))
    .where('p.status', '<>', 'erased')
  query = managerId === null ? query.where('p.manager_id', 'is', null) : query.where('p.manager_id', '=', managerId)
  return query.orderBy('p.name').execute()
}

/** Ids of people who report to `personId`, directly or not; used to refuse manager cycles. */
export async function findAllReportIds(db: Db, personId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('person').select(['id', 'manager_id']).where('manager_id', 'is not', null).execute()
  const byManager = new Map<string, string[]>()
  for (const r of rows) {
    const list = byManager.get(r.manager_id as string) ?? []
    list.push(r.id)
    byManager.set(r.manager_id as string, list)
  }
  const seen = new Set<string>()
  const stack = [personId]
  while (stack.length) {
    for (const child of byManager.get(stack.pop() as string) ?? []) {
      if (!seen.has(child)) {
        seen.add(child)
        stack.push(child)
      }
    }
  }
  return seen
}

export async function reassignReports(db: Db, fromManagerId: string, toManagerId: string | null, now: string): Promise<void> {
  await db.updateTable('person').set({ manager_id: toManagerId, updated_at: now }).where('manager_id', '=', fromManagerId).execute()
}

// Served by person_manager_idx, like the profile's report count: one index probe.
const selectViewerPerson = prepareQuery((db: Db, id: string) =>
  db
    .selectFrom('person as p')
    .select([
      'p.id',
      'p.name',
      'p.email',
      'p.role',
      'p.manager_granted',
      sql<number>`case when exists (select 1 from person r where r.manager_id = p.id and r.status <> 'erased') then 1 else 0 end`.as(
        'has_reports',
      ),
    ])
    .where('p.id', '=', id)
    .where('p.status', '=', 'active'),
)

/**
 * An active person with what decides their organisation roles, in one query. Access control reads it for
 * every session the viewer cache does not hold, so it is a prepared query.
 */
export async function findActiveViewerRow(
  db: Db,
  id: string,
): Promise<(Pick<PersonRow, 'id' | 'name' | 'email' | 'role' | 'manager_granted'> & { has_reports: number }) | undefined> {
  return (await selectViewerPerson(db, id))[0]
}

/** Ids of everyone active (not invited, erased or a placeholder). */
export async function findActivePersonIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('person').select('id').where('status', '=', 'active').execute()).map((r) => r.id)
}

/** Mail addresses and names of the active people among `ids`, read in batches. */
export async function findActiveContacts(db: Db, ids: string[]): Promise<{ id: string; email: string; name: string }[]> {
  const out: { id: string; email: string; name: string }[] = []
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('person')
        .select(['id', 'email', 'name'])
        .where('id', 'in', unique.slice(i, i + 500))
        .where('status', '=', 'active')
        .execute()),
    )
  }
  return out
}

/** The person an import created for an outside account (see PersonRow.claim_key). */
export function findPersonByClaimKey(db: Db, claimKey: string): Promise<Pick<PersonRow, 'id' | 'status'> | undefined> {
  return db.selectFrom('person').select(['id', 'status']).where('claim_key', '=', claimKey).executeTakeFirst()
}

/** Active people who have not opted out of analytics, with their place in the org chart. */
export function findAnalyticsRoster(db: Db) {
  return db
    .selectFrom('person')
    .select(['id', 'department', 'manager_id', 'start_date'])
    .where('status', '=', 'active')
    .where('analytics_opt_out', '=', 0)
    .execute()
}

/** What matching reads of active people: org chart, tenure, the profile's three questions and skills. */
export async function findMatchingProfiles(db: Db, ids: string[]) {
  const out = []
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('person')
        .select([
          'id',
          'department',
          'manager_id',
          'start_date',
          'created_at',
          'who_am_i',
          'want_to_become',
          'communities_wanted',
          'aspiration_tags',
          'skills_offered',
          'skills_wanted',
          'analytics_opt_out',
        ])
        .where('id', 'in', unique.slice(i, i + 500))
        .where('status', '=', 'active')
        .execute()),
    )
  }
  return out
}
