import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { activeContacts } from '../people/lookup.js'
import { clockIso } from '../platform/clock.js'
import type { JobContext } from '../platform/jobs/worker.js'
import { draftRound } from './rounds.js'
import { DRAFT_JOB, type ConnectionsDeps } from './service.js'
import {
  findDueCheckBacks,
  findDueProgrammes,
  findMatch,
  findMeeting,
  findMembers,
  findProgramme,
  findUnnotified,
  markNotified,
  setNextRoundAt,
  updateMeeting,
} from './store.js'
import { parseReasons } from './views.js'

// The domain's jobs: announcing approved matches, meeting invites, and the recurring tick (rounds due by
// cadence, check-backs after meetings). Every handler is idempotent: a rerun after a crash sends nothing twice
// that it had already handed on.

export const MAIL_JOB = 'connections.mail'
const KIND_LABEL = { mentoring: 'mentoring', circles: 'peer coaching circle', lunch: 'lunch', intro: 'introduction' } as const

/**
 * Announces a round's (or one introduction's) matches: each member not yet told is stamped and their mail job
 * queued in one transaction, so a crash between the two cannot lose or double a notice. Frees its dedup key
 * first, so matches added while it runs (rematches) get a run of their own.
 */
export async function notifyMatches(
  deps: ConnectionsDeps,
  payload: { roundId?: string; matchId?: string },
  ctx: JobContext,
): Promise<number> {
  await ctx.releaseDedupKey()
  let sent = 0
  for (;;) {
    const batch = payload.roundId
      ? await findUnnotified(deps.db, payload.roundId, 100)
      : (await findMembers(deps.db, [payload.matchId ?? ''])).filter((m) => m.notified_at === null)
    if (batch.length === 0) return sent
    for (const m of batch)
      await deps.db.transaction().execute(async (tx) => {
        if (!(await markNotified(tx, m.match_id, m.person_id, clockIso(ctx.clock)))) return
        await deps.jobs.enqueue(
          MAIL_JOB,
          { type: 'proposal', matchId: m.match_id, personId: m.person_id },
          { db: tx, dedupKey: `${MAIL_JOB}:proposal:${m.match_id}:${m.person_id}` },
        )
        sent++
      })
    await ctx.reportProgress(sent, sent + batch.length)
    if (!payload.roundId) return sent
  }
}

/** The host part of Message-IDs: the base URL's, or a fixed one when the base URL is not set. */
function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname || 'wellspring.local'
  } catch {
    return 'wellspring.local'
  }
}

/** Sends one mail: a proposal ("you have a match, here is why") or a check-back ("did you meet?"). */
export async function sendMail(
  deps: ConnectionsDeps,
  payload: { type: 'proposal' | 'checkback'; matchId: string; personId: string; meetingId?: string },
): Promise<void> {
  const match = await findMatch(deps.db, payload.matchId)
  if (!match) return
  const programme = await findProgramme(deps.db, match.programme_id)
  const members = await findMembers(deps.db, [match.id])
  const contacts = await activeContacts(
    deps.db,
    members.map((m) => m.person_id),
  )
  const to = contacts.get(payload.personId)
  if (!to || !programme) return
  const others = members.filter((m) => m.person_id !== payload.personId).map((m) => contacts.get(m.person_id)?.name ?? 'a former member')
  const link = `${deps.config.baseUrl}/connections/matches/${match.id}`
  const host = hostOf(deps.config.baseUrl)
  if (payload.type === 'proposal') {
    await deps.mailer.send({
      to: to.email,
      subject: `Your ${KIND_LABEL[programme.kind]} match in ${programme.name}`,
      text: [
        `Hello ${to.name},`,
        '',
        `${programme.name} proposes that you meet ${others.join(', ')}.`,
        '',
        'Why you:',
        ...parseReasons(match.reasons).map((r) => `- ${r}`),
        '',
        `Accept or decline: ${link}`,
      ].join('\n'),
      // The same notice resent after a crash is the same message, which mail clients show once.
      messageId: `<proposal.${match.id}.${payload.personId}@${host}>`,
    })
  } else {
    await deps.mailer.send({
      to: to.email,
      subject: `Did you meet? (${programme.name})`,
      text: `Hello ${to.name},\n\nDid your meeting with ${others.join(', ')} take place? Tell us, and keep notes in your log: ${link}`,
      messageId: `<checkback.${payload.meetingId ?? match.id}.${payload.personId}@${host}>`,
    })
  }
}

