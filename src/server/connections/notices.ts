import { wantMail } from '../notifications/lookup.js'
import { activeContacts } from '../people/lookup.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import type { Publisher } from '../platform/events.js'
import { buildInvite } from '../platform/mail/invite.js'
import type { JobContext } from '../platform/jobs/worker.js'
import type { ConnectionNoticeEvent } from './events.js'
import { findMatchesByIds } from './lifecycle-store.js'
import type { ConnectionsDeps } from './service.js'
import { findMatch, findMeeting, findMembers, findProgramme, findRound, findUnnotified, markNotified, type ProgrammeRow } from './store.js'
import { parseReasons } from './views.js'

// The domain's notices: announcing approved matches, mails (only to people who want connections' mail) and
// meeting invites, and the in-app notices published for the notifications domain. Every handler is idempotent: a rerun after a crash sends nothing twice
// that it had already handed on.

export const MAIL_JOB = 'connections.mail'
const KIND_LABEL = { mentoring: 'mentoring', circles: 'peer coaching circle', lunch: 'lunch', intro: 'introduction' } as const

/**
 * Announces a round's (or one introduction's) matches: each batch of members not yet told is stamped, and their
 * mail jobs and in-app notices queued, in one transaction, so a crash between the two cannot lose or double a
 * notice. Frees its dedup key first, so matches added while it runs (rematches) get a run of their own.
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
    const matches = new Map((await findMatchesByIds(deps.db, [...new Set(batch.map((m) => m.match_id))])).map((m) => [m.id, m]))
    const round = payload.roundId ? await findRound(deps.db, payload.roundId) : undefined
    const programme = await findProgramme(deps.db, [...matches.values()][0]?.programme_id ?? '')
    await deps.bus.transaction(deps.db, async (tx, events) => {
      const told = new Map<string, string[]>()
      for (const m of batch) {
        if (!(await markNotified(tx, m.match_id, m.person_id, clockIso(ctx.clock)))) continue
        // A match made after its round was approved is a rematch (someone declined or never answered).
        const match = matches.get(m.match_id)
        const type = round?.approved_at && match && match.created_at > round.approved_at ? 'rematch' : 'proposal'
        await queueMail(deps, tx, { type, matchId: m.match_id, personId: m.person_id })
        told.set(m.match_id, [...(told.get(m.match_id) ?? []), m.person_id])
        sent++
      }
      for (const [matchId, personIds] of told) {
        const match = matches.get(matchId)
        if (!match || !programme) continue
        const rematch = round?.approved_at && match.created_at > round.approved_at
        await publishNotice(events, programme, {
          type: rematch ? 'rematch' : 'proposal',
          personIds,
          link: `/connections/matches/${matchId}`,
          detail: parseReasons(match.reasons).join(' '),
          key: `proposal:${matchId}`,
        })
      }
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

/** What connections mail a person: one notice of a match, a meeting or a programme. */
export interface MailPayload {
  type: 'proposal' | 'rematch' | 'reminder' | 'checkback' | 'checkback_reminder' | 'reflection'
  personId: string
  matchId?: string
  meetingId?: string
  programmeId?: string
}

/** Queues one mail in the caller's transaction, keyed so that it is queued once. */
export async function queueMail(deps: ConnectionsDeps, tx: Db, payload: MailPayload): Promise<void> {
  const about = payload.meetingId ?? payload.matchId ?? payload.programmeId
  await deps.jobs.enqueue(MAIL_JOB, payload, { db: tx, dedupKey: `${MAIL_JOB}:${payload.type}:${about}:${payload.personId}` })
}

/**
 * Sends one mail (a proposal with "why you", a reminder, "did you meet?" or the reflection prompt) if the
 * person still wants mail of the 'connection' kind; they have the notice in the app either way. The same mail
 * resent after a crash has the same Message-ID, which mail clients show once.
 */
