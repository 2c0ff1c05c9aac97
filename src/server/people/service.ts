import type { AdminPeoplePage, AdminPeopleQuery, OrgNode, Person, PersonSummary, ProfileUpdate, RoleUpdate } from '../../shared/schemas.js'
import { parseTags, tagsJson } from '../../shared/tags.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { nowIso } from '../platform/time.js'
import { INVITE_TTL_MS } from './accounts.js'
import { profileCaches, type ProfileView } from './profile-cache.js'
import {
  countAdmins,
  countReports,
  findAllReportIds,
  findPersonById,
  findProfileById,
  findReports,
  lockPersonRow,
  onboardingStateOf,
  searchPeople,
  searchTextOf,
  updatePerson,
  type PersonRow,
  type PersonSummaryRow,
  type ProfileRow,
} from './store.js'

export { matchSsoPerson } from './sso.js'
export { resolveImportedPeople, type ImportedAccount, type ImportedPerson } from './imported-people.js'

export function toSummary(row: PersonSummaryRow): PersonSummary {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    department: row.department,
    location: row.location,
    hasPhoto: row.photo_type !== null,
  }
}

async function loadVisiblePerson(db: Db, id: string): Promise<PersonRow> {
  const row = await findPersonById(db, id)
  if (!row || row.status === 'erased') throw new NotFoundError('person_not_found', `no person ${id}`)
  return row
}

/** A person's profile as `viewer` sees it: the opt-out flag, and the right to edit, only for themself and admins. */
export async function getPerson(db: Db, viewer: Viewer, id: string): Promise<Person> {
  const view = await loadProfileView(db, id)
  return viewer.id !== id && !viewer.isAdmin ? view.others : ownerView(view)
}

/**
 * For the profile route: what getPerson returns, except that the view other members see comes as UTF-8 JSON
 * made once by `serialize` (the route's response serializer) and kept with the cached profile.
 */
export async function getPersonForRoute(db: Db, viewer: Viewer, id: string, serialize: (p: Person) => string): Promise<Person | Buffer> {
  const view = await loadProfileView(db, id)
  return viewer.id !== id && !viewer.isAdmin ? (view.othersJson ??= Buffer.from(serialize(view.others))) : ownerView(view)
}

/** The profile as its owner and admins see it: with the opt-out flag, and editable. */
function ownerView(view: ProfileView): Person {
  return { ...view.others, analyticsOptOut: view.analyticsOptOut, canEdit: true }
}

/**
 * The profile JSON getPersonForRoute would send `viewer`, when the profile cache already holds it; undefined
 * otherwise (then call getPersonForRoute). It waits for nothing, so a hit is answered within the request's own
 * turn of the event loop, without the promise hops of the general path. Owners and admins get their editable
 * view from getPersonForRoute.
 */
export function cachedPersonJson(db: Db, viewer: Viewer, id: string): Buffer | undefined {
  if (viewer.id === id || viewer.isAdmin) return undefined
  return profileCaches.of(db)?.get(id, Date.now())?.othersJson
}

async function loadProfileView(db: Db, id: string): Promise<ProfileView> {
  const cache = profileCaches.of(db)
  const view = cache ? await cache.through(id, () => readProfileView(db, id)) : await readProfileView(db, id)
  if (!view) throw new NotFoundError('person_not_found', `no person ${id}`)
  return view
}

async function readProfileView(db: Db, id: string): Promise<ProfileView | undefined> {
  const row = await findProfileById(db, id)
  return row && row.status !== 'erased' ? toProfileView(row) : undefined
}

function toProfileView(row: ProfileRow): ProfileView {
  const reportCount = Number(row.report_count)
  const others: Person = {
    id: row.id,
    name: row.name,
    email: row.email,
    title: row.title,
    department: row.department,
    location: row.location,
    startDate: row.start_date,
    bio: row.bio,
    hasPhoto: row.photo_type !== null,
    manager:
      row.m_id !== null
        ? {
            id: row.m_id,
            name: row.m_name ?? '',
            title: row.m_title ?? '',
            department: row.m_department ?? '',
            location: row.m_location ?? '',
            hasPhoto: row.m_photo_type !== null,
          }
        : null,
    reportCount,
    whoAmI: row.who_am_i,
    wantToBecome: row.want_to_become,
    communitiesWanted: row.communities_wanted,
    aspirationTags: parseTags(row.aspiration_tags),
    skillsOffered: parseTags(row.skills_offered),
    skillsWanted: parseTags(row.skills_wanted),
    role: row.role,
    isManager: row.role === 'admin' || row.manager_granted === 1 || reportCount > 0,
    canEdit: false,
  }
  // Shared by every request that reads this profile from the cache.
  deepFreeze(others)
  return { others, analyticsOptOut: row.analytics_opt_out === 1 }
}

function deepFreeze(person: Person): void {
  Object.freeze(person.aspirationTags)
  Object.freeze(person.skillsOffered)
  Object.freeze(person.skillsWanted)
  if (person.manager) Object.freeze(person.manager)
  Object.freeze(person)
}

const HR_FIELDS = ['title', 'department', 'location', 'startDate', 'managerId'] as const

