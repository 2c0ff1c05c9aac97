import type { Member } from '../../shared/communities.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { prepareQuery } from '../platform/db/prepared.js'
import type { CommunityRole } from '../../shared/communities.js'
import { ForbiddenError } from '../platform/errors.js'
import { nowIso } from '../platform/time.js'
import { canReadCommunity, canSeeCommunity, loadCommunity } from './service.js'
import {
  findCommunityById,
  findCommunityBySlug,
  findMembership,
  findReadableCommunityIds,
  findMemberIds,
  type CommunityRow,
  type MembershipRow,
} from './store.js'
import { recordJoin } from './membership.js'
import { readableCommunitiesCaches } from './readable-cache.js'
import { membersOf } from './members.js'

/** Row types other domains see (a community passed along with its access). */
export type { CommunityRow, MembershipRow }

export interface CommunityRef {
  id: string
  slug: string
  name: string
  visibility: CommunityRow['visibility']
}

// One community's ref is the usual ask (a thread, a feed): built and compiled once, not per read.
const selectCommunityRef = prepareQuery((db: Db, id: string) =>
  db.selectFrom('community').select(['id', 'slug', 'name', 'visibility']).where('id', '=', id),
)

/** Communities by id, for other domains to label content. */
export async function getCommunityRefs(
  db: Db,
  ids: Iterable<string>,
  /** Refs the caller already has: when they cover every id, nothing is read. */
  known?: ReadonlyMap<string, CommunityRef>,
): Promise<ReadonlyMap<string, CommunityRef>> {
  const unique = [...new Set(ids)]
  if (known && unique.every((id) => known.has(id))) return known
  const map = new Map<string, CommunityRef>()
  if (unique.length === 0) return map
  const rows =
    unique.length === 1
      ? await selectCommunityRef(db, unique[0] as string)
      : await db.selectFrom('community').select(['id', 'slug', 'name', 'visibility']).where('id', 'in', unique).execute()
  for (const r of rows) map.set(r.id, r)
  return map
}

/** A community's ref by its slug, whoever asks (callers check access themselves). */
export async function communityRefBySlug(db: Db, slug: string): Promise<CommunityRef | undefined> {
  const row = await findCommunityBySlug(db, slug)
  return row ? { id: row.id, slug: row.slug, name: row.name, visibility: row.visibility } : undefined
}

// Runs for every post and thread read, so it is built and compiled once.
const selectAccess = prepareQuery((db: Db, personId: string, communityId: string) =>
  db
    .selectFrom('community as c')
    .leftJoin('membership as m', (j) => j.onRef('m.community_id', '=', 'c.id').on('m.person_id', '=', personId))
    .select(['c.id', 'c.slug', 'c.name', 'c.visibility', 'm.role'])
    .where('c.id', '=', communityId),
)

/** A community's ref and the person's role in it (null when not a member), in one query; undefined when it is gone. */
export async function communityAccess(
  db: Db,
  personId: string,
  communityId: string,
): Promise<{ ref: CommunityRef; role: CommunityRole | null } | undefined> {
  const row = (await selectAccess(db, personId, communityId))[0]
  return row ? { ref: { id: row.id, slug: row.slug, name: row.name, visibility: row.visibility }, role: row.role ?? null } : undefined
}

/** The person's roles in the given communities, in one query; communities they are not in are absent. */
export async function rolesIn(db: Db, personId: string, communityIds: Iterable<string>): Promise<Map<string, CommunityRole>> {
  const unique = [...new Set(communityIds)]
  if (unique.length === 0) return new Map()
  const rows = await db
    .selectFrom('membership')
    .select(['community_id', 'role'])
    .where('person_id', '=', personId)
    .where('community_id', 'in', unique)
    .execute()
  return new Map(rows.map((r) => [r.community_id, r.role]))
}

