import type { Db } from '../platform/db/dialect.js'
import { bumpImportedPostCount, bumpPostCount } from './store.js'

// A community's counters of posts and activity belong to communities; the knowledge domain, which writes the
// posts, moves them through these functions in the same transaction.

/**
 * A post was written (`postDelta` 1) or deleted (-1) in the community at `at`: its post count moves by an
 * increment and its last activity forward. Call it as the last write of the post's transaction (post rows
 * first, the community row last: one lock order for every path, see bumpPostCount).
 */
export async function recordCommunityActivity(db: Db, communityId: string, at: string, postDelta: number): Promise<void> {
  await bumpPostCount(db, communityId, at, postDelta)
}

/** A batch of `count` imported posts, the latest active at `latest`, was written in the batch's transaction. */
export async function recordImportedPosts(db: Db, communityId: string, count: number, latest: string): Promise<void> {
  if (count > 0) await bumpImportedPostCount(db, communityId, count, latest)
}
