import type { Db } from '../platform/db/dialect.js'
import { newId, nowIso } from '../platform/time.js'
import { recordJoin } from './membership.js'
import { findCommunityBySlug, insertCommunity } from './store.js'

// What importers (Stack Exchange dumps, later Slack and CSV logs) do to communities, through the service.

/**
 * The community a command-line import goes into: the one with `slug`, or a new open one named after it (or
 * `name`) whose purpose says where its posts came from. Returns its id.
 */
export async function findOrCreateImportCommunity(db: Db, slug: string, site: string, name?: string): Promise<string> {
  const found = await findCommunityBySlug(db, slug)
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

/** Makes an imported account's person a newcomer member, joined when they first took part in the source. */
export async function joinFromImport(db: Db, communityId: string, personId: string, at: string): Promise<void> {
  await recordJoin(db, communityId, personId, 'import', null, at)
}
