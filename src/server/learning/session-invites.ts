import { activeContacts } from '../people/lookup.js'
import type { Config } from '../platform/config.js'
import type { Db } from '../platform/db/dialect.js'
import type { JobContext, JobQueue } from '../platform/jobs/worker.js'
import { buildInvite } from '../platform/mail/invite.js'
import type { Mailer } from '../platform/mail/mailer.js'
import { findEnrolment, findSession } from './sessions-store.js'

// Calendar invites for instructor-led sessions, by mail: one UID per session, SEQUENCE raised whenever the
// session changes (and when a person comes back after withdrawing, so their calendar takes the new REQUEST),
// METHOD:CANCEL when the session is cancelled or the person gives up their seat. Only people with a seat get
// invites: a waitlist place is not a meeting in anyone's calendar until it becomes a seat.

export const INVITE_JOB = 'learning.invite'

export interface InviteDeps {
  db: Db
  mailer: Mailer
  config: Pick<Config, 'baseUrl'>
}

/**
 * Queues the invite of each person as it stands when the job runs, in the caller's transaction. While one
 * person's job waits, more changes add nothing (its dedup key); once it runs it frees the key first, so a
 * change during the send gets a job of its own.
 */
export async function queueInvites(
  tx: Db,
  jobs: JobQueue,
  sessionId: string,
  personIds: Iterable<string>,
  reason: InviteReason,
): Promise<void> {
  for (const personId of new Set(personIds))
    await jobs.enqueue(INVITE_JOB, { sessionId, personId, reason }, { db: tx, dedupKey: `${INVITE_JOB}:${sessionId}:${personId}` })
}

/** Why an invite goes out: a new seat ("Invitation"), a change of the session ("Updated"), or a seat given up. */
export type InviteReason = 'seat' | 'change' | 'withdrawn'

/** The host part of UIDs: the base URL's, or a fixed one when the base URL is not set. */
function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname || 'wellspring.local'
  } catch {
    return 'wellspring.local'
  }
}

/** Sends one person the session's invite as it now stands: a REQUEST while they hold a seat, else a CANCEL. */
export async function sendSessionInvite(
  deps: InviteDeps,
  payload: { sessionId: string; personId: string; reason?: InviteReason },
  ctx: Pick<JobContext, 'releaseDedupKey'>,
): Promise<void> {
  await ctx.releaseDedupKey()
  const s = await findSession(deps.db, payload.sessionId)
  const enrolment = await findEnrolment(deps.db, payload.sessionId, payload.personId)
  if (!s || !enrolment) return
  const contacts = await activeContacts(deps.db, [payload.personId, s.facilitator_id])
  const to = contacts.get(payload.personId)
  if (!to) return
  const organizer = contacts.get(s.facilitator_id) ?? { name: 'Wellspring', email: 'no-reply@wellspring.invalid' }
  const cancelled = s.status === 'cancelled' || enrolment.status !== 'enrolled'
  const start = new Date(s.starts_at)
  const link = `${deps.config.baseUrl}/learning/sessions/${s.id}`
  const calendar = buildInvite({
    uid: `learning-session-${s.id}@${hostOf(deps.config.baseUrl)}`,
    sequence: s.sequence,
    start,
    end: new Date(s.ends_at),
    stamp: new Date(s.updated_at),
    summary: s.title,
    description: `${s.description ? `${s.description}\n\n` : ''}${link}`,
    location: s.location,
    cancelled,
    organizer,
    attendees: [to],
    product: 'learning',
  })
  const when = `${start.toUTCString()}${s.location ? ` at ${s.location}` : ''}`
  const subject = cancelled ? `Cancelled: ${s.title}` : payload.reason === 'change' ? `Updated: ${s.title}` : `Invitation: ${s.title}`
  const text = cancelled
    ? s.status === 'cancelled'
      ? `Hello ${to.name},\n\n"${s.title}" on ${start.toUTCString()} is cancelled.\n\n${link}`
      : `Hello ${to.name},\n\nYou gave up your seat in "${s.title}" on ${start.toUTCString()}.\n\n${link}`
    : `Hello ${to.name},\n\nYou have a seat in "${s.title}", ${when}, led by ${organizer.name}.\n\n${link}`
  await deps.mailer.send({ to: to.email, subject, text, calendar })
}
