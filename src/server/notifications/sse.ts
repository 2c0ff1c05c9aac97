import type { ServerResponse } from 'node:http'
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify'
import type { Notification } from '../../shared/notifications.js'
import type { SessionGuard } from '../platform/auth/live-sessions.js'
import type { Db } from '../platform/db/dialect.js'
import { UnauthorizedError } from '../platform/errors.js'
import { findNotificationsAfter, findNotificationsSince, type NotificationRow } from './store.js'

export interface LiveOptions {
  /** How often to look in the database for notifications other app nodes created. */
  pollMs: number
  /** How often to send a comment line, so proxies and browsers keep an idle stream open. */
  heartbeatMs: number
  /** How far back each poll looks: covers clock skew between nodes and transactions that commit late. */
  overlapMs: number
  /** A stream is closed after this long; the browser reconnects at once, which checks the session again. */
  maxLifetimeMs: number
  /** Open streams per person (tabs); the oldest is closed beyond this. */
  maxPerPerson: number
}

export const LIVE_DEFAULTS: LiveOptions = {
  pollMs: 3_000,
  heartbeatMs: 15_000,
  overlapMs: 30_000,
  maxLifetimeMs: 30 * 60_000,
  maxPerPerson: 8,
}

/** Beyond this much unsent output, a client is not reading: drop it rather than buffer without end. */
const MAX_BUFFERED = 1 << 20

interface Connection {
  personId: string
  res: ServerResponse
  /** Only notifications created at or after this are sent (earlier ones are in the list the client fetched). */
  since: string
  /** Ids already sent, with their created_at, so the poll and the in-process path never send one twice. */
  seen: Map<string, string>
  openedAt: number
  /** Lets go of the stream's session (SessionGuard.hold). */
  release: () => void
}

/** `created_at|id`: the SSE event id, which a reconnecting browser sends back as Last-Event-ID. */
export function streamPosition(row: Pick<NotificationRow, 'created_at' | 'id'>): string {
  return `${row.created_at}|${row.id}`
}

function parsePosition(value: string | undefined): { at: string; id: string } | undefined {
  if (!value) return undefined
  const bar = value.indexOf('|')
  if (bar <= 0) return undefined
  const at = value.slice(0, bar)
  const id = value.slice(bar + 1)
  return Number.isNaN(Date.parse(at)) || !id ? undefined : { at, id }
}

/**
 * Live delivery over server-sent events. Notifications created in this process are pushed at once; those
 * created by other app nodes are found by one database poll per node every few seconds, for all the people
 * connected to it. Nothing here must be shared between nodes: the database is the meeting point. A stream
 * ends when the session that opened it ends, on whichever node that happens (SessionGuard), and nothing is
 * sent before the guard has caught up with the writes that could have ended one.
 */
export class LiveHub {
  private readonly byPerson = new Map<string, Set<Connection>>()
  private pollTimer: NodeJS.Timeout | undefined
  private heartbeatTimer: NodeJS.Timeout | undefined
  private polling = false
  private closed = false

  constructor(
    private readonly db: Db,
    private readonly render: (rows: NotificationRow[]) => Promise<Notification[]>,
    private readonly log: FastifyBaseLogger,
    private readonly sessions: SessionGuard,
    private readonly options: LiveOptions = LIVE_DEFAULTS,
  ) {}

  /** How many streams are open (for tests and health). */
  get size(): number {
    let n = 0
    for (const set of this.byPerson.values()) n += set.size
    return n
  }

