import { sql } from 'kysely'
import type { Db } from '../platform/db/dialect.js'
import { chunks, type PrefRow } from './store.js'

// Queries for mail: preferences and digest clocks, addresses, the shared signing secret, and the job check
// of the digest scheduler.

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
        .where((w) =>
          w.not(w.exists(w.selectFrom('notification_pref as np').select('np.person_id').whereRef('np.person_id', '=', 'p.id'))),
        ),
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
  await db
    .updateTable('notification_pref')
    .set({ last_digest_at: previous })
    .where('person_id', '=', personId)
    .where('last_digest_at', '=', claimedAt)
    .execute()
}

/** Mail addresses and names of active people. Read here because mail needs the address, which summaries leave out. */
export async function findContacts(db: Db, personIds: string[]): Promise<Map<string, { email: string; name: string }>> {
  const map = new Map<string, { email: string; name: string }>()
  for (const batch of chunks([...new Set(personIds)])) {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'email', 'name'])
      .where('id', 'in', batch)
      .where('status', '=', 'active')
      .execute()
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
