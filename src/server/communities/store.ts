import { sql } from 'kysely'
import type { Db } from '../platform/db/dialect.js'
import { prepareQuery } from '../platform/db/prepared.js'
import type { CommunityRole } from '../../shared/communities.js'
import type { Tables } from '../platform/db/tables.js'

export type CommunityRow = Tables['community']
export type MembershipRow = Tables['membership']

// Every community page, feed, post and reply starts with these lookups, so they are built and compiled once.
const selectCommunityBySlug = prepareQuery((db: Db, slug: string) => db.selectFrom('community').selectAll().where('slug', '=', slug))
const selectCommunityById = prepareQuery((db: Db, id: string) => db.selectFrom('community').selectAll().where('id', '=', id))
const selectMembership = prepareQuery((db: Db, communityId: string, personId: string) =>
  db.selectFrom('membership').selectAll().where('community_id', '=', communityId).where('person_id', '=', personId),
)

export async function findCommunityBySlug(db: Db, slug: string): Promise<CommunityRow | undefined> {
  return (await selectCommunityBySlug(db, slug))[0]
}

export async function findCommunityById(db: Db, id: string): Promise<CommunityRow | undefined> {
  return (await selectCommunityById(db, id))[0]
}

export async function insertCommunity(db: Db, row: CommunityRow): Promise<void> {
  await db.insertInto('community').values(row).execute()
}

export async function updateCommunity(db: Db, id: string, fields: Partial<CommunityRow>): Promise<void> {
  await db.updateTable('community').set(fields).where('id', '=', id).execute()
}

export async function findMembership(db: Db, communityId: string, personId: string): Promise<MembershipRow | undefined> {
  return (await selectMembership(db, communityId, personId))[0]
}

/** Every community with the viewer's membership and pending request, for listing. */
export function findCommunitiesWithViewer(db: Db, viewerId: string) {
  return db
    .selectFrom('community as c')
    .leftJoin('membership as m', (j) => j.onRef('m.community_id', '=', 'c.id').on('m.person_id', '=', viewerId))
    .selectAll('c')
    .select(['m.role as my_role', 'm.following as my_following'])
    .select(
      sql<number>`(select count(*) from join_request r where r.community_id = c.id and r.person_id = ${viewerId} and r.status = 'pending')`.as(
        'my_pending',
      ),
    )
    .execute()
}

/** Ids of the communities whose content the person may read: open ones, and those they belong to. */
export async function findReadableCommunityIds(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('community as c')
    .select('c.id')
    .where((eb) =>
      eb.or([
        eb('c.visibility', '=', 'open'),
        eb.exists(
          eb
            .selectFrom('membership as m')
            .select('m.person_id')
            .whereRef('m.community_id', '=', 'c.id')
            .where('m.person_id', '=', personId),
        ),
      ]),
    )
    .execute()
  return rows.map((r) => r.id)
}

export async function insertMembership(db: Db, row: MembershipRow): Promise<void> {
  await db.insertInto('membership').values(row).execute()
}

/**
 * Inserts a membership unless the person already has one; false when they had (a concurrent join of the
 * same person got there first: PostgreSQL waits for it to commit, then skips the row).
 */
export async function insertMembershipIfAbsent(db: Db, row: MembershipRow): Promise<boolean> {
  const inserted = await db
    .insertInto('membership')
    .values(row)
    .onConflict((oc) => oc.columns(['community_id', 'person_id']).doNothing())
    .returning('person_id')
    .executeTakeFirst()
  return inserted !== undefined
}

export async function updateMembership(db: Db, communityId: string, personId: string, fields: Partial<MembershipRow>): Promise<void> {
  await db.updateTable('membership').set(fields).where('community_id', '=', communityId).where('person_id', '=', personId).execute()
}

