import type { MatchDetail, Meeting, MeetingBody } from '../../shared/connections.js'
import { recordInteractions, type InteractionInput } from '../insights/service.js'
import { personSummariesById } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { ConflictError, NotFoundError } from '../platform/errors.js'
import { newId } from '../platform/time.js'
import { publishNotice } from './notices.js'
import { loadOwnMatch } from './responses.js'
import { INVITE_JOB, type ConnectionsDeps } from './service.js'
import {
  findLog,
  findMatch,
  findMeeting,
  findMeetingsOf,
  findMembers,
  findProgramme,
  insertLog,
  insertMeeting,
  setReflection,
  updateMeeting,
  type MatchRow,
  type MeetingRow,
} from './store.js'
import { toMatches, toMeeting } from './views.js'

/** The interaction-log kind of a meeting held in each kind of programme. */
const INTERACTION_KIND = { mentoring: 'mentoring', circles: 'coaching', lunch: 'lunch', intro: 'intro' } as const

function requireActive(match: MatchRow): void {
  if (match.status !== 'active') throw new ConflictError('match_not_active', 'meetings are for matches everyone has accepted')
}

/** Queues the invite (or its update or cancellation) for every member, keyed by meeting and SEQUENCE. */
async function queueInvite(deps: ConnectionsDeps, tx: Db, meeting: Pick<MeetingRow, 'id' | 'sequence'>): Promise<void> {
  await deps.jobs.enqueue(
    INVITE_JOB,
    { meetingId: meeting.id, sequence: meeting.sequence },
    { db: tx, dedupKey: `${INVITE_JOB}:${meeting.id}:${meeting.sequence}` },
  )
}

/** Schedules a meeting of an active match; every member gets an iCalendar invite by mail. */
export async function createMeeting(deps: ConnectionsDeps, viewer: Viewer, matchId: string, body: MeetingBody): Promise<Meeting> {
  const match = await loadOwnMatch(deps.db, viewer, matchId)
  requireActive(match)
  const now = clockIso(deps.clock)
  const row: MeetingRow = {
    id: newId(),
    match_id: matchId,
    organizer_id: viewer.id,
    starts_at: new Date(body.startsAt).toISOString(),
    minutes: body.minutes,
    location: body.location.trim(),
    sequence: 0,
    status: 'scheduled',
    held: null,
    checked_at: null,
    reminded_at: null,
    checkback_reminded_at: null,
    created_at: now,
    updated_at: now,
  }
  const programme = (await findProgramme(deps.db, match.programme_id))!
  const others = (await findMembers(deps.db, [matchId])).filter((m) => m.person_id !== viewer.id && m.response !== 'declined')
  await deps.bus.transaction(deps.db, async (tx, events) => {
    await insertMeeting(tx, row)
    await queueInvite(deps, tx, row)
    await publishNotice(events, programme, {
      type: 'invite',
      personIds: others.map((m) => m.person_id),
      actorId: viewer.id,
      link: `/connections/matches/${matchId}`,
      detail: `${new Date(row.starts_at).toUTCString()}, ${row.minutes} minutes${row.location ? `, ${row.location}` : ''}`,
      key: `invite:${row.id}`,
    })
  })
  return toMeeting(row)
}

