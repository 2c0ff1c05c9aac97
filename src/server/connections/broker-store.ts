import type { Db } from '../platform/db/dialect.js'

/** The open introductions programme a person owns (the oldest), where their one-click introductions go. */
export function findOwnIntroProgramme(db: Db, ownerId: string) {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('kind', '=', 'intro')
    .where('status', '=', 'open')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}
