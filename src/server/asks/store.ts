import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

export type OfferRow = Tables['route_offer']
export type RouteRow = Tables['question_route']
export type AvailabilityRow = Tables['availability']

export function findAvailability(db: Db, personId: string): Promise<AvailabilityRow | undefined> {
  return db.selectFrom('availability').selectAll().where('person_id', '=', personId).executeTakeFirst()
}

export async function upsertAvailability(db: Db, row: AvailabilityRow): Promise<void> {
  await db
    .insertInto('availability')
    .values(row)
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({
        max_per_week: row.max_per_week,
        away_from: row.away_from,
        away_until: row.away_until,
        opted_out: row.opted_out,
        updated_at: row.updated_at,
      }),
    )
    .execute()
}

/** Everyone's availability rows (people without one have the defaults). */
export function findAllAvailability(db: Db): Promise<AvailabilityRow[]> {
  return db.selectFrom('availability').selectAll().execute()
}

export function findHiddenTopics(db: Db, personId: string): Promise<string[]> {
  return db
    .selectFrom('hidden_topic')
    .select('tag')
    .where('person_id', '=', personId)
    .orderBy('tag')
    .execute()
    .then((rows) => rows.map((r) => r.tag))
}

export function findAllHiddenTopics(db: Db): Promise<{ person_id: string; tag: string }[]> {
  return db.selectFrom('hidden_topic').select(['person_id', 'tag']).execute()
}

/** Replaces a person's hidden topics; run it in a transaction (two statements). */
export async function replaceHiddenTopics(db: Db, personId: string, tags: string[], at: string): Promise<void> {
  await db.deleteFrom('hidden_topic').where('person_id', '=', personId).execute()
  if (tags.length)
    await db
      .insertInto('hidden_topic')
      .values(tags.map((tag) => ({ person_id: personId, tag, created_at: at })))
      .execute()
}

/** Offers made to each person since `since`: how loaded they are. */
export async function countOffersSince(db: Db, since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('route_offer')
    .select(['person_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('offered_at', '>=', since)
    .groupBy('person_id')
    .execute()
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]))
}

export function findRoute(db: Db, questionId: number): Promise<RouteRow | undefined> {
  return db.selectFrom('question_route').selectAll().where('question_id', '=', questionId).executeTakeFirst()
}

export async function insertRoute(db: Db, row: RouteRow): Promise<void> {
  await db.insertInto('question_route').values(row).execute()
}

export async function updateRoute(db: Db, questionId: number, fields: Partial<RouteRow>): Promise<void> {
  await db.updateTable('question_route').set(fields).where('question_id', '=', questionId).execute()
}

/** Routed questions whose time to be answered has run out. */
export function findDueRoutes(db: Db, now: string, limit: number): Promise<RouteRow[]> {
  return db
    .selectFrom('question_route')
    .selectAll()
    .where('status', '=', 'routing')
    .where('next_check_at', '<=', now)
    .orderBy('next_check_at')
    .limit(limit)
    .execute()
}

export function findOffersForQuestion(db: Db, questionId: number): Promise<OfferRow[]> {
  return db.selectFrom('route_offer').selectAll().where('question_id', '=', questionId).orderBy('round').orderBy('rank').execute()
}

export async function insertOffers(db: Db, rows: OfferRow[]): Promise<void> {
  if (rows.length) await db.insertInto('route_offer').values(rows).execute()
}

export function findOffer(db: Db, id: string): Promise<OfferRow | undefined> {
  return db.selectFrom('route_offer').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function updateOffer(db: Db, id: string, fields: Partial<OfferRow>): Promise<void> {
  await db.updateTable('route_offer').set(fields).where('id', '=', id).execute()
}

/** Open offers of a question (offered, or snoozed) are closed with `status`. */
export async function closeOpenOffers(
  db: Db,
  questionId: number,
  status: OfferRow['status'],
  at: string,
  exceptPersonId?: string,
): Promise<void> {
  let q = db
    .updateTable('route_offer')
    .set({ status, responded_at: at })
    .where('question_id', '=', questionId)
    .where('status', 'in', ['offered', 'snoozed'])
  if (exceptPersonId) q = q.where('person_id', '<>', exceptPersonId)
  await q.execute()
}

/** A person's inbox: open offers, snoozed ones once their snooze has passed. */
export function findInbox(db: Db, personId: string, now: string): Promise<OfferRow[]> {
  return db
    .selectFrom('route_offer')
    .selectAll()
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('status', '=', 'offered'), eb.and([eb('status', '=', 'snoozed'), eb('snoozed_until', '<=', now)])]))
    .orderBy('offered_at', 'desc')
    .limit(50)
    .execute()
}

/** Declines that teach the router ("not my area"), oldest first, to replay into a fresh model. */
export function findTeachingDeclines(
  db: Db,
): Promise<{ id: string; person_id: string; question_id: number; responded_at: string | null }[]> {
  return db
    .selectFrom('route_offer')
    .select(['id', 'person_id', 'question_id', 'responded_at'])
    .where('status', '=', 'declined')
    .where('reason', '=', 'not_my_area')
    .orderBy('responded_at')
    .execute()
}

export async function insertResolution(db: Db, row: Tables['ask_resolution']): Promise<void> {
  await db.insertInto('ask_resolution').values(row).execute()
}

/** The answerer's open offer of a question is closed as answered. */
export async function markOfferAnswered(db: Db, questionId: number, personId: string, now: string): Promise<void> {
  await db
    .updateTable('route_offer')
    .set({ status: 'answered', responded_at: now })
    .where('question_id', '=', questionId)
    .where('person_id', '=', personId)
    .where('status', 'in', ['offered', 'snoozed'])
    .execute()
}

/** A community's routing settings row, if it set any. */
export function findCommunityRouting(db: Db, communityId: string): Promise<Tables['community_routing'] | undefined> {
  return db.selectFrom('community_routing').selectAll().where('community_id', '=', communityId).executeTakeFirst()
}

/** Sets a community's routing settings, or with `null` returns it to the defaults. */
export async function saveCommunityRouting(db: Db, communityId: string, explore: 'on' | 'off' | null, at: string): Promise<void> {
  if (explore === null) {
    await db.deleteFrom('community_routing').where('community_id', '=', communityId).execute()
    return
  }
  await db
    .insertInto('community_routing')
    .values({ community_id: communityId, explore, updated_at: at })
    .onConflict((oc) => oc.column('community_id').doUpdateSet({ explore, updated_at: at }))
    .execute()
}

/** How many questions of a community were routed before (a new community's first questions get no explore slot). */
export async function countRoutesInCommunity(db: Db, communityId: string): Promise<number> {
  const row = await db
    .selectFrom('question_route')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Declines with `reason` answered since `since`: who declined which question, and when. */
export function findDeclinesSince(
  db: Db,
  reason: 'not_my_area' | 'busy',
  since: string,
): Promise<{ person_id: string; question_id: number; responded_at: string | null }[]> {
  return db
    .selectFrom('route_offer')
    .select(['person_id', 'question_id', 'responded_at'])
    .where('status', '=', 'declined')
    .where('responded_at', '>=', since)
    .where('reason', '=', reason)
    .execute()
}