/**
 * Mails every member the meeting's invite as it stands: REQUEST with the current SEQUENCE, or CANCEL. The UID
 * is the meeting's id, the ORGANIZER the member who scheduled it, and each attendee is asked to RSVP. A job of
 * an older SEQUENCE does nothing: the newer one sends the current state.
 */
export async function sendInvite(deps: ConnectionsDeps, payload: { meetingId: string; sequence: number }): Promise<void> {
  const meeting = await findMeeting(deps.db, payload.meetingId)
  if (!meeting || meeting.sequence !== payload.sequence) return
  const match = (await findMatch(deps.db, meeting.match_id))!
  const programme = (await findProgramme(deps.db, match.programme_id))!
  const members = (await findMembers(deps.db, [match.id])).filter((m) => m.response !== 'declined')
  const contacts = await activeContacts(deps.db, [...members.map((m) => m.person_id), meeting.organizer_id ?? ''])
  const organizer = contacts.get(meeting.organizer_id ?? '') ?? { name: 'Wellspring', email: 'no-reply@wellspring.invalid' }
  const cancelled = meeting.status === 'cancelled'
  const method = cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST
  const start = new Date(meeting.starts_at)
  const calendar = ical({ prodId: { company: 'Wellspring', product: 'connections' }, method })
  calendar.createEvent({
    id: meeting.id,
    sequence: meeting.sequence,
    start,
    end: new Date(start.getTime() + meeting.minutes * 60_000),
    stamp: new Date(meeting.updated_at),
    summary: `${programme.name}: ${KIND_LABEL[programme.kind]}`,
    description: `${parseReasons(match.reasons).join(' ')}\n${deps.config.baseUrl}/connections/matches/${match.id}`,
    location: meeting.location || null,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: organizer.name, email: organizer.email },
    attendees: members.flatMap((m) => {
      const c = contacts.get(m.person_id)
      return c ? [{ name: c.name, email: c.email, rsvp: true, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION }] : []
    }),
  })
  const content = calendar.toString()
  for (const m of members) {
    const c = contacts.get(m.person_id)
    if (!c) continue
    await deps.mailer.send({
      to: c.email,
      subject: `${cancelled ? 'Cancelled' : meeting.sequence > 0 ? 'Updated' : 'Invitation'}: ${programme.name}`,
      text: cancelled
        ? `The meeting on ${start.toUTCString()} is cancelled.`
        : `Meeting on ${start.toUTCString()} for ${meeting.minutes} minutes${meeting.location ? ` at ${meeting.location}` : ''}.`,
      calendar: { method, content },
    })
  }
}

/**
 * The recurring tick: drafts rounds that are due by cadence (the owner still approves them) and asks about
 * meetings that have ended ("did you meet?"), each once.
 */
export async function tick(deps: ConnectionsDeps, ctx: JobContext): Promise<void> {
  const now = ctx.clock.now()
  for (const p of await findDueProgrammes(deps.db, new Date(now).toISOString())) {
    await deps.jobs.enqueue(DRAFT_JOB, { programmeId: p.id }, { dedupKey: `${DRAFT_JOB}:${p.id}` })
    await setNextRoundAt(deps.db, p.id, new Date(now + p.cadence_days * 86_400_000).toISOString())
  }
  // A meeting is asked about an hour after it began (long enough for most; the longest get asked the next tick).
  for (const meeting of await findDueCheckBacks(deps.db, new Date(now - 3_600_000).toISOString())) {
    const members = (await findMembers(deps.db, [meeting.match_id])).filter((m) => m.response !== 'declined')
    await deps.db.transaction().execute(async (tx) => {
      await updateMeeting(tx, meeting.id, { reminded_at: new Date(now).toISOString() })
      for (const m of members)
        await deps.jobs.enqueue(
          MAIL_JOB,
          { type: 'checkback', matchId: meeting.match_id, personId: m.person_id, meetingId: meeting.id },
          { db: tx, dedupKey: `${MAIL_JOB}:checkback:${meeting.id}:${m.person_id}` },
        )
    })
  }
}

/** Handler of a draft job: matches the programme's next round. */
export async function runDraft(
  deps: ConnectionsDeps,
  payload: { programmeId: string },
  ctx: JobContext,
): Promise<{ roundId: string | null }> {
  return { roundId: await draftRound(deps, payload.programmeId, ctx.clock.now()) }
}
