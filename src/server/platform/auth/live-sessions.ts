import type { Db } from '../db/dialect.js'
import { ANY_WRITE, TableWatch, type CacheInvalidation, type WriteKind } from '../db/write-invalidated.js'
import { nowIso } from '../time.js'
import { findLiveSessions } from './store.js'
import type { ActivePeopleFilter } from './viewer.js'

/** Writes that can end a session: logout, the sweep, password reset (session); erasure, deactivation (person). */
const WATCHED: Record<string, ReadonlySet<WriteKind>> = {
  session: new Set<WriteKind>(['DeleteQueryNode', 'UpdateQueryNode']),
  person: ANY_WRITE,
}

interface Held {
  expiresAt: number
  ends: Set<() => void>
}

/**
 * Ties long-lived responses (live notification streams) to the session that opened them: a request checks its
 * session when it starts, but a stream lives for many minutes, so each holder's `onEnd` is called as soon as
 * its session ends (logout, expiry, erasure, deactivation, a password reset that ends sessions), on any node.
 *
 * A TableWatch on session and person hears every write that can end one, from this node (the Kysely plugin)
 * and from others (migration 0016's NOTIFY), and the held sessions are then read again in one query. Expiry
 * needs no write: a timer ends sessions whose time is up. While other nodes' writes cannot be heard (the watch
 * is bypassed), the sessions are read again on every tick and before every delivery.
 */
export class SessionGuard {
  private readonly watch: TableWatch
  private readonly held = new Map<string, Held>()
  /** The watch's generation at the start of the last completed check. */
  private checkedAt = -1
  private checking: Promise<void> | undefined
  private again = false
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly db: Db,
    caches: CacheInvalidation,
    /** Which people may still act: a session of anyone else has ended (the people domain gives it). */
    private readonly activePeople: ActivePeopleFilter,
    private readonly tickMs = 1000,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.watch = new TableWatch(WATCHED, () => {
      this.check().catch(this.onError)
    })
    caches.register(this.watch)
  }

  /**
   * Holds `sessionId` for a response: `onEnd` runs once when the session ends. Returns the release to call when
   * the response ends first, or undefined when the session is not live now (then `onEnd` is never called).
   */
  async hold(sessionId: string, onEnd: () => void): Promise<(() => void) | undefined> {
    const generation = this.watch.generation
    const [row] = await this.liveSessions([sessionId])
    if (!row) return undefined
    let entry = this.held.get(sessionId)
    if (!entry) this.held.set(sessionId, (entry = { expiresAt: Date.parse(row.expires_at), ends: new Set() }))
    entry.ends.add(onEnd)
    this.startTimer()
    // A write that landed while the session was read was checked without it: check again.
    if (this.watch.changedSince(generation)) this.check().catch(this.onError)
    return () => {
      const e = this.held.get(sessionId)
      if (!e?.ends.delete(onEnd) || e.ends.size > 0) return
      this.held.delete(sessionId)
      if (this.held.size === 0) this.stopTimer()
    }
  }

  /** Resolves once every session that ended before this call has had its holders told: call before delivering. */
  async ensure(): Promise<void> {
    this.endExpired()
    if (this.watch.changedSince(this.checkedAt)) await this.check()
  }

  /** Stops the timer (on shutdown); holders are ended by their owner. */
  close(): void {
    this.stopTimer()
    this.held.clear()
  }

  /** Reads the held sessions again; coalesced, and run once more if something changed while it ran. */
  private check(): Promise<void> {
    if (this.checking) {
      this.again = true
      return this.checking
    }
    this.checking = this.read().finally(() => {
      this.checking = undefined
      if (this.again) {
        this.again = false
        this.check().catch(this.onError)
      }
    })
    return this.checking
  }

  private async read(): Promise<void> {
    const generation = this.watch.generation
    if (this.held.size > 0) {
      const live = new Map((await this.liveSessions([...this.held.keys()])).map((r) => [r.id, r.expires_at]))
      for (const [id, entry] of [...this.held]) {
        const expiresAt = live.get(id)
        if (expiresAt === undefined) this.end(id)
        else entry.expiresAt = Date.parse(expiresAt)
      }
    }
    this.checkedAt = generation
  }

  /** The sessions among `ids` that have not expired and whose person may still act. */
  private async liveSessions(ids: string[]): Promise<{ id: string; expires_at: string }[]> {
    const sessions = await findLiveSessions(this.db, ids, nowIso())
    const active = await this.activePeople(this.db, [...new Set(sessions.map((s) => s.person_id))])
    return sessions.filter((s) => active.has(s.person_id))
  }

  private endExpired(): void {
    const now = Date.now()
    for (const [id, entry] of [...this.held]) if (entry.expiresAt <= now) this.end(id)
  }

  private end(sessionId: string): void {
    const entry = this.held.get(sessionId)
    if (!entry) return
    this.held.delete(sessionId)
    for (const onEnd of entry.ends) onEnd()
    if (this.held.size === 0) this.stopTimer()
  }

  private startTimer(): void {
    if (this.timer) return
    this.timer = setInterval(() => {
      this.endExpired()
      if (this.watch.bypassed) this.check().catch(this.onError)
    }, this.tickMs)
    this.timer.unref()
  }

  private stopTimer(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }
}
