import type { Db } from '../platform/db/dialect.js'
import { ANY_WRITE, WriteInvalidatedCache } from '../platform/db/write-invalidated.js'
import type { Person } from '../../shared/schemas.js'

export interface ProfileCacheOptions {
  /**
   * How long a profile is served without reading it again: only a bound on writes the cache cannot see (the
   * app's own writes drop it at once). Longer than the viewer cache's 10 s, as a stale profile shows an old
   * title for a minute where a stale session would let someone in.
   */
  ttlMs?: number
  maxEntries?: number
}

/** A profile as any other member sees it, and the one field only its owner and admins see. */
export interface ProfileView {
  others: Readonly<Person>
  analyticsOptOut: boolean
}

interface Entry {
  view: ProfileView
  validUntil: number
}

/**
 * Profiles (a person with their manager's summary and report count) by person id, as getPerson makes them
 * from the profile row. The profile is the most read page of the people domain and changes rarely, so reads
 * are served from memory.
 *
 * Everything in a profile row comes from the person table: the cache is dropped whole after any write to it
 * (WriteInvalidatedCache) and, on PostgreSQL, when migration 0008's person trigger NOTIFYs the other nodes
 * (app.ts drops it with the viewer cache). The TTL bounds what neither can see (a script writing the SQLite
 * file from another process, raw SQL). Reads inside a transaction never use it: a transaction is a different
 * handle from the one the cache is attached to, and it may read its own uncommitted writes.
 *
 * maxEntries bounds memory (a profile is 1-2 kB): the oldest fill goes first. An organisation larger than that
 * keeps its most recently read profiles.
 */
export class ProfileCache extends WriteInvalidatedCache {
  readonly ttlMs: number
  readonly maxEntries: number
  private readonly entries = new Map<string, Entry>()

  constructor(options: ProfileCacheOptions = {}) {
    super({ person: ANY_WRITE })
    this.ttlMs = options.ttlMs ?? 60_000
    this.maxEntries = options.maxEntries ?? 50_000
  }

  get(id: string, nowMs: number): ProfileView | undefined {
    const entry = this.entries.get(id)
    if (!entry) return undefined
    if (nowMs < entry.validUntil) return entry.view
    this.entries.delete(id)
    return undefined
  }

  /** Keeps a profile read while the cache was at `generation`, unless something was written since. */
  set(id: string, view: ProfileView, generation: number, nowMs: number): void {
    if (generation !== this.generation) return
    this.entries.delete(id)
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(id, { view, validUntil: nowMs + this.ttlMs })
  }

  protected dropEntries(): void {
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}

const attached = new WeakMap<Db, ProfileCache>()

/** Serves `db`'s profile reads from `cache`; `cache` must also be one of `db`'s plugins. */
export function attachProfileCache(db: Db, cache: ProfileCache): void {
  attached.set(db, cache)
}

/** The cache serving `db`'s profile reads, if any (never for a transaction). */
export function profileCacheOf(db: Db): ProfileCache | undefined {
  return attached.get(db)
}
