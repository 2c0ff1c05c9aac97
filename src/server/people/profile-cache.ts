import type { Person } from '../../shared/schemas.js'
import { ANY_WRITE, CacheSlot, KeyedCache, type KeyedCacheOptions } from '../platform/db/write-invalidated.js'

/** A profile as any other member sees it, and the one field only its owner and admins see. */
export interface ProfileView {
  others: Readonly<Person>
  analyticsOptOut: boolean
  /** `others` as the profile route's JSON, made on the first read that needs it. */
  othersJson?: Buffer
}

/**
 * Profiles (a person with their manager's summary and report count) by person id, as getPerson makes them
 * from the profile row. The profile is the most read page of the people domain and changes rarely, so reads
 * are served from memory.
 *
 * Everything in a profile row comes from the person table: the cache is dropped whole after any write to it
 * (WriteInvalidatedCache) and, on PostgreSQL, when migration 0016's person trigger NOTIFYs the other nodes.
 * The TTL (60 s by default; longer than the viewer cache's 10 s, as a stale profile shows an old title where a
 * stale session would let someone in) bounds what neither can see: a script writing the SQLite file from
 * another process, raw SQL. Reads inside a transaction never use it: a
 * transaction is a different handle from the one the cache is attached to, and it may read its own
 * uncommitted writes. maxEntries bounds memory (a profile is 1-2 kB).
 */
export class ProfileCache extends KeyedCache<ProfileView> {
  constructor(options: Partial<KeyedCacheOptions> = {}) {
    super({ person: ANY_WRITE }, { ttlMs: 60_000, maxEntries: 50_000, ...options })
  }
}

/** The profile cache of a database handle (app.ts attaches it; getPerson reads through it). */
export const profileCaches = new CacheSlot<ProfileCache>()
