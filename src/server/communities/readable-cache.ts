import { ANY_WRITE, CacheSlot, KeyedCache, type KeyedCacheOptions } from '../platform/db/write-invalidated.js'

/**
 * The ids of the communities whose content a person may read (open ones, and those they belong to), by person.
 * Every search asks first, and a search's budget is a few milliseconds. It comes from the community and
 * membership tables, so any write to either drops it whole; on PostgreSQL migration 0016's triggers tell the
 * other nodes. The TTL (60 s) bounds writes neither sees. An entry is a list of ids (a few kB at most).
 */
export class ReadableCommunitiesCache extends KeyedCache<readonly string[]> {
  constructor(options: Partial<KeyedCacheOptions> = {}) {
    super({ community: ANY_WRITE, membership: ANY_WRITE }, { ttlMs: 60_000, maxEntries: 20_000, ...options })
  }
}

/** The readable-communities cache of a database handle (app.ts attaches it; readableCommunityIds reads through it). */
export const readableCommunitiesCaches = new CacheSlot<ReadableCommunitiesCache>()
