import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

// Queries on post_flag, and hiding a post after review.

export type FlagRow = Tables['post_flag']

export async function insertFlag(db: Db, row: FlagRow): Promise<void> {
  await db.insertInto('post_flag').values(row).execute()
}

/** A person's flags, newest first. */
export function findFlagsBy(db: Db, personId: string, limit: number): Promise<FlagRow[]> {
  return db.selectFrom('post_flag').selectAll().where('flagger_id', '=', personId).orderBy('created_at', 'desc').limit(limit).execute()
}

/** Open flags, oldest first, in the given communities (every community when `communityIds` is undefined). */
export function findOpenFlags(db: Db, communityIds: string[] | undefined, limit: number): Promise<FlagRow[]> {
  let q = db.selectFrom('post_flag').selectAll().where('status', '=', 'open')
  if (communityIds) {
    if (communityIds.length === 0) return Promise.resolve([])
    q = q.where('community_id', 'in', communityIds)
  }
  return q.orderBy('created_at').orderBy('id').limit(limit).execute()
}

/** Communities that have open flags. */
export async function findCommunitiesWithOpenFlags(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('post_flag').select('community_id').distinct().where('status', '=', 'open').execute()
  return rows.map((r) => r.community_id)
}

/** Closes every open flag on a post with the decision; returns how many were open. */
export async function decideFlags(db: Db, postId: number, status: FlagRow['status'], deciderId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('post_flag')
    .set({ status, decided_by: deciderId, decided_at: at })
    .where('post_id', '=', postId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Hides an active post; false when it was not active any more (then the counts must not move twice). */
export async function markPostHidden(db: Db, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('post')
    .set({ status: 'hidden', updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Forgets who flagged (erasure): the flags and their outcomes stay, naming nobody. */
export async function unnameFlagger(db: Db, personId: string): Promise<void> {
  await db.updateTable('post_flag').set({ flagger_id: null }).where('flagger_id', '=', personId).execute()
}
