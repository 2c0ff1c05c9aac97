import { sql, type ExpressionBuilder } from 'kysely'
import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

export type NotificationRow = Tables['notification']
export type PrefRow = Tables['notification_pref']

const BATCH = 500

function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Inserts notifications in batches and returns the ids actually inserted. Rows whose id exists already are
 * skipped, so a retried fan-out job (deterministic ids) never notifies anyone twice.
 */
export async function insertNotifications(db: Db, rows: NotificationRow[]): Promise<Set<string>> {
  const inserted = new Set<string>()
  for (const batch of chunks(rows)) {
    const result = await db
      .insertInto('notification')
      .values(batch)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute()
    for (const r of result) inserted.add(r.id)
  }
  return inserted
}

/**
 * Rows a person may still see: those about no post, and those about a post in a community they can read now
 * (`readable`). A person who left a closed community no longer sees what was said there.
 */
function stillReadable(readable: string[]) {
  return (eb: ExpressionBuilder<Tables, 'notification'>) => (readable.length ? eb.or([eb('post_id', 'is', null), eb('community_id', 'in', readable)]) : eb('post_id', 'is', null))
}

/** A page of a person's notifications, newest first, limited to what they may still read. */
export async function findNotificationsPage(
  db: Db,
  personId: string,
  opts: { unread?: boolean; limit: number; before?: { at: string; id: string }; readable: string[] },
): Promise<NotificationRow[]> {
  let q = db
    .selectFrom('notification')
    .selectAll()
    .where('person_id', '=', personId)
    .where(stillReadable(opts.readable))
  if (opts.unread) q = q.where('read_at', 'is', null)
  if (opts.before) {
    const { at, id } = opts.before
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]))
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute()
}

/** How many unread notifications a person has, counting only what they may still read. */
export async function countUnread(db: Db, personId: string, readable: string[]): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .where(stillReadable(readable))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Marks one of a person's notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(db: Db, personId: string, id: string, at: string): Promise<boolean> {
  const row = await db.selectFrom('notification').select(['id', 'read_at']).where('id', '=', id).where('person_id', '=', personId).executeTakeFirst()
  if (!row) return false
  if (!row.read_at) await db.updateTable('notification').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute()
  return true
}

/** Marks all of a person's notifications read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, personId: string, at: string): Promise<number> {
  const result = await db.updateTable('notification').set({ read_at: at }).where('person_id', '=', personId).where('read_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Notifications of any of `personIds` created at or after `since`: the live stream's poll for other nodes' work. */
export async function findNotificationsSince(db: Db, personIds: string[], since: string): Promise<NotificationRow[]> {
  const out: NotificationRow[] = []
  for (const batch of chunks(personIds)) {
    out.push(...(await db.selectFrom('notification').selectAll().where('person_id', 'in', batch).where('created_at', '>=', since).orderBy('created_at').orderBy('id').execute()))
  }
  return out
}

/** A person's notifications after a stream position (`created_at`, `id`), oldest first: replay after a reconnect. */
export function findNotificationsAfter(db: Db, personId: string, after: { at: string; id: string }, limit: number): Promise<NotificationRow[]> {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('created_at', '>', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '>', after.id)])]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function findNotificationsByIds(db: Db, ids: string[]): Promise<NotificationRow[]> {
  const out: NotificationRow[] = []
  for (const batch of chunks(ids)) out.push(...(await db.selectFrom('notification').selectAll().where('id', 'in', batch).execute()))
  return out
}

