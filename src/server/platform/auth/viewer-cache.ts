import { ANY_WRITE, KeyedCache, type WriteKind } from '../db/write-invalidated.js'
import type { Viewer } from './viewer.js'

/**
 * Writes to these tables can end a session or change who its viewer is: logout and the session sweep
 * (session), and password change, deactivation, erasure, role, name and manager changes (person; a new or moved
 * report makes their manager a manager). A session insert changes no cached viewer.
 */
const WATCHED: Record<string, ReadonlySet<WriteKind>> = {
  session: new Set<WriteKind>(['DeleteQueryNode', 'UpdateQueryNode']),
  person: ANY_WRITE,
}

export interface CachedSession {
  viewer: Viewer
  /** The token's hash, the session's id in the database. */
  sessionId: string
}

export interface ViewerCacheOptions {
  /** How long a validated session is trusted without asking the database again. */
  ttlMs?: number
  maxEntries?: number
}

/**
 * Validated sessions (session token -> viewer and session id), so an authenticated request skips the session
 * query and hashing its token. Tokens are held only in this process's memory, as they are while a request
 * runs; the database keeps their hashes.
 *
 * Correctness does not rest on the TTL alone: the whole cache is dropped once any statement that deletes or
 * updates a session, or writes a person, has run (logout, password change, role change, deactivation and
 * erasure are all such writes, and they are rare next to reads; see WriteInvalidatedCache). On PostgreSQL
 * another connection can re-read the old rows before the commit, and other app nodes have their own caches,
 * so triggers (migration 0016) NOTIFY every node after the commit and each drops its cache again. While the
 * LISTEN connection is lost (closed, or silent past its heartbeat), the cache is bypassed until it is back.
 * Entries also stop at the session's own expiry. The cached viewer is shared between requests and frozen.
 */
export class ViewerCache extends KeyedCache<CachedSession> {
  constructor(options: ViewerCacheOptions = {}) {
    super(WATCHED, { ttlMs: options.ttlMs ?? 10_000, maxEntries: options.maxEntries ?? 10_000 })
  }

  /** Keeps a viewer read from the database while the cache was at `generation`, unless it changed since. */
  setViewer(token: string, sessionId: string, viewer: Viewer, sessionExpiresAt: string, generation: number, nowMs: number): Viewer {
    const frozen = Object.freeze(viewer)
    this.set(token, { viewer: frozen, sessionId }, generation, nowMs, Date.parse(sessionExpiresAt))
    return frozen
  }
}
