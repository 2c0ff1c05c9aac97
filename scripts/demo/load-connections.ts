import { insertMatches, insertProgramme, type MatchRow, type MemberRow } from '../../src/server/connections/store.js'
import { recordInteractions, type InteractionInput } from '../../src/server/insights/service.js'
import type { Db } from '../../src/server/platform/db/dialect.js'
import { newId } from '../../src/server/platform/time.js'
import { findPeopleByEmails } from '../../src/server/people/roster-store.js'
import type { DemoConnections, DemoMatch } from './connections-types.js'

export interface ConnectionsLoadResult {
  programmes: number
  matches: number
  meetings: number
}

/** The interaction-log kind of a meeting held in each kind of programme (as connections/meetings.ts logs it). */
const INTERACTION_KIND = { mentoring: 'mentoring', circles: 'coaching', lunch: 'lunch', intro: 'intro' } as const

/**
 * Writes the demo's programmes, participants, rounds, matches, meetings and pair logs (in the load's
 * transaction), through the tables and store functions the app uses. Each meeting held goes into the
 * interaction log as the check-back records it: once per pair, from the mentor to the mentee in mentoring,
 * else from the smaller id, under the programme kind's interaction kind, with `ref: meeting:<id>`.
 */
export async function insertConnections(tx: Db, connections: DemoConnections): Promise<ConnectionsLoadResult> {
  const emails = new Set<string>()
  for (const p of connections.programmes) {
    emails.add(p.owner)
    for (const x of p.participants) emails.add(x.email)
    for (const m of [...p.rounds.flatMap((r) => r.matches), ...p.introductions]) for (const x of m.members) emails.add(x.email)
  }
  const ids = new Map((await findPeopleByEmails(tx, [...emails])).map((p) => [p.email, p.id]))
  const person = (email: string) => {
    const id = ids.get(email)
    if (!id) throw new Error(`demo connections name ${email}, who is not in the demo`)
    return id
  }

  let matchCount = 0
  let meetingCount = 0
  const held: InteractionInput[] = []
  for (const p of connections.programmes) {
    const programmeId = newId()
    await insertProgramme(tx, {
      id: programmeId,
      kind: p.kind,
      name: p.name,
      description: p.description,
      owner_id: person(p.owner),
      department: '',
      cadence_days: p.cadenceDays,
      duration_weeks: p.durationWeeks,
      repeat_rounds: p.repeatRounds,
      cross_department: p.crossDepartment,
      status: p.status,
      next_round_at: p.nextRoundAt,
      created_at: p.createdAt,
      ends_at: p.endsAt,
      group_size: p.groupSize,
    })
    if (p.participants.length > 0)
      await tx
        .insertInto('programme_participant')
        .values(
          p.participants.map((x) => ({
            programme_id: programmeId,
            person_id: person(x.email),
            role: x.role,
            capacity: x.capacity,
            who_am_i: x.whoAmI,
            want_to_become: x.wantToBecome,
            goals: x.goals,
            skills_offered: JSON.stringify(x.skillsOffered),
            skills_wanted: JSON.stringify(x.skillsWanted),
            status: 'active' as const,
            joined_at: x.joinedAt,
            reflection: x.reflection,
            reflected_at: x.reflectedAt,
            prompted_at: x.promptedAt,
          })),
        )
        .execute()

    const writeMatches = async (roundId: string | null, list: DemoMatch[]) => {
      const matches: MatchRow[] = []
      const members: MemberRow[] = []
      for (const m of list) {
        const id = newId()
        matches.push({
          id,
          round_id: roundId,
          programme_id: programmeId,
          status: m.status,
          score: m.score,
          reasons: JSON.stringify(m.reasons),
          proposed_by: m.proposedBy === null ? null : person(m.proposedBy),
          created_at: m.createdAt,
        })
        for (const x of m.members)
          members.push({
            match_id: id,
            person_id: person(x.email),
            role: x.role,
            response: x.response,
            responded_at: x.respondedAt,
            notified_at: x.notifiedAt,
            reflection: x.reflection,
            reminded_at: null,
          })
      }
      // Matches and members first: meetings and log entries point at them.
      await insertMatches(tx, matches, members)
      matchCount += matches.length
      for (const [k, m] of list.entries()) {
        const id = matches[k]!.id
        for (const mt of m.meetings) {
          const meetingId = newId()
          await tx
            .insertInto('connection_meeting')
            .values({
              id: meetingId,
              match_id: id,
              organizer_id: person(mt.organizer),
              starts_at: mt.startsAt,
              minutes: mt.minutes,
              location: mt.location,
              sequence: 0,
              status: 'scheduled',
              held: mt.held,
              checked_at: mt.checkedAt,
              reminded_at: mt.remindedAt,
              checkback_reminded_at: null,
              created_at: mt.createdAt,
              updated_at: mt.checkedAt ?? mt.createdAt,
            })
            .execute()
          meetingCount++
          if (mt.held === 1) held.push(...meetingInteractions(m, p.kind, person, meetingId, mt.startsAt))
        }
        for (const entry of m.log)
          await tx
            .insertInto('connection_log')
            .values({
              id: newId(),
              match_id: id,
              author_id: person(entry.author),
              kind: entry.kind,
              body: entry.body,
              created_at: entry.createdAt,
            })
            .execute()
      }
    }
    for (const r of p.rounds) {
      const roundId = newId()
      await tx
        .insertInto('connection_round')
        .values({
          id: roundId,
          programme_id: programmeId,
          number: r.number,
          status: r.status,
          objective: r.objective,
          created_at: r.createdAt,
          approved_at: r.approvedAt,
          approved_by: r.approvedAt ? person(p.owner) : null,
        })
        .execute()
      await writeMatches(roundId, r.matches)
    }
    await writeMatches(null, p.introductions)
  }
  await recordInteractions(tx, held)
  return { programmes: connections.programmes.length, matches: matchCount, meetings: meetingCount }
}

/** One interaction per pair of a held meeting's members (those who did not decline), as the check-back logs it. */
function meetingInteractions(
  m: DemoMatch,
  kind: keyof typeof INTERACTION_KIND,
  person: (email: string) => string,
  meetingId: string,
  at: string,
): InteractionInput[] {
  const people = m.members.filter((x) => x.response !== 'declined').map((x) => ({ id: person(x.email), role: x.role }))
  const mentor = people.find((x) => x.role === 'mentor')
  const out: InteractionInput[] = []
  for (const a of people)
    for (const b of people) {
      if (a.id === b.id || (mentor ? a !== mentor : a.id > b.id)) continue
      out.push({ actorId: a.id, targetId: b.id, kind: INTERACTION_KIND[kind], communityId: null, at, ref: `meeting:${meetingId}` })
    }
  return out
}
