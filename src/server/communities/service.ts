import type { EventBus } from '../platform/events.js'
import './events.js'
import { communityAccessCaches, type CommunityAccess } from './access-cache.js'
import type {
  Community,
  CommunityRecommendation,
  CreateCommunity,
  JoinRequest,
  Member,
  Trajectory,
  UpdateCommunity,
} from '../../shared/communities.js'
import { parseTags, tagsJson } from '../../shared/tags.js'
import { personStatus, personSummariesById } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import type { CommunityRole } from '../../shared/communities.js'
import { BadRequestError, ConflictError, conflictOnDuplicate, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId, nowIso } from '../platform/time.js'
import { DEFAULT_RULES, parseRules } from './rules.js'
import {
  bumpMemberCount,
  countStewards,
  decideJoinRequest,
  deleteMembership,
  findCommunitiesWithViewer,
  findCommunityBySlug,
  findMembership,
  findPendingRequest,
  findPendingRequests,
  findRequestById,
  insertCommunity,
  insertJoinRequest,
  insertMembership,
  insertMembershipEvent,
  updateCommunity,
  updateMembership,
  type CommunityRow,
  type MembershipRow,
} from './store.js'
import { changeRole, recordJoin } from './membership.js'
import { membersOf } from './members.js'

/** What the viewer may see of a community: secret ones are invisible to outsiders, closed ones show only name and purpose. */
export function canSeeCommunity(row: CommunityRow, membership: Pick<MembershipRow, 'role'> | undefined | null): boolean {
  return row.visibility !== 'secret' || Boolean(membership)
}
export function canReadCommunity(row: CommunityRow, membership: Pick<MembershipRow, 'role'> | undefined | null): boolean {
  return row.visibility === 'open' || Boolean(membership)
}

export function toCommunity(row: CommunityRow, role: CommunityRole | null, following: boolean, pending: boolean): Community {
  const readable = canReadCommunity(row, role ? { role } : null)
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    purpose: row.purpose,
    tags: readable ? parseTags(row.tags) : [],
    visibility: row.visibility,
    memberCount: readable ? row.member_count : 0,
    postCount: readable ? row.post_count : 0,
    lastActivityAt: readable ? row.last_activity_at : row.created_at,
    createdAt: row.created_at,
    myRole: role,
    following: role !== null && following,
    myRequest: pending ? 'pending' : null,
    canSeeContent: readable,
    ...(role === 'steward' ? { rules: parseRules(row.rules) } : {}),
  }
}

/** The community and the viewer's place in it; NotFound when the viewer may not know it exists. */
export async function loadCommunity(db: Db, viewer: Viewer, slug: string): Promise<CommunityAccess> {
  const load = async (): Promise<CommunityAccess | undefined> => {
    const row = await findCommunityBySlug(db, slug)
    const membership = row ? await findMembership(db, row.id, viewer.id) : undefined
    if (!row || !canSeeCommunity(row, membership)) return undefined
    return { row: Object.freeze(row), membership: membership && Object.freeze(membership) }
  }
  const cache = communityAccessCaches.of(db)
  const found = await (cache ? cache.through(accessKey(viewer, slug), load) : load())
  if (!found) throw new NotFoundError('community_not_found', `no community ${slug}`)
  return found
}

const accessKey = (viewer: Viewer, slug: string) => `${viewer.id}\u0000${slug}`

/**
 * loadReadableCommunity's answer when the access cache already holds it, without waiting for anything; undefined
 * on a miss or when the viewer may not read it (then loadReadableCommunity says why). For the hottest reads.
 */
export function cachedReadableCommunity(db: Db, viewer: Viewer, slug: string): CommunityAccess | undefined {
  const found = communityAccessCaches.of(db)?.get(accessKey(viewer, slug), Date.now())
  return found && canReadCommunity(found.row, found.membership) ? found : undefined
}

/** Like loadCommunity, but the viewer must be able to read its content. */
export async function loadReadableCommunity(db: Db, viewer: Viewer, slug: string) {
  const found = await loadCommunity(db, viewer, slug)
  if (!canReadCommunity(found.row, found.membership))
    throw new ForbiddenError('members_only', 'only members can see this community’s content')
  return found
}

async function loadAsSteward(db: Db, viewer: Viewer, slug: string) {
  const found = await loadCommunity(db, viewer, slug)
  if (found.membership?.role !== 'steward') throw new ForbiddenError('stewards_only', 'only stewards can do this')
  return found
}

/** The communities the viewer may see, with their place in each. */
export async function listCommunities(
  db: Db,
  viewer: Viewer,
  query: { q?: string; sort?: 'activity' | 'size' | 'name'; mine?: boolean },
): Promise<Community[]> {
  const rows = await findCommunitiesWithViewer(db, viewer.id)
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  const items = rows
    .filter((r) => canSeeCommunity(r, r.my_role ? { role: r.my_role } : null))
    .filter((r) => !query.mine || r.my_role !== null)
    .map((r) => toCommunity(r, r.my_role ?? null, r.my_following === 1, Number(r.my_pending) > 0))
    .filter((c) => words.every((w) => `${c.name} ${c.purpose} ${c.tags.join(' ')}`.toLowerCase().includes(w)))
  const sort = query.sort ?? 'activity'
  items.sort((a, b) =>
    sort === 'name'
      ? a.name.localeCompare(b.name)
      : sort === 'size'
        ? b.memberCount - a.memberCount
        : b.lastActivityAt.localeCompare(a.lastActivityAt),
  )
  return items
}

