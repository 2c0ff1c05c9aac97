import type { BulkInviteBody, InvitationBatch } from '../../shared/invitations.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Config } from '../platform/config.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import { toJob } from '../platform/jobs/routes.js'
import { JOB_PRIORITY, type JobContext, type JobQueue } from '../platform/jobs/worker.js'
import { MailUnavailableError, type Mailer } from '../platform/mail/mailer.js'
import { nowIso } from '../platform/time.js'
import { invitationMail, issueInvitation, withdrawInvitation } from './accounts.js'
import {
  countSends,
  failInterruptedSends,
  findInvitableIds,
  findPendingSends,
  insertSends,
  isInvitable,
  moveSend,
} from './invitation-store.js'
import { findPersonById } from './store.js'

export const INVITATIONS_JOB = 'people.invitations'
const CHUNK = 50

export interface InvitationDeps {
  db: Db
  config: Config
  mailer: Mailer
}

/**
 * Queues a bulk invitation: the people picked (or everyone never invited, or everyone invited who has not
 * joined) who may still be invited become the recipients, and one job mails them. The batch is the job:
 * its id names the recipients' rows. Nobody to invite is a 400 and writes nothing.
 */
export async function createInvitationBatch(db: Db, jobs: JobQueue, viewer: Viewer, body: BulkInviteBody): Promise<InvitationBatch> {
  const batch = await db.transaction().execute(async (tx) => {
    const picked = body.personIds ? [...new Set(body.personIds)] : undefined
    const people = await findInvitableIds(tx, { ids: picked, everyone: body.everyone })
    if (people.length === 0)
      throw new BadRequestError('nobody_to_invite', 'no one here can be invited: they have all joined, or no one was picked')
    const jobId = await jobs.enqueue(INVITATIONS_JOB, {}, { createdBy: viewer.id, db: tx, priority: JOB_PRIORITY.normal })
    const now = nowIso()
    await insertSends(
      tx,
      people.map((p, position) => ({
        batch_id: jobId,
        person_id: p.id,
        status: 'pending' as const,
        position,
        error: null,
        created_by: viewer.id,
        created_at: now,
        updated_at: now,
      })),
    )
    await recordAudit(tx, viewer.id, 'person.invite_bulk', jobId, { recipients: people.length, everyone: body.everyone ?? null })
    return jobId
  })
  jobs.poke()
  return getInvitationBatch(db, jobs, batch)
}

/** A bulk invitation's counts and its job's progress. */
export async function getInvitationBatch(db: Db, jobs: JobQueue, id: string): Promise<InvitationBatch> {
  const [{ counts }, job] = await Promise.all([countSends(db, id), jobs.find(id)])
  const total = counts.pending + counts.sending + counts.sent + counts.failed + counts.skipped
  if (!job || job.kind !== INVITATIONS_JOB || total === 0)
    throw new NotFoundError('invitation_batch_not_found', `no invitation batch ${id}`)
  return {
    id,
    total,
    // A claimed mail is still on its way: pending until the job confirms or fails it.
    pending: counts.pending + counts.sending,
    sent: counts.sent,
    skipped: counts.skipped,
    failed: counts.failed,
    job: toJob(job),
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || 'wellspring'
  } catch {
    return 'wellspring'
  }
}

/**
 * The `people.invitations` job. Each recipient is claimed (pending → sending, with a fresh link that replaces
 * any older one) and committed before the mail goes out, then confirmed (sent). A run that starts again after
 * a crash finds recipients left 'sending' and marks them failed rather than mail them again: no one is mailed
 * twice, and the admin sees whom to resend. A mail the server refuses was not sent: its link is withdrawn, the
 * recipient goes back to pending, and the job fails this attempt so the queue retries it after a backoff.
 */
export async function runInvitationBatch(
  deps: InvitationDeps,
  ctx: JobContext,
): Promise<{ sent: number; skipped: number; failed: number }> {
  const { db } = deps
  const batchId = ctx.job.id
  await failInterruptedSends(db, batchId, nowIso())
  const start = await countSends(db, batchId)
  const total = Object.values(start.counts).reduce((a, b) => a + b, 0)
  let done = total - start.counts.pending
  const inviter = (start.createdBy ? await findPersonById(db, start.createdBy) : undefined)?.name ?? 'Wellspring'
  const messageHost = hostOf(deps.config.baseUrl)
  await ctx.reportProgress(done, total, `Sending invitations: ${done} of ${total}`)
  for (let chunk = await findPendingSends(db, batchId, CHUNK); chunk.length > 0; chunk = await findPendingSends(db, batchId, CHUNK)) {
    for (const send of chunk) {
      const claim = await db.transaction().execute(async (tx) => {
        if (!(await moveSend(tx, batchId, send.person_id, 'pending', 'sending', nowIso()))) return null
        const person = await isInvitable(tx, send.person_id)
        if (!person) {
          await moveSend(tx, batchId, send.person_id, 'sending', 'skipped', nowIso(), 'joined or left since they were picked')
          return null
        }
        const before = await findPersonById(tx, send.person_id)
        return { person, previous: before?.invited_at ?? null, token: await issueInvitation(tx, send.person_id) }
      })
      if (claim) {
        try {
          await deps.mailer.send({
            ...invitationMail(deps.config, inviter, claim.person, claim.token),
            // Should a mail server see this message twice after all, it is the same message.
            messageId: `<invite.${batchId}.${send.person_id}@${messageHost}>`,
          })
        } catch (err) {
          if (!(err instanceof MailUnavailableError)) throw err
          await db.transaction().execute(async (tx) => {
            await withdrawInvitation(tx, send.person_id, claim.token, claim.previous)
            await moveSend(tx, batchId, send.person_id, 'sending', 'pending', nowIso())
          })
          throw new Error(`the mail server refused the invitation to ${claim.person.email}; trying again later`)
        }
        await moveSend(db, batchId, send.person_id, 'sending', 'sent', nowIso())
      }
      done += 1
      await ctx.reportProgress(done, total, `Sending invitations: ${done} of ${total}`)
    }
  }
  const end = await countSends(db, batchId)
  await ctx.reportProgress(total, total, `Sent ${end.counts.sent} of ${total}`)
  return { sent: end.counts.sent, skipped: end.counts.skipped, failed: end.counts.failed }
}