/** Deletes a membership; false when there was none (a concurrent leave got there first). */
export async function deleteMembership(db: Db, communityId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('membership')
    .where('community_id', '=', communityId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

export async function insertMembershipEvent(db: Db, row: Tables['membership_event']): Promise<void> {
  await db.insertInto('membership_event').values(row).execute()
}

/**
 * A community's member count moves by `delta` in the statement itself. A recount in the UPDATE lost joins on
 * PostgreSQL: its count(*) sees the rows committed when the statement began, not those of a concurrent join
 * it then waited for.
 */
export async function bumpMemberCount(db: Db, communityId: string, delta: number): Promise<void> {
  await db
    .updateTable('community')
    .set({ member_count: sql<number>`member_count + ${delta}` })
    .where('id', '=', communityId)
    .execute()
}

/**
 * A community's post count moves by `postDelta` in the statement itself, and its last activity moves forward
 * to `at` (never back, when a slower concurrent write commits later).
 *
 * Lock order: a write transaction that changes post rows (the knowledge domain, through the service) updates
 * them first (a reply before its parent, a parent before its root) and the community row last. The community
 * row is the hottest row of all (every post in the community writes it); taking it last holds its lock for the
 * shortest time, and one order for every path means no two transactions wait on each other (replies that
 * locked the community first, when they joined the replier, deadlocked with replies that locked the question
 * first).
 */
export async function bumpPostCount(db: Db, communityId: string, at: string, postDelta: number): Promise<void> {
  await db
    .updateTable('community')
    .set({
      last_activity_at: sql<string>`case when last_activity_at < ${at} then ${at} else last_activity_at end`,
      post_count: sql<number>`post_count + ${postDelta}`,
    })
    .where('id', '=', communityId)
    .execute()
}

/**
 * Counts a batch of imported posts, by an increment in the batch's own transaction: a batch is counted once even
 * if the import is interrupted and resumed, and posts written meanwhile in the community keep their count too.
 * The last activity moves forward only; a community with no posts yet takes its history's time (not its
 * creation's).
 */
export async function bumpImportedPostCount(db: Db, communityId: string, count: number, latest: string): Promise<void> {
  await db
    .updateTable('community')
    .set({
      post_count: sql<number>`post_count + ${count}`,
      last_activity_at: sql<string>`case when post_count = 0 or last_activity_at < ${latest} then ${latest} else last_activity_at end`,
    })
    .where('id', '=', communityId)
    .execute()
}

/** Removes a person from every community they belong to, each community's member count with them. */
export async function deleteMembershipsOf(db: Db, personId: string): Promise<void> {
  await db
    .updateTable('community')
    .set({ member_count: sql<number>`member_count - 1` })
    .where('id', 'in', (eb) => eb.selectFrom('membership').select('community_id').where('person_id', '=', personId))
    .execute()
  await db.deleteFrom('membership').where('person_id', '=', personId).execute()
}

/** A community's memberships, longest in their role first. */
export function findMembers(db: Db, communityId: string): Promise<MembershipRow[]> {
  return db.selectFrom('membership').selectAll().where('community_id', '=', communityId).orderBy('role_since').execute()
}

/** Ids of a community's members, or of those in one role. */
export async function findMemberIds(db: Db, communityId: string, role?: CommunityRole): Promise<string[]> {
  let q = db.selectFrom('membership').select('person_id').where('community_id', '=', communityId)
  if (role) q = q.where('role', '=', role)
  return (await q.execute()).map((r) => r.person_id)
}

export async function countStewards(db: Db, communityId: string): Promise<number> {
  const row = await db
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId)
    .where('role', '=', 'steward')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function findPendingRequest(db: Db, communityId: string, personId: string) {
  return db
    .selectFrom('join_request')
    .selectAll()
    .where('community_id', '=', communityId)
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
}

export function findRequestById(db: Db, id: string) {
  return db.selectFrom('join_request').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertJoinRequest(db: Db, row: Tables['join_request']): Promise<void> {
  await db.insertInto('join_request').values(row).execute()
}

/** Decides a pending join request; false when it was decided already (by a steward deciding at the same time). */
export async function decideJoinRequest(
  db: Db,
  id: string,
  status: 'approved' | 'rejected',
  deciderId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('join_request')
    .set({ status, decided_by: deciderId, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A community's pending join requests, oldest first. */
export function findPendingRequests(db: Db, communityId: string) {
  return db
    .selectFrom('join_request')
    .select(['id', 'person_id', 'message', 'status', 'created_at'])
    .where('community_id', '=', communityId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .execute()
}

export function findMembershipEvents(db: Db, personId: string, communityIds: string[]) {
  if (communityIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('membership_event')
    .select(['community_id', 'from_role', 'to_role', 'reason', 'at'])
    .where('person_id', '=', personId)
    .where('community_id', 'in', communityIds)
    .orderBy('at')
    .execute()
}

export function findMembershipsOfPerson(db: Db, personId: string) {
  return db.selectFrom('membership').selectAll().where('person_id', '=', personId).execute()
}

export type { CommunityRole }
