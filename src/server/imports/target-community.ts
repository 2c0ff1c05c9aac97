import { insertCommunity } from '../communities/store.js'
import type { Db } from '../platform/db/dialect.js'
import { newId, nowIso } from '../platform/time.js'

/**
 * The community a command-line import goes into: the one with `slug`, or a new open one named after it (or
 * `name`) whose purpose says where its posts came from. Returns its id.
 */
export async function findOrCreateImportCommunity(db: Db, slug: string, site: string, name?: string): Promise<string> {
  const found = await db.selectFrom('community').select('id').where('slug', '=', slug).executeTakeFirst()
  if (found) return found.id
  const now = nowIso()
  const id = newId()
  await insertCommunity(db, {
    id,
    slug,
    name: name ?? slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    purpose: `Imported from ${site}`,
    tags: '[]',
    visibility: 'open',
    rules: '{}',
    created_by: null,
    member_count: 0,
    post_count: 0,
    last_activity_at: now,
    created_at: now,
    updated_at: now,
  })
  return id
}
