import type { Db } from '../platform/db/dialect.js'
import { BadRequestError } from '../platform/errors.js'

/** Links uploaded media (owned by the author, not yet attached) to a new post. */
export async function attachMedia(db: Db, ownerId: string, postId: number, mediaIds: string[]): Promise<void> {
  const rows = await db.selectFrom('media').select(['id', 'owner_id', 'post_id']).where('id', 'in', mediaIds).execute()
  if (rows.length !== new Set(mediaIds).size || rows.some((r) => r.owner_id !== ownerId || r.post_id !== null)) {
    throw new BadRequestError('bad_media', 'attach only media you uploaded and have not attached yet')
  }
  await db.updateTable('media').set({ post_id: postId }).where('id', 'in', mediaIds).execute()
}