/** Changes a profile. People edit their own; the HR fields (title, department, ...) are for admins. */
export async function updateProfile(db: Db, viewer: Viewer, id: string, patch: ProfileUpdate): Promise<Person> {
  const self = viewer.id === id
  if (!self && !viewer.isAdmin) throw new ForbiddenError('not_your_profile', 'you may only edit your own profile')
  if (!viewer.isAdmin && HR_FIELDS.some((f) => patch[f] !== undefined)) {
    throw new ForbiddenError('hr_field', 'title, department, location, start date and manager come from HR; ask an admin')
  }
  await db.transaction().execute(async (tx) => {
    const row = await loadVisiblePerson(tx, id)
    if (patch.managerId !== undefined && patch.managerId !== null) {
      if (patch.managerId === id) throw new BadRequestError('manager_cycle', 'a person cannot manage themself')
      const manager = await findPersonById(tx, patch.managerId)
      if (!manager || manager.status === 'erased') throw new BadRequestError('unknown_manager', `no person ${patch.managerId}`)
      if ((await findAllReportIds(tx, id)).has(patch.managerId))
        throw new BadRequestError('manager_cycle', 'that manager reports to this person')
    }
    const next: Partial<PersonRow> = {
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(patch.bio !== undefined && { bio: patch.bio }),
      ...(patch.whoAmI !== undefined && { who_am_i: patch.whoAmI }),
      ...(patch.wantToBecome !== undefined && { want_to_become: patch.wantToBecome }),
      ...(patch.communitiesWanted !== undefined && { communities_wanted: patch.communitiesWanted }),
      ...(patch.aspirationTags !== undefined && { aspiration_tags: tagsJson(patch.aspirationTags) }),
      ...(patch.skillsOffered !== undefined && { skills_offered: tagsJson(patch.skillsOffered) }),
      ...(patch.skillsWanted !== undefined && { skills_wanted: tagsJson(patch.skillsWanted) }),
      ...(patch.analyticsOptOut !== undefined && { analytics_opt_out: patch.analyticsOptOut ? 1 : 0 }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.department !== undefined && { department: patch.department }),
      ...(patch.location !== undefined && { location: patch.location }),
      ...(patch.startDate !== undefined && { start_date: patch.startDate }),
      ...(patch.managerId !== undefined && { manager_id: patch.managerId }),
    }
    if (next.name === '') throw new BadRequestError('empty_name', 'a name cannot be blank')
    const merged = { ...row, ...next }
    await updatePerson(tx, id, { ...next, search_text: searchTextOf(merged), updated_at: nowIso() })
    if (!self) await recordAudit(tx, viewer.id, 'profile.update', id, { fields: Object.keys(patch) })
  })
  return getPerson(db, viewer, id)
}

/** Direct reports of a manager, or the top of the org chart when `managerId` is null. */
export async function listOrgChildren(db: Db, managerId: string | null): Promise<OrgNode[]> {
  if (managerId !== null) await loadVisiblePerson(db, managerId)
  const rows = await findReports(db, managerId)
  return rows.map((r) => ({ person: toSummary(r), reportCount: Number(r.report_count) }))
}

/** The management chain above a person, from the top down, ending with the person. */
export async function getManagementChain(db: Db, id: string): Promise<PersonSummary[]> {
  const chain: PersonSummary[] = []
  const seen = new Set<string>()
  let current: PersonRow | undefined = await loadVisiblePerson(db, id)
  while (current && !seen.has(current.id) && chain.length < 50) {
    seen.add(current.id)
    chain.unshift(toSummary(current))
    current = current.manager_id ? await findPersonById(db, current.manager_id) : undefined
  }
  return chain
}

/** Everyone not erased, with account details, for admins. */
export async function listPeopleForAdmin(db: Db, dialect: DialectAdapter, query: AdminPeopleQuery): Promise<AdminPeoplePage> {
  const { rows, total } = await searchPeople(
    db,
    dialect,
    { q: query.q, department: query.department, includeInactive: true, placeholders: query.placeholders ?? false, onboarding: query.state },
    query.limit ?? 50,
    query.offset ?? 0,
  )
  const reportCounts = await Promise.all(rows.map((r) => countReports(db, r.id)))
  return {
    items: rows.map((r, i) => ({
      ...toSummary(r),
      email: r.email,
      role: r.role,
      managerGranted: r.manager_granted === 1,
      isManager: r.role === 'admin' || r.manager_granted === 1 || (reportCounts[i] ?? 0) > 0,
      status: r.status,
      onboarding: onboardingStateOf(r),
      lastLoginAt: r.last_login_at ?? null,
      invitedAt: r.invited_at ?? null,
      invitationExpiresAt: r.invited_at ? new Date(Date.parse(r.invited_at) + INVITE_TTL_MS).toISOString() : null,
    })),
    total,
  }
}

/** Grants or removes the admin role and the granted-manager flag. The last admin cannot be demoted. */
export async function updateRoles(db: Db, viewer: Viewer, id: string, update: RoleUpdate): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await loadVisiblePerson(tx, id)
    if (update.role === 'member' && row.role === 'admin' && (await countAdmins(tx)) <= 1) {
      throw new ConflictError('last_admin', 'there must be at least one admin')
    }
    await updatePerson(tx, id, {
      ...(update.role !== undefined && { role: update.role }),
      ...(update.managerGranted !== undefined && { manager_granted: update.managerGranted ? 1 : 0 }),
      updated_at: nowIso(),
    })
    await recordAudit(tx, viewer.id, 'person.roles', id, update)
  })
}

/**
 * Makes writes about one person, in other domains too, take turns until the transaction ends: a write that
 * replaces a set of rows of theirs (delete, then insert) runs whole before the next one reads. Without it,
 * two such writes at once on PostgreSQL each miss the other's new rows.
 */
export async function holdPersonForWrite(tx: Db, personId: string): Promise<void> {
  await lockPersonRow(tx, personId)
}