/** Ids of the communities whose content a person may read. Search, feeds and notifications filter by it. */
export async function readableCommunityIds(db: Db, personId: string): Promise<string[]> {
  const cache = readableCommunitiesCaches.of(db)
  if (!cache) return findReadableCommunityIds(db, personId)
  const ids = await cache.through(personId, async () => Object.freeze(await findReadableCommunityIds(db, personId)))
  // A copy: callers may change what they are given.
  return [...(ids ?? [])]
}

/** True when the person may read the community's content. */
export async function canRead(db: Db, personId: string, communityId: string): Promise<boolean> {
  const row = await findCommunityById(db, communityId)
  if (!row) return false
  return canReadCommunity(row, await findMembership(db, communityId, personId))
}

/** The viewer's role in a community, or null. */
export async function roleIn(db: Db, personId: string, communityId: string): Promise<CommunityRole | null> {
  return (await findMembership(db, communityId, personId))?.role ?? null
}

/**
 * The community a viewer wants to post in, checked: they must be able to read it, and be a member. In an
 * open community, posting makes them a newcomer member (taking part is how one joins).
 */
export async function communityForPosting(
  db: Db,
  viewer: Viewer,
  slug: string,
): Promise<{ row: CommunityRow; role: CommunityRole; membership: MembershipRow }> {
  const { row, membership } = await loadCommunity(db, viewer, slug)
  if (membership) return { row, role: membership.role, membership }
  if (row.visibility !== 'open') throw new ForbiddenError('members_only', 'join this community to post in it')
  const at = nowIso()
  if (!(await recordJoin(db, row.id, viewer.id, 'join', viewer.id, at))) {
    // A concurrent request of the viewer's joined them first: theirs is the membership.
    const joined = await findMembership(db, row.id, viewer.id)
    if (joined) return { row, role: joined.role, membership: joined }
  }
  return {
    row,
    role: 'newcomer',
    membership: { community_id: row.id, person_id: viewer.id, role: 'newcomer', following: 1, joined_at: at, role_since: at },
  }
}

/** Makes sure a person who replies in an open community is a member; refuses otherwise. */
export async function ensureMemberForReply(db: Db, personId: string, communityId: string): Promise<void> {
  const row = await findCommunityById(db, communityId)
  if (!row) throw new Error(`community ${communityId} vanished`)
  const membership = await findMembership(db, communityId, personId)
  if (membership) return
  if (!canSeeCommunity(row, membership) || row.visibility !== 'open') {
    throw new ForbiddenError('members_only', 'join this community to reply')
  }
  await recordJoin(db, communityId, personId, 'join', personId)
}

/** Ids of a community's stewards. */
export function stewardIds(db: Db, communityId: string): Promise<string[]> {
  return findMemberIds(db, communityId, 'steward')
}

/** Members of a community with their roles (for its home page); erased people are left out. */
export function membersByRole(db: Db, communityId: string): Promise<Member[]> {
  return membersOf(db, communityId)
}

/** Members who follow a community (notified of new posts). */
export async function followerIds(db: Db, communityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('membership')
    .select('person_id')
    .where('community_id', '=', communityId)
    .where('following', '=', 1)
    .execute()
  return rows.map((r) => r.person_id)
}

/** Ids of a community's members (who may read it, whatever their role). */
export function memberIds(db: Db, communityId: string): Promise<string[]> {
  return findMemberIds(db, communityId)
}

/** Ids of a community's members in one role (e.g. its newcomers, whose questions are answered first). */
export function memberIdsWithRole(db: Db, communityId: string, role: CommunityRole): Promise<string[]> {
  return findMemberIds(db, communityId, role)
}

/** Ids of every community, or of those with the given visibilities. */
export async function communityIdsByVisibility(db: Db, visibilities?: CommunityRow['visibility'][]): Promise<string[]> {
  let q = db.selectFrom('community').select('id')
  if (visibilities) q = q.where('visibility', 'in', visibilities)
  return (await q.execute()).map((r) => r.id)
}