/** Claims a notification for mailing (compare-and-set), so two workers never mail it twice. */
export async function claimNotificationEmail(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('notification').set({ emailed_at: at }).where('id', '=', id).where('emailed_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Gives a claim back after the mail failed, so a retry sends it. */
export async function releaseNotificationEmail(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('notification').set({ emailed_at: null }).where('id', '=', id).where('emailed_at', '=', at).execute()
}

/** A person's unread notifications created in [since, until), oldest first, for the digest. */
export function findDigestNotifications(db: Db, personId: string, since: string, until: string, limit: number): Promise<NotificationRow[]> {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('person_id', '=', personId)
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .where((eb) => eb.or([eb('read_at', 'is', null), eb('kind', '=', 'new_post')]))
    .orderBy('created_at')
    .limit(limit)
    .execute()
}

export function findPref(db: Db, personId: string): Promise<PrefRow | undefined> {
  return db.selectFrom('notification_pref').selectAll().where('person_id', '=', personId).executeTakeFirst()
}

export async function findPrefs(db: Db, personIds: string[]): Promise<Map<string, PrefRow>> {
  const map = new Map<string, PrefRow>()
  for (const batch of chunks([...new Set(personIds)])) {
    for (const row of await db.selectFrom('notification_pref').selectAll().where('person_id', 'in', batch).execute()) map.set(row.person_id, row)
  }
  return map
}

/**
 * Creates or replaces a person's choices. `last_digest_at` is written for a new row, and for an existing one
 * only with `resetClock` (a digest switched back on starts from now, not from months ago).
 */
export async function upsertPref(db: Db, row: PrefRow, options: { resetClock?: boolean } = {}): Promise<void> {
  await db
    .insertInto('notification_pref')
    .values(row)
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({ email_kinds: row.email_kinds, digest: row.digest, ...(options.resetClock ? { last_digest_at: row.last_digest_at } : {}) }),
    )
    .execute()
}

/**
 * Gives every active person without preferences a row with the defaults, starting their digest clock now,
 * so a new installation (or a new person) is not mailed a digest of everything at once.
 */
export async function initialiseMissingPrefs(db: Db, emailKindsJson: string, digest: PrefRow['digest'], now: string): Promise<number> {
  const result = await db
    .insertInto('notification_pref')
    .columns(['person_id', 'email_kinds', 'digest', 'last_digest_at'])
    .expression((eb) =>
      eb
        .selectFrom('person as p')
        .select(['p.id', sql.lit(emailKindsJson).as('email_kinds'), sql.lit(digest).as('digest'), sql.lit(now).as('last_digest_at')])
        .where('p.status', '=', 'active')
        .where((w) => w.not(w.exists(w.selectFrom('notification_pref as np').select('np.person_id').whereRef('np.person_id', '=', 'p.id')))),
    )
    .onConflict((oc) => oc.column('person_id').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}

export interface DueDigest {
  person_id: string
  digest: 'daily' | 'weekly'
  last_digest_at: string
  email: string
  name: string
}

/** People whose daily or weekly digest is due: their last one went out at or before the cutoff. */
export async function findDueDigests(db: Db, cutoffs: { daily: string; weekly: string }, limit: number): Promise<DueDigest[]> {
  const rows = await db
    .selectFrom('notification_pref as np')
    .innerJoin('person as p', 'p.id', 'np.person_id')
    .select(['np.person_id', 'np.digest', 'np.last_digest_at', 'p.email', 'p.name'])
    .where('p.status', '=', 'active')
    .where('np.last_digest_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('np.digest', '=', 'daily'), eb('np.last_digest_at', '<=', cutoffs.daily)]),
        eb.and([eb('np.digest', '=', 'weekly'), eb('np.last_digest_at', '<=', cutoffs.weekly)]),
      ]),
    )
    .orderBy('np.last_digest_at')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, digest: r.digest as 'daily' | 'weekly', last_digest_at: r.last_digest_at ?? '' }))
}

/** Claims a person's digest (compare-and-set on last_digest_at): only one worker sends it. */
export async function claimDigest(db: Db, personId: string, expectedLast: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('notification_pref')
    .set({ last_digest_at: now })
    .where('person_id', '=', personId)
    .where('last_digest_at', '=', expectedLast)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Gives a digest claim back after the mail failed. */
export async function releaseDigest(db: Db, personId: string, claimedAt: string, previous: string): Promise<void> {
  await db.updateTable('notification_pref').set({ last_digest_at: previous }).where('person_id', '=', personId).where('last_digest_at', '=', claimedAt).execute()
}

/** Mail addresses and names of active people. Read here because mail needs the address, which summaries leave out. */
export async function findContacts(db: Db, personIds: string[]): Promise<Map<string, { email: string; name: string }>> {
  const map = new Map<string, { email: string; name: string }>()
  for (const batch of chunks([...new Set(personIds)])) {
    const rows = await db.selectFrom('person').select(['id', 'email', 'name']).where('id', 'in', batch).where('status', '=', 'active').execute()
    for (const r of rows) map.set(r.id, { email: r.email, name: r.name })
  }
  return map
}

export async function findSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst())?.value
}

/** Stores a setting unless another node stored it first; either way returns the value that won. */
export async function insertSettingOnce(db: Db, key: string, value: string, at: string): Promise<string> {
  await db
    .insertInto('setting')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  return (await findSetting(db, key)) ?? value
}

/** True when a job of this kind is waiting or running, so the scheduler does not pile up duplicates. */
export async function hasPendingJob(db: Db, kind: string): Promise<boolean> {
  const row = await db.selectFrom('job').select('id').where('kind', '=', kind).where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst()
  return Boolean(row)
}
