import type { ExpressionBuilder } from 'kysely'
import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

export type NotificationRow = Tables['notification']
export type PrefRow = Tables['notification_pref']
export type FanoutPendingRow = Tables['notification_fanout']

const BATCH = 500

/** Splits `items` into batches small enough for one statement's parameters. */
export function chunks<T>(items: T[], size = BATCH): T[][] {
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
  return (eb: ExpressionBuilder<Tables, 'notification'>) =>
    readable.length ? eb.or([eb('post_id', 'is', null), eb('community_id', 'in', readable)]) : eb('post_id', 'is', null)
}

/** A page of a person's notifications, newest first, limited to what they may still read. */
export async function findNotificationsPage(
  db: Db,
  personId: string,
  opts: { unread?: boolean; limit: number; before?: { at: string; id: string }; readable: string[] },
): Promise<NotificationRow[]> {
  let q = db.selectFrom('notification').selectAll().where('person_id', '=', personId).where(stillReadable(opts.readable))
  if (opts.unread) q = q.where('read_at', 'is', null)
  if (opts.before) {
    const { at, id } = opts.before
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]))
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute()
}

/** Every notification a person may still see, oldest first, for their data export (which holds only what they may see). */
export function findNotificationsForExport(db: Db, personId: string, readable: string[]) {
  return db
    .selectFrom('notification')
    .select(['kind', 'title', 'body', 'link', 'read_at', 'emailed_at', 'created_at'])
    .where('person_id', '=', personId)
    .where(stillReadable(readable))
    .orderBy('created_at')
    .execute()
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
  const row = await db
    .selectFrom('notification')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst()
  if (!row) return false
  if (!row.read_at) await db.updateTable('notification').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute()
  return true
}

/**
 * Marks read the stewards' notifications of one person's request to join a community: once a steward has
 * decided, the request is done for every steward, not waiting in their lists.
 */
export async function markJoinRequestsDone(db: Db, communityId: string, personId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('kind', '=', 'join_request')
    .where('community_id', '=', communityId)
    .where('actor_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** People of `personIds` who have a notification of one of `kinds` about post `postId`. */
export async function findNotifiedAbout(db: Db, postId: number, personIds: string[], kinds: string[]): Promise<Set<string>> {
  const out = new Set<string>()
  for (const batch of chunks(personIds)) {
    const rows = await db
      .selectFrom('notification')
      .select('person_id')
      .where('post_id', '=', postId)
      .where('kind', 'in', kinds)
      .where('person_id', 'in', batch)
      .execute()
    for (const r of rows) out.add(r.person_id)
  }
  return out
}

/** Deletes the new-post announcements of post `postId` to `personIds` (a more specific notification replaces them). */
export async function deleteNewPostNotifications(db: Db, postId: number, personIds: string[]): Promise<void> {
  for (const batch of chunks(personIds)) {
    await db
      .deleteFrom('notification')
      .where('post_id', '=', postId)
      .where('kind', '=', 'new_post')
      .where('person_id', 'in', batch)
      .execute()
  }
}

/** Marks all of a person's notifications read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, personId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Notifications of any of `personIds` created at or after `since`: the live stream's poll for other nodes' work. */
export async function findNotificationsSince(db: Db, personIds: string[], since: string): Promise<NotificationRow[]> {
  const out: NotificationRow[] = []
  for (const batch of chunks(personIds)) {
    out.push(
      ...(await db
        .selectFrom('notification')
        .selectAll()
        .where('person_id', 'in', batch)
        .where('created_at', '>=', since)
        .orderBy('created_at')
        .orderBy('id')
        .execute()),
    )
  }
  return out
}

/** A person's notifications after a stream position (`created_at`, `id`), oldest first: replay after a reconnect. */
export function findNotificationsAfter(
  db: Db,
  personId: string,
  after: { at: string; id: string },
  limit: number,
): Promise<NotificationRow[]> {
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
  const result = await db
    .updateTable('notification')
    .set({ emailed_at: at })
    .where('id', '=', id)
    .where('emailed_at', 'is', null)
    .executeTakeFirst()
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

/**
 * For erasure: deletes a person's notifications and mail choices, and unnames them wherever they were the
 * actor of someone else's notification.
 */
export async function deleteNotificationDataOf(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('notification').where('person_id', '=', personId).execute()
  await db.updateTable('notification').set({ actor_id: null }).where('actor_id', '=', personId).execute()
  await db.deleteFrom('notification_pref').where('person_id', '=', personId).execute()
}

/** Records a new post to announce to its community's followers (in the post's own transaction). */
export async function insertFanoutPending(db: Db, row: FanoutPendingRow): Promise<void> {
  await db.insertInto('notification_fanout').values(row).execute()
}

/** The oldest posts of a community still to announce. */
export function findFanoutPending(db: Db, communityId: string, limit: number): Promise<FanoutPendingRow[]> {
  return db.selectFrom('notification_fanout').selectAll().where('community_id', '=', communityId).orderBy('post_id').limit(limit).execute()
}

export async function deleteFanoutPending(db: Db, postIds: number[]): Promise<void> {
  if (postIds.length === 0) return
  await db.deleteFrom('notification_fanout').where('post_id', 'in', postIds).execute()
}
