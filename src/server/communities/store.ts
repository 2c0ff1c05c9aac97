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

/** Removes a person from every community they belong to, each community's member count with them. */
export async function deleteMembershipsOf(db: Db, personId: string): Promise<void> {
  await db
    .updateTable('community')
    .set({ member_count: sql<number>`member_count - 1` })
    .where('id', 'in', (eb) => eb.selectFrom('membership').select('community_id').where('person_id', '=', personId))
    .execute()
  await db.deleteFrom('membership').where('person_id', '=', personId).execute()
}

export function findMembers(db: Db, communityId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.title', 'p.department', 'p.location', 'p.photo_type', 'm.role', 'm.joined_at', 'm.role_since'])
    .where('m.community_id', '=', communityId)
    .where('p.status', '<>', 'erased')
    .orderBy('m.role_since')
    .execute()
}

export function findStewardIds(db: Db, communityId: string): Promise<{ person_id: string }[]> {
  return db.selectFrom('membership').select('person_id').where('community_id', '=', communityId).where('role', '=', 'steward').execute()
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

export function findPendingRequests(db: Db, communityId: string) {
  return db
    .selectFrom('join_request as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.message',
      'r.status',
      'r.created_at',
      'p.id as person_id',
      'p.name',
      'p.title',
      'p.department',
      'p.location',
      'p.photo_type',
    ])
    .where('r.community_id', '=', communityId)
    .where('r.status', '=', 'pending')
    .orderBy('r.created_at')
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

/** What the promotion rules read: a person's posts by kind, and thanks received, in one community. */
export async function countParticipation(
  db: Db,
  communityId: string,
  personId: string,
): Promise<{ questions: number; answers: number; posts: number; thanks: number }> {
  const posts = await db
    .selectFrom('post')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('community_id', '=', communityId)
    .where('author_id', '=', personId)
    .where('status', '=', 'active')
    .groupBy('kind')
    .execute()
  const thanks = await db
    .selectFrom('thanks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId)
    .where('receiver_id', '=', personId)
    .executeTakeFirstOrThrow()
  const by = (k: string) => Number(posts.find((p) => p.kind === k)?.n ?? 0)
  return {
    questions: by('question'),
    answers: by('answer'),
    posts: posts.reduce((s, p) => s + Number(p.n), 0),
    thanks: Number(thanks.n),
  }
}

export type { CommunityRole }
