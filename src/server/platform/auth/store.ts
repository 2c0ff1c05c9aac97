import type { Db } from '../db/dialect.js'
import { prepareQuery } from '../db/prepared.js'
import type { Tables } from '../db/tables.js'

export interface LiveSession {
  person_id: string
  csrf_token: string
  expires_at: string
}

const selectLiveSession = prepareQuery((db: Db, sessionId: string, now: string) =>
  db.selectFrom('session').select(['person_id', 'csrf_token', 'expires_at']).where('id', '=', sessionId).where('expires_at', '>', now),
)

/**
 * A session that has not expired. It runs on every authenticated request the viewer cache misses, so it is a
 * prepared query (built and compiled once). Who the person is comes from the people domain (access.ts).
 */
export async function findLiveSession(db: Db, sessionId: string, now: string): Promise<LiveSession | undefined> {
  return (await selectLiveSession(db, sessionId, now))[0]
}

/** A person's sessions, for their data export. */
export function findSessionsOf(db: Db, personId: string): Promise<{ created_at: string; expires_at: string }[]> {
  return db.selectFrom('session').select(['created_at', 'expires_at']).where('person_id', '=', personId).execute()
}

export async function insertSession(db: Db, row: Tables['session']): Promise<void> {
  await db.insertInto('session').values(row).execute()
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute()
}

export async function deleteSessionsOfPerson(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('session').where('person_id', '=', personId).execute()
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute()
  await db
    .deleteFrom('oidc_state')
    .where('created_at', '<=', new Date(Date.parse(now) - 3600_000).toISOString())
    .execute()
}

/**
 * Which of `sessionIds` have not expired, with their person and expiry: what an open event stream checks when
 * sessions or people change (whether the person may still act is the people domain's to say: live-sessions.ts).
 * In chunks, so any number of streams stays within the dialects' parameter limits.
 */
export async function findLiveSessions(
  db: Db,
  sessionIds: readonly string[],
  now: string,
): Promise<{ id: string; person_id: string; expires_at: string }[]> {
  const live: { id: string; person_id: string; expires_at: string }[] = []
  for (let i = 0; i < sessionIds.length; i += 500) {
    const rows = await db
      .selectFrom('session')
      .select(['id', 'person_id', 'expires_at'])
      .where('id', 'in', sessionIds.slice(i, i + 500))
      .where('expires_at', '>', now)
      .execute()
    live.push(...rows)
  }
  return live
}
