import type { Db } from '../platform/db/dialect.js'
import { chunks, type PrefRow } from './store.js'

// Queries for mail: preferences and digest clocks.

export function findPref(db: Db, personId: string): Promise<PrefRow | undefined> {
  return db.selectFrom('notification_pref').selectAll().where('person_id', '=', personId).executeTakeFirst()
}

export async function findPrefs(db: Db, personIds: string[]): Promise<Map<string, PrefRow>> {
  const map = new Map<string, PrefRow>()
  for (const batch of chunks([...new Set(personIds)])) {
    for (const row of await db.selectFrom('notification_pref').selectAll().where('person_id', 'in', batch).execute())
      map.set(row.person_id, row)
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
      oc.column('person_id').doUpdateSet({
        email_kinds: row.email_kinds,
        digest: row.digest,
        ...(options.resetClock ? { last_digest_at: row.last_digest_at } : {}),
      }),
    )
    .execute()
}

/** Ids of the people among `personIds` who have a preferences row. */
export async function findPrefOwners(db: Db, personIds: string[]): Promise<Set<string>> {
  const owners = new Set<string>()
  for (const batch of chunks([...new Set(personIds)])) {
    for (const row of await db.selectFrom('notification_pref').select('person_id').where('person_id', 'in', batch).execute())
      owners.add(row.person_id)
  }
  return owners
}

/** Inserts preference rows for people who have none (a row another node wrote first stays). */
export async function insertMissingPrefs(db: Db, rows: PrefRow[]): Promise<number> {
  let inserted = 0
  for (const batch of chunks(rows)) {
    const result = await db
      .insertInto('notification_pref')
      .values(batch)
      .onConflict((oc) => oc.column('person_id').doNothing())
      .executeTakeFirst()
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return inserted
}

/** A preferences row whose daily or weekly digest is due. */
export interface DuePref {
  person_id: string
  digest: 'daily' | 'weekly'
  last_digest_at: string
}

/**
 * Preferences whose daily or weekly digest is due (the last one went out at or before the cutoff), oldest
 * first, after the (last_digest_at, person_id) cursor `after`.
 */
export async function findDuePrefs(
  db: Db,
  cutoffs: { daily: string; weekly: string },
  limit: number,
  after?: { at: string; personId: string },
): Promise<DuePref[]> {
  let q = db
    .selectFrom('notification_pref')
    .select(['person_id', 'digest', 'last_digest_at'])
    .where('last_digest_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('digest', '=', 'daily'), eb('last_digest_at', '<=', cutoffs.daily)]),
        eb.and([eb('digest', '=', 'weekly'), eb('last_digest_at', '<=', cutoffs.weekly)]),
      ]),
    )
  if (after)
    q = q.where((eb) =>
      eb.or([eb('last_digest_at', '>', after.at), eb.and([eb('last_digest_at', '=', after.at), eb('person_id', '>', after.personId)])]),
    )
  const rows = await q.orderBy('last_digest_at').orderBy('person_id').limit(limit).execute()
  return rows.map((r) => ({ person_id: r.person_id, digest: r.digest as 'daily' | 'weekly', last_digest_at: r.last_digest_at ?? '' }))
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
  await db
    .updateTable('notification_pref')
    .set({ last_digest_at: previous })
    .where('person_id', '=', personId)
    .where('last_digest_at', '=', claimedAt)
    .execute()
}