  /**
   * Takes over the response and keeps it open as an event stream. Security headers already set on the reply
   * are kept. A Last-Event-ID header replays what was missed while the browser reconnected. The stream lasts
   * no longer than the session `sessionId`; one that has already ended is refused (401). `unreadCount` is
   * read after the stream has taken note of what is already there, so that a notification made while the
   * stream opens is either in that count and known to the stream, or sent on it (never neither).
   */
  async open(
    req: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    sessionId: string,
    unreadCount: () => Promise<number>,
  ): Promise<void> {
    const header = req.headers['last-event-id']
    const resumeFrom = parsePosition(typeof header === 'string' ? header : undefined)
    const seen = new Map<string, string>()
    let since = resumeFrom?.at
    if (!since) {
      // Not "now": a notification stamped a moment ago may commit only after the count below is read. The
      // window looks back like a poll does; what is already visible in it counts as seen, and anything that
      // commits later in it is sent (by the next poll if it was made while this stream was not yet listed).
      since = new Date(Date.now() - this.options.overlapMs).toISOString()
      for (const row of await findNotificationsSince(this.db, [personId], since)) seen.set(row.id, row.created_at)
    }
    const count = await unreadCount()
    const conn: Connection = { personId, res: reply.raw, since, seen, openedAt: Date.now(), release: () => undefined }
    let added = false
    let sessionEnded = false
    const release = await this.sessions.hold(sessionId, () => {
      sessionEnded = true
      if (added) this.end(conn)
    })
    // The session may also have ended in the turns since hold read it.
    if (!release || sessionEnded) throw new UnauthorizedError()
    conn.release = release
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise hold events back in their buffers.
      'x-accel-buffering': 'no',
    })
    if (this.closed) {
      release()
      res.end()
      return
    }
    this.add(conn)
    added = true
    // The response's 'close' fires when the client goes away (or we end it); the request's may fire earlier.
    res.on('close', () => this.remove(conn))
    res.on('error', () => this.remove(conn))
    this.write(conn, `retry: 3000\nevent: ready\ndata: ${JSON.stringify({ unreadCount: count })}\n\n`)
    if (resumeFrom) {
      const missed = await findNotificationsAfter(this.db, personId, resumeFrom, 100)
      await this.sendRows(missed)
    }
  }

  /** Pushes notifications this process just created to their people's open streams. */
  async deliver(rows: NotificationRow[]): Promise<void> {
    const wanted = rows.filter((r) => this.byPerson.has(r.person_id))
    if (wanted.length) await this.sendRows(wanted)
  }

  /** Ends every stream (on shutdown), so the server can close. */
  close(): void {
    this.closed = true
    this.sessions.close()
    for (const set of this.byPerson.values()) for (const conn of set) conn.res.end()
    this.byPerson.clear()
    this.stopTimers()
  }

  private add(conn: Connection): void {
    let set = this.byPerson.get(conn.personId)
    if (!set) this.byPerson.set(conn.personId, (set = new Set()))
    set.add(conn)
    if (set.size > this.options.maxPerPerson) {
      const oldest = [...set].sort((a, b) => a.openedAt - b.openedAt)[0]
      if (oldest) this.end(oldest)
    }
    this.startTimers()
  }

  private remove(conn: Connection): void {
    const set = this.byPerson.get(conn.personId)
    if (!set?.delete(conn)) return
    conn.release()
    if (set.size === 0) this.byPerson.delete(conn.personId)
    if (this.byPerson.size === 0) this.stopTimers()
  }

  private end(conn: Connection): void {
    this.remove(conn)
    conn.res.end()
  }

  private write(conn: Connection, chunk: string): void {
    if (conn.res.writableEnded || conn.res.destroyed) return this.remove(conn)
    conn.res.write(chunk)
    if (conn.res.writableLength > MAX_BUFFERED) {
      this.log.warn({ personId: conn.personId }, 'notification stream not read; closing it')
      this.remove(conn)
      conn.res.destroy()
    }
  }

  private async sendRows(rows: NotificationRow[]): Promise<void> {
    // Streams whose session ended are closed first, so nothing reaches someone who logged out.
    await this.sessions.ensure()
    const items = await this.render(rows)
    const byId = new Map(items.map((item) => [item.id, item]))
    for (const row of rows) {
      const item = byId.get(row.id)
      const conns = this.byPerson.get(row.person_id)
      if (!item || !conns) continue
      for (const conn of conns) {
        if (row.created_at < conn.since || conn.seen.has(row.id)) continue
        conn.seen.set(row.id, row.created_at)
        this.write(conn, `id: ${streamPosition(row)}\nevent: notification\ndata: ${JSON.stringify(item)}\n\n`)
      }
    }
  }

  private startTimers(): void {
    if (this.pollTimer || this.closed) return
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs)
    this.pollTimer.unref()
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.options.heartbeatMs)
    this.heartbeatTimer.unref()
  }

  private stopTimers(): void {
    clearInterval(this.pollTimer)
    clearInterval(this.heartbeatTimer)
    this.pollTimer = undefined
    this.heartbeatTimer = undefined
  }

  private heartbeat(): void {
    const now = Date.now()
    for (const set of [...this.byPerson.values()]) {
      for (const conn of [...set]) {
        if (now - conn.openedAt > this.options.maxLifetimeMs) this.end(conn)
        else this.write(conn, `: ping\n\n`)
      }
    }
  }

  /** Finds notifications other nodes created for the people connected here. */
  private async poll(): Promise<void> {
    if (this.polling || this.byPerson.size === 0) return
    this.polling = true
    try {
      const since = new Date(Date.now() - this.options.overlapMs).toISOString()
      const rows = await findNotificationsSince(this.db, [...this.byPerson.keys()], since)
      const fresh = rows.filter((r) =>
        [...(this.byPerson.get(r.person_id) ?? [])].some((c) => !c.seen.has(r.id) && r.created_at >= c.since),
      )
      if (fresh.length) await this.sendRows(fresh)
      // Ids older than two windows can no longer come back from a poll; forget them.
      const forget = new Date(Date.now() - 2 * this.options.overlapMs).toISOString()
      for (const set of this.byPerson.values())
        for (const conn of set) for (const [id, at] of conn.seen) if (at < forget) conn.seen.delete(id)
    } catch (err) {
      if (!this.closed) this.log.warn({ err }, 'notification stream poll failed')
    } finally {
      this.polling = false
    }
  }
}
