import { sql } from 'kysely'
import type { Db } from '../db/dialect.js'
import { prepareQuery } from '../db/prepared.js'
import type { Tables } from '../db/tables.js'

export interface ViewerRow {
  id: string
  name: string
  email: string
  role: 'member' | 'admin'
  manager_granted: number
  has_reports: number
  csrf_token: string
  expires_at: string
}

const selectViewer = prepareQuery((db: Db, sessionId: string, now: string) =>
  db
    .selectFrom('session')
    .innerJoin('person', 'person.id', 'session.person_id')
    .select([
      'person.id',
      'person.name',
      'person.email',
      'person.role',
      'person.manager_granted',
      'session.csrf_token',
      'session.expires_at',
      // Served by person_manager_idx: one index probe, so it is cheap enough to run on every request.
      sql<number>`case when exists (select 1 from person r where r.manager_id = person.id and r.status <> 'erased') then 1 else 0 end`.as(
        'has_reports',
      ),
    ])
    .where('session.id', '=', sessionId)
    .where('session.expires_at', '>', now)
    .where('person.status', '=', 'active'),
)

/**
 * The person behind a live session, with what decides their roles, in one query. It runs on every
 * authenticated request, so it is a prepared query (built and compiled once).
 */
export async function findViewerBySessionId(db: Db, sessionId: string, now: string): Promise<ViewerRow | undefined> {
  return (await selectViewer(db, sessionId, now))[0]
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
 * Which of `sessionIds` are live now (not expired, of an active person), with their expiry: what an open event
 * stream checks when sessions or people change. In chunks, so any number of streams stays within the
 * dialects' parameter limits.
 */
export async function findLiveSessions(db: Db, sessionIds: readonly string[], now: string): Promise<{ id: string; expires_at: string }[]> {
  const live: { id: string; expires_at: string }[] = []
  for (let i = 0; i < sessionIds.length; i += 500) {
    const rows = await db
      .selectFrom('session')
      .innerJoin('person', 'person.id', 'session.person_id')
      .select(['session.id', 'session.expires_at'])
      .where('session.id', 'in', sessionIds.slice(i, i + 500))
      .where('session.expires_at', '>', now)
      .where('person.status', '=', 'active')
      .execute()
    live.push(...rows)
  }
  return live
}
