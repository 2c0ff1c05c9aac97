import type { Db } from '../platform/db/dialect.js'
import { forWrite } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

// The only queries on connections' tables.

export type ProgrammeRow = Tables['programme']
export type ParticipantRow = Tables['programme_participant']
export type RoundRow = Tables['connection_round']
export type MatchRow = Tables['connection_match']
export type MemberRow = Tables['connection_member']
export type MeetingRow = Tables['connection_meeting']
export type LogRow = Tables['connection_log']

const BATCH = 300

/** Inserts a programme; `ends_at` defaults to its creation plus its duration, `group_size` to pairs. */
export async function insertProgramme(db: Db, row: Omit<ProgrammeRow, 'ends_at' | 'group_size'> & Partial<ProgrammeRow>): Promise<void> {
  const endsAt = row.ends_at ?? new Date(Date.parse(row.created_at) + row.duration_weeks * 7 * 86_400_000).toISOString()
  await db
    .insertInto('programme')
    .values({ ...row, ends_at: endsAt, group_size: row.group_size ?? 2 })
    .execute()
}

export function findProgramme(db: Db, id: string): Promise<ProgrammeRow | undefined> {
  return db.selectFrom('programme').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The programme row, locked for the rest of the transaction (one round drafted or approved at a time). */
export function lockProgramme(db: Db, id: string): Promise<ProgrammeRow | undefined> {
  return forWrite(db, db.selectFrom('programme').selectAll().where('id', '=', id)).executeTakeFirst()
}

export function listProgrammes(db: Db): Promise<ProgrammeRow[]> {
  return db.selectFrom('programme').selectAll().orderBy('created_at', 'desc').limit(200).execute()
}

/** Open programmes with cadence whose next round is due by `now`. */
export function findDueProgrammes(db: Db, now: string): Promise<ProgrammeRow[]> {
  return db.selectFrom('programme').selectAll().where('status', '=', 'open').where('next_round_at', '<=', now).execute()
}

export async function setNextRoundAt(db: Db, id: string, at: string | null): Promise<void> {
  await db.updateTable('programme').set({ next_round_at: at }).where('id', '=', id).execute()
}

/** Joins (or updates the answers of) a participant; a new row has no reflection yet. */
export async function upsertParticipant(db: Db, row: Omit<ParticipantRow, 'reflection' | 'reflected_at' | 'prompted_at'>): Promise<void> {
  await db
    .insertInto('programme_participant')
    .values({ ...row, reflection: null, reflected_at: null, prompted_at: null })
    .onConflict((oc) =>
      oc.columns(['programme_id', 'person_id']).doUpdateSet({
        role: row.role,
        capacity: row.capacity,
        who_am_i: row.who_am_i,
        want_to_become: row.want_to_become,
        goals: row.goals,
        skills_offered: row.skills_offered,
        skills_wanted: row.skills_wanted,
        status: row.status,
      }),
    )
    .execute()
}

export function findParticipant(db: Db, programmeId: string, personId: string): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('programme_participant')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

export function findActiveParticipants(db: Db, programmeId: string): Promise<ParticipantRow[]> {
  return db.selectFrom('programme_participant').selectAll().where('programme_id', '=', programmeId).where('status', '=', 'active').execute()
}

export function findRolesOf(db: Db, personId: string): Promise<{ programme_id: string; role: ParticipantRow['role'] }[]> {
  return db
    .selectFrom('programme_participant')
    .select(['programme_id', 'role'])
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .execute()
}

export async function setParticipantStatus(db: Db, programmeId: string, personId: string, status: ParticipantRow['status']): Promise<void> {
  await db
    .updateTable('programme_participant')
    .set({ status })
    .where('programme_id', '=', programmeId)
    .where('person_id', '=', personId)
    .execute()
}

export async function insertRound(db: Db, row: RoundRow): Promise<void> {
  await db.insertInto('connection_round').values(row).execute()
}

export function findRound(db: Db, id: string): Promise<RoundRow | undefined> {
  return db.selectFrom('connection_round').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findRounds(db: Db, programmeId: string): Promise<RoundRow[]> {
  return db.selectFrom('connection_round').selectAll().where('programme_id', '=', programmeId).orderBy('number', 'desc').execute()
}

export async function setRoundApproved(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('connection_round')
    .set({ status: 'approved', approved_by: by, approved_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function deleteDraftRounds(db: Db, programmeId: string): Promise<void> {
  await db.deleteFrom('connection_round').where('programme_id', '=', programmeId).where('status', '=', 'draft').execute()
}

/** Inserts matches with their members. */
export async function insertMatches(db: Db, matches: MatchRow[], members: MemberRow[]): Promise<void> {
  for (let i = 0; i < matches.length; i += BATCH)
    await db
      .insertInto('connection_match')
      .values(matches.slice(i, i + BATCH))
      .execute()
  for (let i = 0; i < members.length; i += BATCH)
    await db
      .insertInto('connection_member')
      .values(members.slice(i, i + BATCH))
      .execute()
}

export function findMatch(db: Db, id: string): Promise<MatchRow | undefined> {
  return db.selectFrom('connection_match').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findMatchesOfRound(db: Db, roundId: string): Promise<MatchRow[]> {
  return db.selectFrom('connection_match').selectAll().where('round_id', '=', roundId).orderBy('created_at').orderBy('id').execute()
}

export async function findMembers(db: Db, matchIds: readonly string[]): Promise<MemberRow[]> {
  const out: MemberRow[] = []
  for (let i = 0; i < matchIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('connection_member')
        .selectAll()
        .where('match_id', 'in', matchIds.slice(i, i + 500))
        .execute()),
    )
  return out
}

/** The person's matches that have been announced: in an approved round, or introductions. */
export function findMatchesOf(db: Db, personId: string): Promise<MatchRow[]> {
  return db
    .selectFrom('connection_match as m')
    .innerJoin('connection_member as cm', 'cm.match_id', 'm.id')
    .leftJoin('connection_round as r', 'r.id', 'm.round_id')
    .selectAll('m')
    .where('cm.person_id', '=', personId)
    .where((eb) => eb.or([eb('m.round_id', 'is', null), eb('r.status', '=', 'approved')]))
    .orderBy('m.created_at', 'desc')
    .limit(200)
    .execute()
}

/** Pairs of people matched in this programme's rounds numbered above `sinceNumber` (not declined ones). */
export function findPairsSince(db: Db, programmeId: string, sinceNumber: number) {
  return db
    .selectFrom('connection_member as a')
    .innerJoin('connection_member as b', (j) => j.onRef('b.match_id', '=', 'a.match_id').onRef('b.person_id', '>', 'a.person_id'))
    .innerJoin('connection_match as m', 'm.id', 'a.match_id')
    .innerJoin('connection_round as r', 'r.id', 'm.round_id')
    .select(['a.person_id as a', 'b.person_id as b'])
    .where('m.programme_id', '=', programmeId)
    .where('r.number', '>', sinceNumber)
    .where('r.status', '=', 'approved')
    .execute()
}

/** Pairs of a match declined (or left to expire) in this round: they are not proposed again in it. */
export function findDeclinedPairs(db: Db, roundId: string) {
  return db
    .selectFrom('connection_member as a')
    .innerJoin('connection_member as b', (j) => j.onRef('b.match_id', '=', 'a.match_id').onRef('b.person_id', '<>', 'a.person_id'))
    .innerJoin('connection_match as m', 'm.id', 'a.match_id')
    .select(['a.person_id as a', 'b.person_id as b'])
    .where('m.round_id', '=', roundId)
    .where('m.status', 'in', ['declined', 'expired'])
    .execute()
}

export async function setMemberResponse(
  db: Db,
  matchId: string,
  personId: string,
  response: MemberRow['response'],
  at: string,
): Promise<void> {
  await db
    .updateTable('connection_member')
    .set({ response, responded_at: at })
    .where('match_id', '=', matchId)
    .where('person_id', '=', personId)
    .execute()
}

export async function setMatchStatus(db: Db, id: string, status: MatchRow['status']): Promise<void> {
  await db.updateTable('connection_match').set({ status }).where('id', '=', id).execute()
}

/** Members of the round's live matches not yet notified. */
export function findUnnotified(db: Db, roundId: string, limit: number) {
  return db
    .selectFrom('connection_member as cm')
    .innerJoin('connection_match as m', 'm.id', 'cm.match_id')
    .select(['cm.match_id', 'cm.person_id'])
    .where('m.round_id', '=', roundId)
    .where('m.status', '=', 'proposed')
    .where('cm.notified_at', 'is', null)
    .limit(limit)
    .execute()
}

/** Stamps the notice; false when another run stamped it first. */
export async function markNotified(db: Db, matchId: string, personId: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('connection_member')
    .set({ notified_at: at })
    .where('match_id', '=', matchId)
    .where('person_id', '=', personId)
    .where('notified_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function setReflection(db: Db, matchId: string, personId: string, body: string): Promise<void> {
  await db
    .updateTable('connection_member')
    .set({ reflection: body })
    .where('match_id', '=', matchId)
    .where('person_id', '=', personId)
    .execute()
}

export async function insertMeeting(db: Db, row: MeetingRow): Promise<void> {
  await db.insertInto('connection_meeting').values(row).execute()
}

export function findMeeting(db: Db, id: string): Promise<MeetingRow | undefined> {
  return db.selectFrom('connection_meeting').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findMeetingsOf(db: Db, matchId: string): Promise<MeetingRow[]> {
  return db.selectFrom('connection_meeting').selectAll().where('match_id', '=', matchId).orderBy('starts_at').execute()
}

export async function updateMeeting(db: Db, id: string, set: Partial<MeetingRow>): Promise<void> {
  await db.updateTable('connection_meeting').set(set).where('id', '=', id).execute()
}

/** Scheduled meetings that ended before `now` and were neither checked back nor asked about. */
export function findDueCheckBacks(db: Db, endedBefore: string): Promise<MeetingRow[]> {
  return db
    .selectFrom('connection_meeting')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('held', 'is', null)
    .where('reminded_at', 'is', null)
    .where('starts_at', '<=', endedBefore)
    .limit(200)
    .execute()
}

export async function insertLog(db: Db, row: LogRow): Promise<void> {
  await db.insertInto('connection_log').values(row).execute()
}

export function findLog(db: Db, matchId: string): Promise<LogRow[]> {
  return db.selectFrom('connection_log').selectAll().where('match_id', '=', matchId).orderBy('created_at').orderBy('id').execute()
}

/** Counts for the owner's participation view. */
export async function countParticipation(db: Db, programmeId: string) {
  const participants = await db
    .selectFrom('programme_participant')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  const rounds = await db
    .selectFrom('connection_round')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow()
  const matches = await db
    .selectFrom('connection_match as m')
    .leftJoin('connection_round as r', 'r.id', 'm.round_id')
    .select(['m.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('m.programme_id', '=', programmeId)
    .where((eb) => eb.or([eb('m.round_id', 'is', null), eb('r.status', '=', 'approved')]))
    .groupBy('m.status')
    .execute()
  const reflections = await db
    .selectFrom('programme_participant')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .where('reflection', 'is not', null)
    .executeTakeFirstOrThrow()
  const held = await db
    .selectFrom('connection_meeting as mt')
    .innerJoin('connection_match as m', 'm.id', 'mt.match_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.programme_id', '=', programmeId)
    .where('mt.held', '=', 1)
    .executeTakeFirstOrThrow()
  return {
    participants: Number(participants.n),
    rounds: Number(rounds.n),
    byStatus: new Map(matches.map((m) => [m.status, Number(m.n)])),
    meetingsHeld: Number(held.n),
    reflections: Number(reflections.n),
  }
}