export async function getCommunity(db: Db, viewer: Viewer, slug: string): Promise<Community> {
  const { row, membership } = await loadCommunity(db, viewer, slug)
  const pending = membership ? undefined : await findPendingRequest(db, row.id, viewer.id)
  return toCommunity(row, membership?.role ?? null, membership?.following === 1, Boolean(pending))
}

function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
  return s.length >= 2 ? s : `community-${newId().slice(0, 6)}`
}

/** Anyone may start a community; its creator is its first steward. */
export async function createCommunity(db: Db, dialect: DialectAdapter, viewer: Viewer, body: CreateCommunity): Promise<Community> {
  const now = nowIso()
  const base = body.slug ?? slugify(body.name)
  return db.transaction().execute(async (tx) => {
    let slug = base
    for (let i = 2; await findCommunityBySlug(tx, slug); i++) {
      if (body.slug) throw new ConflictError('slug_taken', `the address ${body.slug} is taken`)
      slug = `${base}-${i}`
    }
    const row: CommunityRow = {
      id: newId(),
      slug,
      name: body.name.trim(),
      purpose: body.purpose.trim(),
      tags: tagsJson(body.tags),
      visibility: body.visibility,
      rules: JSON.stringify(DEFAULT_RULES),
      created_by: viewer.id,
      member_count: 1,
      post_count: 0,
      last_activity_at: now,
      created_at: now,
      updated_at: now,
    }
    try {
      await insertCommunity(tx, row)
    } catch (err) {
      if (dialect.isUniqueViolation(err)) throw new ConflictError('slug_taken', `the address ${slug} is taken`)
      throw err
    }
    await insertMembership(tx, {
      community_id: row.id,
      person_id: viewer.id,
      role: 'steward',
      following: 1,
      joined_at: now,
      role_since: now,
    })
    await insertMembershipEvent(tx, {
      id: newId(),
      community_id: row.id,
      person_id: viewer.id,
      from_role: null,
      to_role: 'steward',
      reason: 'created',
      actor_id: viewer.id,
      at: now,
    })
    return toCommunity(row, 'steward', true, false)
  })
}

/** Stewards change the name, purpose, tags, visibility and promotion rules. */
export async function updateCommunitySettings(db: Db, viewer: Viewer, slug: string, body: UpdateCommunity): Promise<Community> {
  const { row } = await loadAsSteward(db, viewer, slug)
  await db.transaction().execute(async (tx) => {
    await updateCommunity(tx, row.id, {
      ...(body.name !== undefined && { name: body.name.trim() }),
      ...(body.purpose !== undefined && { purpose: body.purpose.trim() }),
      ...(body.tags !== undefined && { tags: tagsJson(body.tags) }),
      ...(body.visibility !== undefined && { visibility: body.visibility }),
      ...(body.rules !== undefined && { rules: JSON.stringify(body.rules) }),
      updated_at: nowIso(),
    })
    await recordAudit(tx, viewer.id, 'community.update', row.id, { fields: Object.keys(body) })
  })
  return getCommunity(db, viewer, slug)
}

/** Joins an open community at once; asks to join a closed one. Secret communities cannot be found, let alone joined. */
export async function joinCommunity(
  db: Db,
  viewer: Viewer,
  slug: string,
  message: string,
  bus: EventBus,
): Promise<{ status: 'joined' | 'requested'; role: CommunityRole | null }> {
  const { row, membership } = await loadCommunity(db, viewer, slug)
  if (membership) throw new ConflictError('already_member', 'you are already a member')
  if (row.visibility === 'open') {
    // A join of the same person racing this one may have got there first: the answer is then what it would be after it.
    if (!(await db.transaction().execute((tx) => recordJoin(tx, row.id, viewer.id, 'join', viewer.id))))
      throw new ConflictError('already_member', 'you are already a member')
    return { status: 'joined', role: 'newcomer' }
  }
  const pendingMessage = 'your request is waiting for a steward'
  if (await findPendingRequest(db, row.id, viewer.id)) throw new ConflictError('request_pending', pendingMessage)
  // join_request_pending_idx holds the rule for requests sent at once.
  await bus.transaction(db, async (tx, events) => {
    await conflictOnDuplicate(
      insertJoinRequest(tx, {
        id: newId(),
        community_id: row.id,
        person_id: viewer.id,
        message,
        status: 'pending',
        created_at: nowIso(),
        decided_by: null,
        decided_at: null,
      }),
      'request_pending',
      pendingMessage,
    )
    await events.publish('communities.join_requested', { communityId: row.id, personId: viewer.id })
  })
  return { status: 'requested', role: null }
}