export async function sendMail(deps: ConnectionsDeps, payload: MailPayload): Promise<void> {
  if (!(await wantMail(deps.db, [payload.personId], 'connection')).has(payload.personId)) return
  const match = payload.matchId ? await findMatch(deps.db, payload.matchId) : undefined
  const programme = await findProgramme(deps.db, match?.programme_id ?? payload.programmeId ?? '')
  if (!programme || (payload.matchId && !match)) return
  const members = match ? await findMembers(deps.db, [match.id]) : []
  const contacts = await activeContacts(deps.db, [payload.personId, ...members.map((m) => m.person_id)])
  const to = contacts.get(payload.personId)
  if (!to) return
  const others = members.filter((m) => m.person_id !== payload.personId).map((m) => contacts.get(m.person_id)?.name ?? 'a former member')
  const link = match
    ? `${deps.config.baseUrl}/connections/matches/${match.id}`
    : `${deps.config.baseUrl}/connections/programmes/${programme.id}/reflection`
  const messageId = `<${payload.type}.${payload.meetingId ?? payload.matchId ?? programme.id}.${payload.personId}@${hostOf(deps.config.baseUrl)}>`
  const label = KIND_LABEL[programme.kind]
  const mail = (subject: string, lines: string[]) =>
    deps.mailer.send({ to: to.email, subject, text: [`Hello ${to.name},`, '', ...lines].join('\n'), messageId })
  switch (payload.type) {
    case 'proposal':
    case 'rematch':
      return mail(`Your ${label} match in ${programme.name}`, [
        `${programme.name} proposes that you meet ${others.join(', ')}.`,
        '',
        'Why you:',
        ...parseReasons(match?.reasons ?? '[]').map((r) => `- ${r}`),
        '',
        `Accept or decline: ${link}`,
      ])
    case 'reminder':
      return mail(`Reminder: your ${label} match in ${programme.name}`, [
        `${programme.name} proposed that you meet ${others.join(', ')}, and waits for your answer.`,
        'Without an answer the proposal expires in a few days and the others are matched again.',
        '',
        `Accept or decline: ${link}`,
      ])
    case 'checkback':
    case 'checkback_reminder':
      return mail(`${payload.type === 'checkback' ? '' : 'Reminder: '}Did you meet? (${programme.name})`, [
        `Did your meeting with ${others.join(', ')} take place? Tell us, and keep notes in your log: ${link}`,
      ])
    case 'reflection':
      return mail(`${programme.name} has ended: your reflection`, [
        `${programme.name} has ended. What did you learn, and from whom? Your reflection is yours alone: ${link}`,
      ])
  }
}

/** Publishes a notice about a programme inside the caller's transaction (notifications show it in the app). */
export async function publishNotice(
  events: Publisher,
  programme: ProgrammeRow,
  notice: Omit<ConnectionNoticeEvent, 'programme' | 'actorId'> & { actorId?: string | null },
): Promise<void> {
  if (notice.personIds.length === 0) return
  await events.publish('connections.notice', {
    ...notice,
    actorId: notice.actorId ?? null,
    programme: { id: programme.id, name: programme.name, kind: programme.kind },
  })
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
  const start = new Date(meeting.starts_at)
  // The UID stays the meeting's id, as in every invite already sent, so calendars keep matching updates to it.
  const calendar = buildInvite({
    uid: meeting.id,
    sequence: meeting.sequence,
    start,
    end: new Date(start.getTime() + meeting.minutes * 60_000),
    stamp: new Date(meeting.updated_at),
    summary: `${programme.name}: ${KIND_LABEL[programme.kind]}`,
    description: `${parseReasons(match.reasons).join(' ')}\n${deps.config.baseUrl}/connections/matches/${match.id}`,
    location: meeting.location,
    cancelled,
    organizer: { name: organizer.name, email: organizer.email },
    attendees: members.flatMap((m) => {
      const c = contacts.get(m.person_id)
      return c ? [{ name: c.name, email: c.email }] : []
    }),
    product: 'connections',
  })
  const wanted = await wantMail(
    deps.db,
    members.map((m) => m.person_id),
    'connection',
  )
  for (const m of members) {
    const c = contacts.get(m.person_id)
    if (!c || !wanted.has(m.person_id)) continue
    await deps.mailer.send({
      to: c.email,
      subject: `${cancelled ? 'Cancelled' : meeting.sequence > 0 ? 'Updated' : 'Invitation'}: ${programme.name}`,
      text: cancelled
        ? `The meeting on ${start.toUTCString()} is cancelled.`
        : `Meeting on ${start.toUTCString()} for ${meeting.minutes} minutes${meeting.location ? ` at ${meeting.location}` : ''}.`,
      calendar,
    })
  }
}
