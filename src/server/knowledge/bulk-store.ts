import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

// Queries of the bulk import API (bulk.ts).

export type NewLink = Tables['post_link']

/** Rows per multi-row insert. */
const BATCH = 250

/** A parent's id and thread root, to place a reply under it. */
export function findParentRef(db: Db, id: number): Promise<{ id: number; root_id: number | null } | undefined> {
  return db.selectFrom('post').select(['id', 'root_id']).where('id', '=', id).executeTakeFirst()
}

/** Every link, as `post:target:kind` keys. */
export async function findExistingLinks(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('post_link').select(['post_id', 'target_id', 'kind']).execute()
  return new Set(rows.map((l) => `${l.post_id}:${l.target_id}:${l.kind}`))
}

export async function insertLinks(db: Db, links: NewLink[]): Promise<void> {
  for (let i = 0; i < links.length; i += BATCH)
    await db
      .insertInto('post_link')
      .values(links.slice(i, i + BATCH))
      .execute()
}
