import type { ThreadMine } from '../../shared/knowledge.js'
import { ANY_WRITE, CacheSlot, KeyedCache, type KeyedCacheOptions } from '../platform/db/write-invalidated.js'

/** A thread as every reader without rights in it sees it, and what is needed to make it personal. */
export interface CachedThread {
  /** The thread's community: the viewer's access to it is checked on every read, before anything is sent. */
  communityId: string
  communitySlug: string
  /** The thread as the route's own serializer wrote it for a reader who may not edit or accept anything. */
  json: Buffer
  /**
   * `json` without its last member, `"mine":{…}}` (an empty one): a viewer who thanked or voted in the thread
   * gets this head with their own `mine` after it. Undefined if the serializer did not put `mine` last.
   */
  head: Buffer | undefined
  /** Author of every post shown (anonymous ones included): their authors see edit rights, so no shared JSON. */
  authors: ReadonlyMap<number, string | null>
  /** What each person who thanked, learned or voted in the thread did there (Thread.mine), by person id. */
  mine: ReadonlyMap<string, ThreadMine>
}

/**
 * Threads (`GET /api/posts/:id`) by the id asked for, as JSON for readers with no rights in them (most readers:
 * not an author of a post shown, not a steward of the community, not an admin); others get the same thread with
 * their rights set (thread-reads.ts). Access is never part of an entry: the route checks that the viewer may read
 * the community before it sends one.
 *
 * A thread shows posts (the thread, duplicate and series titles, counts, scores), thanks, adoptions, people
 * (authors and adopters), communities (names), media, duplicate links and each viewer's own votes, so any write
 * to one of those tables drops every thread; on PostgreSQL migrations 0016, 0017 and 0029 put a trigger on
 * each, so other nodes hear of it.
 * The TTL (60 s) bounds writes neither can see.
 */
export class ThreadCache extends KeyedCache<CachedThread> {
  constructor(options: Partial<KeyedCacheOptions> = {}) {
    super(
      {
        post: ANY_WRITE,
        thanks: ANY_WRITE,
        adoption: ANY_WRITE,
        person: ANY_WRITE,
        community: ANY_WRITE,
        media: ANY_WRITE,
        post_link: ANY_WRITE,
        post_vote: ANY_WRITE,
      },
      // A thread's JSON is a few kB (a question with a handful of answers): 10,000 threads stay near 50 MB.
      { ttlMs: 60_000, maxEntries: 10_000, ...options },
    )
  }
}

/** The thread cache of a database handle (app.ts attaches it; getThreadJson reads through it). */
export const threadCaches = new CacheSlot<ThreadCache>()
