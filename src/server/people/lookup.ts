import type { PersonSummary } from '../../shared/schemas.js'
import { parseTags } from '../../shared/tags.js'
import type { ViewerPerson } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { toSummary } from './service.js'
import {
  findActiveContacts,
  findActivePersonIds,
  findAnalyticsRoster,
  findActiveViewerRow,
  findMatchingProfiles,
  findPersonById,
  findSummariesByIds,
  type PersonRow,
} from './store.js'

// The people domain's reads that other domains (and platform, through app.ts) may use.

/** How far the organisation is in joining (the admin's setup checklist): people by onboarding state. */
export { countOnboarding as onboardingCounts } from './invitation-store.js'

/** The organisation's departments (those with an active person), in order: for choosing one, and checking a choice. */
export { listDepartments as departmentNames } from './store.js'

/** Summary rows (with status) of the given people, read 500 ids at a time. */
async function summaryRows(db: Db, ids: readonly string[]) {
  const rows = []
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await findSummariesByIds(db, ids.slice(i, i + 500))))
  return rows
}

/** Summaries of the given people by id, for other domains to show authors and members. Erased people are left out. */
export async function getPersonSummaries(db: Db, ids: Iterable<string | null | undefined>): Promise<Map<string, PersonSummary>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))]
  const map = new Map<string, PersonSummary>()
  for (const row of await summaryRows(db, unique)) {
    if (row.name !== 'Former member' || row.title !== '') map.set(row.id, toSummary(row))
  }
  return map
}

/**
 * Summaries of the given people by id, whatever their status, or with `exceptErased` all but the erased (by
 * their status). For lists of members and requests, which show everyone who has not been erased.
 */
export async function personSummariesById(
  db: Db,
  ids: Iterable<string>,
  options: { exceptErased?: boolean } = {},
): Promise<Map<string, PersonSummary>> {
  const map = new Map<string, PersonSummary>()
  for (const row of await summaryRows(db, [...new Set(ids)])) {
    if (!options.exceptErased || row.status !== 'erased') map.set(row.id, toSummary(row))
  }
  return map
}

/** People whose email local part is one of `handles` (for @mentions), active only. */
export async function findPeopleByHandles(db: Db, handles: string[]): Promise<{ id: string; handle: string }[]> {
  if (handles.length === 0) return []
  const rows = await db
    .selectFrom('person')
    .select(['id', 'email'])
    .where('status', '=', 'active')
    .where((eb) => eb.or(handles.slice(0, 20).map((h) => eb('email', 'like', `${h.replace(/[%_]/g, '')}@%`))))
    .execute()
  return rows.map((r) => ({ id: r.id, handle: r.email.split('@')[0] as string })).filter((r) => handles.includes(r.handle))
}

/**
 * The person behind a session, as access control needs them, or undefined unless they are active. Platform's
 * ViewerPersonLoader: app.ts gives it to registerAccessControl. A manager is someone with reports or the grant.
 */
export async function loadViewerPerson(db: Db, personId: string): Promise<ViewerPerson | undefined> {
  const row = await findActiveViewerRow(db, personId)
  if (!row) return undefined
  const isAdmin = row.role === 'admin'
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isAdmin,
    isManager: isAdmin || row.manager_granted === 1 || Number(row.has_reports) === 1,
  }
}

/** Ids of everyone active: who can be asked, mailed or counted. */
export function activePersonIds(db: Db): Promise<string[]> {
  return findActivePersonIds(db)
}

/** Mail addresses and names of the active people among `ids` (summaries leave the address out). */
export async function activeContacts(db: Db, ids: Iterable<string>): Promise<Map<string, { email: string; name: string }>> {
  return new Map((await findActiveContacts(db, [...ids])).map((r) => [r.id, { email: r.email, name: r.name }]))
}

/** The active people among `ids` (platform's ActivePeopleFilter: live streams end with their person's account). */
export async function activeAmong(db: Db, ids: readonly string[]): Promise<ReadonlySet<string>> {
  return new Set((await findActiveContacts(db, [...ids])).map((r) => r.id))
}

/** A person's account status, or undefined when there is no such person. */
export async function personStatus(db: Db, id: string): Promise<PersonRow['status'] | undefined> {
  return (await findPersonById(db, id))?.status
}

/** A person as people analytics may count them: active and not opted out (DESIGN.md). */
export interface AnalyticsPerson {
  id: string
  department: string
  managerId: string | null
  startDate: string | null
}

/**
 * Everyone people analytics may include: active people who have not opted out. Anyone else must appear in no
 * graph, map or count, so insights build everything from this list.
 */
export async function analyticsRoster(db: Db): Promise<AnalyticsPerson[]> {
  return (await findAnalyticsRoster(db)).map((r) => ({
    id: r.id,
    department: r.department,
    managerId: r.manager_id,
    startDate: r.start_date,
  }))
}

/** What matching (connections) needs of a person: org chart, tenure and the profile's answers. */
export interface MatchingProfile {
  id: string
  department: string
  managerId: string | null
  /** Start date, or the account's creation when unknown (ISO). */
  startedAt: string
  whoAmI: string
  wantToBecome: string
  communitiesWanted: string
  aspirationTags: string[]
  skillsOffered: string[]
  skillsWanted: string[]
  analyticsOptOut: boolean
}

/** Matching profiles of the active people among `ids`. */
export async function matchingProfiles(db: Db, ids: readonly string[]): Promise<Map<string, MatchingProfile>> {
  const rows = await findMatchingProfiles(db, [...ids])
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        department: r.department,
        managerId: r.manager_id,
        startedAt: r.start_date ?? r.created_at,
        whoAmI: r.who_am_i,
        wantToBecome: r.want_to_become,
        communitiesWanted: r.communities_wanted,
        aspirationTags: parseTags(r.aspiration_tags),
        skillsOffered: parseTags(r.skills_offered),
        skillsWanted: parseTags(r.skills_wanted),
        analyticsOptOut: r.analytics_opt_out === 1,
      },
    ]),
  )
}

/** The active people among `ids` with their manager (null at the top): who may be given work by whom. */
export async function managersOf(db: Db, ids: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'manager_id'])
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'active')
      .execute()
    for (const r of rows) out.set(r.id, r.manager_id)
  }
  return out
}
