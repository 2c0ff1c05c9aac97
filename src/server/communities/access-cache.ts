import { ANY_WRITE, CacheSlot, KeyedCache, type KeyedCacheOptions } from '../platform/db/write-invalidated.js'
import type { CommunityRow, MembershipRow } from './store.js'

/** A community and the viewer's membership of it (undefined when they are not a member). */
export interface CommunityAccess {
  row: Readonly<CommunityRow>
  membership: Readonly<MembershipRow> | undefined
}

/**
 * What loadCommunity reads before every community page and post list: the community by slug and the viewer's
 * membership, by (slug, person). Both come from the community and membership tables, so any write to either
 * drops the cache (WriteInvalidatedCache); on PostgreSQL migration 0016's triggers tell the other nodes. The
 * TTL (60 s) bounds writes neither can see. Only communities the viewer may see are kept.
 */
export class CommunityAccessCache extends KeyedCache<CommunityAccess> {
  constructor(options: Partial<KeyedCacheOptions> = {}) {
    super({ community: ANY_WRITE, membership: ANY_WRITE }, { ttlMs: 60_000, maxEntries: 100_000, ...options })
  }
}

/** The community access cache of a database handle (app.ts attaches it; loadCommunity reads through it). */
export const communityAccessCaches = new CacheSlot<CommunityAccessCache>()
