import { ANY_WRITE, CacheSlot, KeyedCache, type KeyedCacheOptions } from '../platform/db/write-invalidated.js'

/**
 * Pages of community feeds, as the UTF-8 JSON the route sends (encoded once, not on every send), by community
 * and query. A page is the same for every viewer who may read the community (post summaries carry nothing of
 * the viewer's), and the route checks that the viewer may read it before it looks here. Everything on a page
 * comes from the post, thanks, adoption, person (authors) and community tables, so any write to one of them
 * drops every page; on PostgreSQL migration 0016's triggers tell the other nodes. The TTL (60 s) bounds
 * writes neither can see.
 */
export class FeedCache extends KeyedCache<Buffer> {
  constructor(options: Partial<KeyedCacheOptions> = {}) {
    super(
      { post: ANY_WRITE, thanks: ANY_WRITE, adoption: ANY_WRITE, person: ANY_WRITE, community: ANY_WRITE },
      // A first page is ~15 kB of JSON: 2,000 pages stay under ~30 MB.
      { ttlMs: 60_000, maxEntries: 2_000, ...options },
    )
  }
}

/** The feed cache of a database handle (app.ts attaches it; getFeedJson reads through it). */
export const feedCaches = new CacheSlot<FeedCache>()
