import type { PersonSummary } from '../../shared/schemas.js'
import type { Db } from '../platform/db/dialect.js'
import { toSummary } from './service.js'
import { findSummariesByIds } from './store.js'

/** Summaries of the given people by id, for other domains to show authors and members. Erased people are left out. */
export async function getPersonSummaries(db: Db, ids: Iterable<string | null | undefined>): Promise<Map<string, PersonSummary>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))]
  const map = new Map<string, PersonSummary>()
  for (let i = 0; i < unique.length; i += 500) {
    for (const row of await findSummariesByIds(db, unique.slice(i, i + 500))) {
      if (row.name !== 'Former member' || row.title !== '') map.set(row.id, toSummary(row))
    }
  }
  return map
}

/** People whose email local part is one of `handles` (for @mentions), active only. */
export async function findPeopleByHandles(db: Db, handles: string[]): Promise<{ id: string; handle: string }[]> {
  if (handles.length === 0) return []
  const rows = await db
    .selectFrom('person')
    .select(['id', 'email'])
    .where('status', '=', 'active')
    .where((eb) => eb.or(handles.slice(0, 20).map((h) => eb('email', 'like', `${h.replace(/[%_]/g, '')}@%`))))
    .execute()
  return rows.map((r) => ({ id: r.id, handle: r.email.split('@')[0] as string })).filter((r) => handles.includes(r.handle))
}
