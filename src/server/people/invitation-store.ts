import { sql } from 'kysely'
import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

// Queries of bulk invitations (invitation_send) and of the people they may go to.

export type InvitationSendRow = Tables['invitation_send']
type SendStatus = InvitationSendRow['status']

/**
 * People who may be invited: they have never signed in, have no password, and are people (not erased, not
 * import placeholders). `everyone` narrows to those never invited, or to those invited already (a resend).
 */
export function findInvitableIds(db: Db, options: { ids?: string[]; everyone?: 'not_invited' | 'invited' }): Promise<{ id: string }[]> {
  let query = db
    .selectFrom('person')
    .select('id')
    .where('status', 'in', ['active', 'invited'])
    .where('last_login_at', 'is', null)
    .where('password_hash', 'is', null)
  if (options.ids) query = query.where('id', 'in', options.ids)
  if (options.everyone === 'not_invited') query = query.where('invited_at', 'is', null)
  if (options.everyone === 'invited') query = query.where('invited_at', 'is not', null)
  return query.orderBy('name').orderBy('id').execute()
}

/** Whether one person may still be invited (checked again when their mail's turn comes). */
export async function isInvitable(db: Db, personId: string): Promise<{ email: string; name: string } | undefined> {
  return db
    .selectFrom('person')
    .select(['email', 'name'])
    .where('id', '=', personId)
    .where('status', 'in', ['active', 'invited'])
    .where('last_login_at', 'is', null)
    .where('password_hash', 'is', null)
    .executeTakeFirst()
}

/** Adds a batch's recipients, all pending, in order. */
export async function insertSends(db: Db, rows: InvitationSendRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('invitation_send')
      .values(rows.slice(i, i + 200))
      .execute()
}

/** The next recipients still pending, in order. */
export function findPendingSends(db: Db, batchId: string, limit: number): Promise<InvitationSendRow[]> {
  return db
    .selectFrom('invitation_send')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where('status', '=', 'pending')
    .orderBy('position')
    .limit(limit)
    .execute()
}

/**
 * Moves a recipient from one status to another; false when it was not in `from` (another worker, or an
 * earlier run, moved it first). The compare-and-set is what makes a claim exclusive.
 */
export async function moveSend(
  db: Db,
  batchId: string,
  personId: string,
  from: SendStatus,
  to: SendStatus,
  now: string,
  error: string | null = null,
): Promise<boolean> {
  const result = await db
    .updateTable('invitation_send')
    .set({ status: to, error, updated_at: now })
    .where('batch_id', '=', batchId)
    .where('person_id', '=', personId)
    .where('status', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Recipients claimed by a run that stopped before it confirmed their mail: it may or may not have gone out, so
 * they are not mailed again (that could mail them twice) but marked failed, for the admin to resend.
 */
export async function failInterruptedSends(db: Db, batchId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('invitation_send')
    .set({ status: 'failed', error: 'interrupted while sending: it may not have arrived; resend it', updated_at: now })
    .where('batch_id', '=', batchId)
    .where('status', '=', 'sending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** How many recipients of a batch are in each status, and who created it. */
export async function countSends(db: Db, batchId: string): Promise<{ counts: Record<SendStatus, number>; createdBy: string | null }> {
  const rows = await db
    .selectFrom('invitation_send')
    .select(['status', 'created_by', sql<number>`count(*)`.as('n')])
    .where('batch_id', '=', batchId)
    .groupBy(['status', 'created_by'])
    .execute()
  const counts: Record<SendStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 }
  for (const r of rows) counts[r.status] += Number(r.n)
  return { counts, createdBy: rows[0]?.created_by ?? null }
}

/** People (not placeholders, not erased) by onboarding state, and whether a roster import was ever applied. */
export async function countOnboarding(db: Db): Promise<{
  people: number
  active: number
  invited: number
  notInvited: number
  rosterImported: boolean
}> {
  const row = await db
    .selectFrom('person')
    .select([
      sql<number>`count(*)`.as('people'),
      sql<number>`coalesce(sum(case when last_login_at is not null then 1 else 0 end), 0)`.as('active'),
      sql<number>`coalesce(sum(case when last_login_at is null and invited_at is not null then 1 else 0 end), 0)`.as('invited'),
      sql<number>`coalesce(sum(case when last_login_at is null and invited_at is null and password_hash is null then 1 else 0 end), 0)`.as(
        'not_invited',
      ),
    ])
    .where('status', 'in', ['active', 'invited'])
    .executeTakeFirstOrThrow()
  // A roster import's report says whether it was applied; only an applied one put people here.
  const applied = await db
    .selectFrom('roster_import')
    .select('id')
    .where('mode', '=', 'apply')
    .where('report', 'like', '%"applied":true%')
    .limit(1)
    .executeTakeFirst()
  return {
    people: Number(row.people),
    active: Number(row.active),
    invited: Number(row.invited),
    notInvited: Number(row.not_invited),
    rosterImported: applied !== undefined,
  }
}
