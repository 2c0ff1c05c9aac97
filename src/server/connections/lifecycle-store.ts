import type { Db } from '../platform/db/dialect.js'
import type { MatchRow, MeetingRow, ProgrammeRow } from './store.js'

// Queries of the lifecycle: programmes that end, proposals to remind or expire, check-backs to remind, and the
// reflections. Every stamp is a compare-and-set, so two ticks (two nodes, or a rerun) send nothing twice.

/** Open programmes whose end has come. */
export function findEndingProgrammes(db: Db, now: string): Promise<ProgrammeRow[]> {
  return db.selectFrom('programme').selectAll().where('status', '=', 'open').where('ends_at', '<=', now).limit(100).execute()
}

/** Ends an open programme; false when it was not open any more (another tick ended it). */
export async function setProgrammeEnded(db: Db, id: string): Promise<boolean> {
  const res = await db
    .updateTable('programme')
    .set({ status: 'ended', next_round_at: null })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/**
 * Ends the live matches of a programme (of rounds numbered below `beforeRound` when given): active ones end,
 * proposed ones expire, with their unanswered members.
 */
export async function endLiveMatches(db: Db, programmeId: string, beforeRound?: number): Promise<void> {
  const scope = db
    .selectFrom('connection_match as m')
    .select('m.id')
    .where('m.programme_id', '=', programmeId)
    .where('m.status', 'in', ['proposed', 'active'])
  const ids = (
    beforeRound === undefined
      ? await scope.execute()
      : await scope.innerJoin('connection_round as r', 'r.id', 'm.round_id').where('r.number', '<', beforeRound).execute()
  ).map((r) => r.id)
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500)
    await db
      .updateTable('connection_member')
      .set({ response: 'expired' })
      .where('match_id', 'in', batch)
      .where('response', '=', 'pending')
      .execute()
    await db.updateTable('connection_match').set({ status: 'expired' }).where('id', 'in', batch).where('status', '=', 'proposed').execute()
    await db.updateTable('connection_match').set({ status: 'ended' }).where('id', 'in', batch).where('status', '=', 'active').execute()
  }
}

/** Active participants not yet asked for their reflection. */
export function findUnprompted(db: Db, programmeId: string, limit: number): Promise<{ person_id: string }[]> {
  return db
    .selectFrom('programme_participant')
    .select('person_id')
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'active')
    .where('prompted_at', 'is', null)
    .limit(limit)
    .execute()
}

/** Stamps the reflection prompt of these participants; returns those this call stamped. */
export async function markPrompted(db: Db, programmeId: string, personIds: string[], at: string): Promise<void> {
  if (personIds.length === 0) return
  await db
    .updateTable('programme_participant')
    .set({ prompted_at: at })
    .where('programme_id', '=', programmeId)
    .where('person_id', 'in', personIds)
    .where('prompted_at', 'is', null)
    .execute()
}

export async function setProgrammeReflection(db: Db, programmeId: string, personId: string, body: string, at: string): Promise<void> {
  await db
    .updateTable('programme_participant')
    .set({ reflection: body, reflected_at: at })
    .where('programme_id', '=', programmeId)
    .where('person_id', '=', personId)
    .execute()
}

/** Members of proposed matches who have not answered since `notifiedBefore` and were not reminded. */
export function findDueProposalReminders(db: Db, notifiedBefore: string, limit: number) {
  return db
    .selectFrom('connection_member as cm')
    .innerJoin('connection_match as m', 'm.id', 'cm.match_id')
    .select(['cm.match_id', 'cm.person_id', 'm.programme_id'])
    .where('m.status', '=', 'proposed')
    .where('cm.response', '=', 'pending')
    .where('cm.reminded_at', 'is', null)
    .where('cm.notified_at', '<=', notifiedBefore)
    .limit(limit)
    .execute()
}

/** Stamps a proposal's reminder; false when another run stamped it first. */
export async function markReminded(db: Db, matchId: string, personId: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('connection_member')
    .set({ reminded_at: at })
    .where('match_id', '=', matchId)
    .where('person_id', '=', personId)
    .where('reminded_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Proposed matches with a member who was told before `notifiedBefore` and never answered. */
export async function findExpiringMatches(db: Db, notifiedBefore: string, limit: number): Promise<MatchRow[]> {
  return db
    .selectFrom('connection_match as m')
    .selectAll('m')
    .where('m.status', '=', 'proposed')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('connection_member as cm')
          .select('cm.match_id')
          .whereRef('cm.match_id', '=', 'm.id')
          .where('cm.response', '=', 'pending')
          .where('cm.notified_at', '<=', notifiedBefore),
      ),
    )
    .limit(limit)
    .execute()
}

/** Expires a proposed match and its unanswered members; false when it was answered or expired meanwhile. */
export async function expireMatch(db: Db, matchId: string): Promise<boolean> {
  const res = await db
    .updateTable('connection_match')
    .set({ status: 'expired' })
    .where('id', '=', matchId)
    .where('status', '=', 'proposed')
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) return false
  await db
    .updateTable('connection_member')
    .set({ response: 'expired' })
    .where('match_id', '=', matchId)
    .where('response', '=', 'pending')
    .execute()
  return true
}

/** Meetings asked about ("did you meet?") before `askedBefore`, still unanswered and not reminded. */
export function findDueCheckBackReminders(db: Db, askedBefore: string, limit: number): Promise<MeetingRow[]> {
  return db
    .selectFrom('connection_meeting')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('held', 'is', null)
    .where('checkback_reminded_at', 'is', null)
    .where('reminded_at', '<=', askedBefore)
    .limit(limit)
    .execute()
}

/** Stamps a check-back (`reminded_at`) or its reminder; false when another run stamped it first. */
export async function markCheckBack(
  db: Db,
  meetingId: string,
  column: 'reminded_at' | 'checkback_reminded_at',
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable('connection_meeting')
    .set({ [column]: at })
    .where('id', '=', meetingId)
    .where(column, 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export function findMatchesByIds(db: Db, ids: readonly string[]): Promise<MatchRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('connection_match')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute()
}

/**
 * Who is in a live match (proposed or active) of the programme that has been announced (its round approved,
 * or an introduction), with their role: the load that rounds and rematches must leave room for.
 */
export function findLiveMembers(db: Db, programmeId: string): Promise<{ match_id: string; person_id: string; role: string }[]> {
  return db
    .selectFrom('connection_member as c')
    .innerJoin('connection_match as m', 'm.id', 'c.match_id')
    .leftJoin('connection_round as r', 'r.id', 'm.round_id')
    .select(['c.match_id', 'c.person_id', 'c.role'])
    .where('m.programme_id', '=', programmeId)
    .where('m.status', 'in', ['proposed', 'active'])
    .where('c.response', '<>', 'declined')
    .where((eb) => eb.or([eb('m.round_id', 'is', null), eb('r.status', '=', 'approved')]))
    .execute()
}