async function loadOwnMeeting(deps: ConnectionsDeps, viewer: Viewer, meetingId: string): Promise<MeetingRow> {
  const meeting = await findMeeting(deps.db, meetingId)
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting ${meetingId}`)
  await loadOwnMatch(deps.db, viewer, meeting.match_id).catch(() => {
    throw new NotFoundError('meeting_not_found', `no meeting ${meetingId}`)
  })
  return meeting
}

/** Moves a meeting: SEQUENCE goes up and the members get the updated invite (same UID). */
export async function changeMeeting(deps: ConnectionsDeps, viewer: Viewer, meetingId: string, body: MeetingBody): Promise<Meeting> {
  const meeting = await loadOwnMeeting(deps, viewer, meetingId)
  if (meeting.status !== 'scheduled') throw new ConflictError('meeting_cancelled', 'this meeting was cancelled')
  const set = {
    starts_at: new Date(body.startsAt).toISOString(),
    minutes: body.minutes,
    location: body.location.trim(),
    sequence: meeting.sequence + 1,
    updated_at: clockIso(deps.clock),
    reminded_at: null,
  }
  await deps.db.transaction().execute(async (tx) => {
    await updateMeeting(tx, meetingId, set)
    await queueInvite(deps, tx, { id: meetingId, sequence: set.sequence })
  })
  return toMeeting({ ...meeting, ...set })
}

/** Cancels a meeting: SEQUENCE goes up and the members get METHOD:CANCEL. */
export async function cancelMeeting(deps: ConnectionsDeps, viewer: Viewer, meetingId: string): Promise<Meeting> {
  const meeting = await loadOwnMeeting(deps, viewer, meetingId)
  if (meeting.status !== 'scheduled') throw new ConflictError('meeting_cancelled', 'this meeting was cancelled already')
  const set = { status: 'cancelled' as const, sequence: meeting.sequence + 1, updated_at: clockIso(deps.clock) }
  await deps.db.transaction().execute(async (tx) => {
    await updateMeeting(tx, meetingId, set)
    await queueInvite(deps, tx, { id: meetingId, sequence: set.sequence })
  })
  return toMeeting({ ...meeting, ...set })
}

/**
 * The check-back ("did you meet?"), once the meeting has begun by the app's clock (409 before). The first
 * "yes" puts the meeting in the interaction log, once, between every two members (mentor → mentee for
 * mentoring), under the programme kind's interaction kind.
 */
export async function checkBack(deps: ConnectionsDeps, viewer: Viewer, meetingId: string, held: boolean): Promise<Meeting> {
  const meeting = await loadOwnMeeting(deps, viewer, meetingId)
  if (meeting.status !== 'scheduled') throw new ConflictError('meeting_cancelled', 'this meeting was cancelled')
  // The same rule as the page's button: a meeting still to come cannot have been held (nor missed), and a "yes"
  // would put a meeting that never took place in the interaction log.
  if (Date.parse(meeting.starts_at) > deps.clock.now())
    throw new ConflictError('meeting_not_started', `the meeting starts at ${meeting.starts_at}: say whether you met once it has begun`)
  const match = (await findMatch(deps.db, meeting.match_id))!
  const programme = (await findProgramme(deps.db, match.programme_id))!
  const members = await findMembers(deps.db, [match.id])
  const now = clockIso(deps.clock)
  await deps.db.transaction().execute(async (tx) => {
    const current = (await findMeeting(tx, meetingId))!
    await updateMeeting(tx, meetingId, { held: held ? 1 : 0, checked_at: now })
    if (!held || current.held === 1) return
    const people = members.filter((m) => m.response !== 'declined')
    const mentor = people.find((m) => m.role === 'mentor')
    const inputs: InteractionInput[] = []
    for (const a of people)
      for (const b of people) {
        if (a.person_id === b.person_id) continue
        // One row per pair: mentoring from the mentor to the mentee; the others from the smaller id.
        if (mentor ? a !== mentor : a.person_id > b.person_id) continue
        inputs.push({
          actorId: a.person_id,
          targetId: b.person_id,
          kind: INTERACTION_KIND[programme.kind],
          communityId: null,
          at: meeting.starts_at,
          ref: `meeting:${meetingId}`,
        })
      }
    await recordInteractions(tx, inputs)
  })
  return toMeeting({ ...meeting, held: held ? 1 : 0, checked_at: now })
}

/** The match with its meetings and the log private to its members (members only: 404 to anyone else). */
export async function getMatchDetail(deps: ConnectionsDeps, viewer: Viewer, matchId: string): Promise<MatchDetail> {
  const match = await loadOwnMatch(deps.db, viewer, matchId)
  const programme = (await findProgramme(deps.db, match.programme_id))!
  const [view] = await toMatches(deps.db, [match], new Map([[programme.id, programme]]))
  const log = await findLog(deps.db, matchId)
  const authors = await personSummariesById(
    deps.db,
    log.flatMap((l) => (l.author_id ? [l.author_id] : [])),
    { exceptErased: true },
  )
  const me = (await findMembers(deps.db, [matchId])).find((m) => m.person_id === viewer.id)
  return {
    match: view!,
    meetings: (await findMeetingsOf(deps.db, matchId)).map(toMeeting),
    log: log.map((l) => ({
      id: l.id,
      kind: l.kind,
      body: l.body,
      author: (l.author_id && authors.get(l.author_id)) || null,
      createdAt: l.created_at,
    })),
    myReflection: me?.reflection ?? null,
  }
}

/** Adds a goal or a note to the match's log (members of a match someone has accepted). */
export async function addLogEntry(
  deps: ConnectionsDeps,
  viewer: Viewer,
  matchId: string,
  body: { kind: 'goal' | 'note'; body: string },
): Promise<MatchDetail> {
  const match = await loadOwnMatch(deps.db, viewer, matchId)
  if (match.status === 'declined' || match.status === 'expired')
    throw new ConflictError('match_declined', 'this match was declined or expired unanswered')
  await insertLog(deps.db, {
    id: newId(),
    match_id: matchId,
    author_id: viewer.id,
    kind: body.kind,
    body: body.body.trim(),
    created_at: clockIso(deps.clock),
  })
  return getMatchDetail(deps, viewer, matchId)
}

/** The viewer's end-of-programme reflection on a match (theirs only; the others see their own). */
export async function reflect(deps: ConnectionsDeps, viewer: Viewer, matchId: string, body: string): Promise<MatchDetail> {
  const match = await loadOwnMatch(deps.db, viewer, matchId)
  if (match.status === 'declined' || match.status === 'proposed' || match.status === 'expired')
    throw new ConflictError('match_not_active', 'reflect on a match that went ahead')
  await setReflection(deps.db, matchId, viewer.id, body.trim())
  return getMatchDetail(deps, viewer, matchId)
}