export async function leaveCommunity(db: Db, viewer: Viewer, slug: string): Promise<void> {
  const { row, membership } = await loadCommunity(db, viewer, slug)
  if (!membership) throw new ConflictError('not_member', 'you are not a member')
  await db.transaction().execute(async (tx) => {
    // The community row first: it serialises the leaves of one community, so the steward count below (a
    // statement after the lock) sees every leave committed before, and two last stewards cannot both go.
    await bumpMemberCount(tx, row.id, -1)
    if (membership.role === 'steward' && (await countStewards(tx, row.id)) <= 1) {
      throw new ConflictError('last_steward', 'appoint another steward before you leave')
    }
    if (!(await deleteMembership(tx, row.id, viewer.id))) throw new ConflictError('not_member', 'you are not a member')
    await insertMembershipEvent(tx, {
      id: newId(),
      community_id: row.id,
      person_id: viewer.id,
      from_role: membership.role,
      to_role: null,
      reason: 'leave',
      actor_id: viewer.id,
      at: nowIso(),
    })
  })
}

export async function setFollowing(db: Db, viewer: Viewer, slug: string, following: boolean): Promise<void> {
  const { row, membership } = await loadCommunity(db, viewer, slug)
  if (!membership) throw new ConflictError('not_member', 'join the community to follow it')
  await updateMembership(db, row.id, viewer.id, { following: following ? 1 : 0 })
}

export async function listJoinRequests(db: Db, viewer: Viewer, slug: string): Promise<JoinRequest[]> {
  const { row } = await loadAsSteward(db, viewer, slug)
  const rows = await findPendingRequests(db, row.id)
  const people = await personSummariesById(
    db,
    rows.map((r) => r.person_id),
  )
  return rows.flatMap((r) => {
    const person = people.get(r.person_id)
    return person ? [{ id: r.id, message: r.message, status: r.status, createdAt: r.created_at, person }] : []
  })
}

/** A steward approves (the person joins as a newcomer) or rejects a join request. */
export async function decideRequest(
  db: Db,
  viewer: Viewer,
  slug: string,
  requestId: string,
  approve: boolean,
  bus: EventBus,
): Promise<{ personId: string; communityId: string }> {
  const { row } = await loadAsSteward(db, viewer, slug)
  return bus.transaction(db, async (tx, events) => {
    const request = await findRequestById(tx, requestId)
    if (!request || request.community_id !== row.id) throw new NotFoundError('request_not_found', `no join request ${requestId}`)
    const decided = () => new ConflictError('request_decided', 'this request was already decided')
    if (request.status !== 'pending') throw decided()
    if (!(await decideJoinRequest(tx, request.id, approve ? 'approved' : 'rejected', viewer.id, nowIso()))) throw decided()
    if (approve && !(await findMembership(tx, row.id, request.person_id)))
      await recordJoin(tx, row.id, request.person_id, 'approved', viewer.id)
    await events.publish('communities.join_decided', { communityId: row.id, personId: request.person_id, approved: approve })
    return { personId: request.person_id, communityId: row.id }
  })
}

/** Members grouped by role; closed and secret communities show them to members only. */
export async function listMembers(db: Db, viewer: Viewer, slug: string): Promise<Member[]> {
  const { row } = await loadReadableCommunity(db, viewer, slug)
  return membersOf(db, row.id)
}

/** A steward moves a member to another role by hand. */
export async function setMemberRole(db: Db, viewer: Viewer, slug: string, personId: string, role: CommunityRole): Promise<void> {
  const { row } = await loadAsSteward(db, viewer, slug)
  await db.transaction().execute(async (tx) => {
    const m = await findMembership(tx, row.id, personId)
    if (!m) throw new NotFoundError('member_not_found', 'that person is not a member')
    if (m.role === 'steward' && role !== 'steward' && (await countStewards(tx, row.id)) <= 1)
      throw new ConflictError('last_steward', 'a community needs a steward')
    await changeRole(tx, row.id, personId, m.role, role, 'manual', viewer.id)
  })
}

/** A steward adds someone directly (the only way into a secret community). */
export async function addMember(db: Db, viewer: Viewer, slug: string, personId: string): Promise<void> {
  const { row } = await loadAsSteward(db, viewer, slug)
  await db.transaction().execute(async (tx) => {
    const status = await personStatus(tx, personId)
    if (!status || status === 'erased') throw new BadRequestError('unknown_person', `no person ${personId}`)
    if (!(await recordJoin(tx, row.id, personId, 'approved', viewer.id))) throw new ConflictError('already_member', 'already a member')
  })
}

export { recordCommunityActivity, recordImportedPosts } from './activity.js'
export { findOrCreateImportCommunity, joinFromImport } from './imported.js'
export { applyPromotionRules, type Participation, type ParticipationCounter } from './membership.js'
export type { CommunityRecommendation, Trajectory }
