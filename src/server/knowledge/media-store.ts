import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'
import { BadRequestError } from '../platform/errors.js'

export type MediaRow = Tables['media']

/** PostgreSQL returns bigint columns (post_id, size) as strings; callers always see numbers. */
function normalise(row: MediaRow): MediaRow {
  return { ...row, post_id: row.post_id === null ? null : Number(row.post_id), size: Number(row.size) }
}

/** Links uploaded media (owned by the author, not yet attached) to a new post. */
export async function attachMedia(db: Db, ownerId: string, postId: number, mediaIds: string[]): Promise<void> {
  const rows = await db.selectFrom('media').select(['id', 'owner_id', 'post_id']).where('id', 'in', mediaIds).execute()
  if (rows.length !== new Set(mediaIds).size || rows.some((r) => r.owner_id !== ownerId || r.post_id !== null)) {
    throw new BadRequestError('bad_media', 'attach only media you uploaded and have not attached yet')
  }
  await db.updateTable('media').set({ post_id: postId }).where('id', 'in', mediaIds).execute()
}

/** Records an uploaded file; it belongs to no post until createPost attaches it. */
export async function insertMedia(db: Db, row: MediaRow): Promise<void> {
  await db.insertInto('media').values(row).execute()
}

export async function findMediaById(db: Db, id: string): Promise<MediaRow | undefined> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? normalise(row) : undefined
}

/** Sets the transcript and/or the WebVTT captions of one media item. */
export async function updateMediaText(db: Db, id: string, patch: Partial<Pick<MediaRow, 'transcript' | 'captions'>>): Promise<void> {
  await db.updateTable('media').set(patch).where('id', '=', id).execute()
}

/**
 * Deletes up to `limit` media rows that were never attached to a post and were uploaded before `before`,
 * and returns their ids so the caller can delete the files. The `post_id is null` condition is part of the
 * delete itself, so an item attached between a read and this delete is kept.
 */
export async function deleteOrphanMedia(db: Db, before: string, limit: number): Promise<string[]> {
  const candidates = await db
    .selectFrom('media')
    .select('id')
    .where('post_id', 'is', null)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute()
  if (candidates.length === 0) return []
  const deleted = await db
    .deleteFrom('media')
    .where(
      'id',
      'in',
      candidates.map((c) => c.id),
    )
    .where('post_id', 'is', null)
    .returning('id')
    .execute()
  return deleted.map((d) => d.id)
}
