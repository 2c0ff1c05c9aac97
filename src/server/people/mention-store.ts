import type { Db } from '../platform/db/dialect.js'

/** The @handle (email local part) of each of `ids` who is active. */
export async function findActiveHandles(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('person').select(['id', 'email']).where('status', '=', 'active').where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.email.split('@')[0] ?? '']))
}
