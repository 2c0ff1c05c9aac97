import pg from 'pg'

export interface Listener {
  close(): Promise<void>
}

/** How a LISTEN connection proves it is alive, and how soon it comes back. */
export interface ListenTuning {
  /** How often the connection is asked a trivial query. Also bounds how long a silent connection goes unnoticed. */
  heartbeatMs?: number
  /** How long a heartbeat, a connect or a LISTEN may take before the connection counts as lost. */
  timeoutMs?: number
  /** Delay before reconnecting after a lost connection. */
  retryMs?: number
}

export const LISTEN_DEFAULTS: Required<ListenTuning> = { heartbeatMs: 1000, timeoutMs: 2000, retryMs: 1000 }

export interface ListenOptions extends ListenTuning {
  connectionString: string
  /** Channel -> handler, called with the payload of each notification on the channel. */
  channels: Readonly<Record<string, (payload: string) => void>>
  /**
   * Called once when the connection is lost: closed by the server, failed, or silent past `timeoutMs` (a NAT or
   * firewall that drops an idle connection without closing it, a failover). Notifications sent from then on
   * are gone, so whoever relies on them must stop trusting what they hold.
   */
  onLost?: () => void
  /** Called once LISTEN is established again: notifications committed from then on arrive. */
  onRestored?: () => void
  onError?: (err: Error) => void
}

/** Shown in pg_stat_activity, so an operator (or a test) can tell the LISTEN connection from the pool's. */
export const LISTEN_APPLICATION_NAME = 'wellspring-listen'

/**
 * LISTENs on PostgreSQL channels over one connection of its own (a pooled connection cannot hold a LISTEN),
 * reconnecting until closed. A connection that closes is noticed at once; one that only goes quiet is noticed
 * by its heartbeat: a `select 1` every `heartbeatMs` that must answer within `timeoutMs`. PostgreSQL sends a
 * session's pending notifications before it answers a query, so an answered heartbeat also proves that every
 * notification committed before it was sent has arrived.
 */
export async function listenToChannel(options: ListenOptions): Promise<Listener> {
  const { heartbeatMs, timeoutMs, retryMs } = { ...LISTEN_DEFAULTS, ...dropUndefined(options) }
  let closed = false
  /** Whether LISTEN is established: onLost and onRestored fire on its changes only. */
  let up = false
  let client: pg.Client | undefined
  let heartbeat: NodeJS.Timeout | undefined
  let retry: NodeJS.Timeout | undefined
  const channels = Object.keys(options.channels)
  const report = (err: unknown): void => options.onError?.(err instanceof Error ? err : new Error(String(err)))

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString: options.connectionString,
      application_name: LISTEN_APPLICATION_NAME,
      connectionTimeoutMillis: timeoutMs,
      // The heartbeat is what notices a silent peer; TCP keepalive also keeps idle-dropping middleboxes open.
      keepAlive: true,
      keepAliveInitialDelayMillis: heartbeatMs,
    })
    c.on('notification', (msg) => {
      if (client === c) options.channels[msg.channel]?.(msg.payload ?? '')
    })
    c.on('error', (err) => {
      report(err)
      lost(c)
    })
    c.on('end', () => lost(c))
    client = c
    await c.connect()
    // The identifiers are ours (constants), not user input.
    for (const channel of channels) await withDeadline(c.query(`LISTEN ${channel}`), timeoutMs, 'LISTEN')
    if (client !== c) throw new Error('the LISTEN connection was lost while it started')
    startHeartbeat(c)
    return c
  }

  const startHeartbeat = (c: pg.Client): void => {
    let pending = false
    heartbeat = setInterval(() => {
      if (pending || client !== c) return
      pending = true
      withDeadline(c.query('select 1'), timeoutMs, 'heartbeat').then(
        () => {
          pending = false
        },
        (err: unknown) => {
          if (client !== c) return
          report(err)
          lost(c)
        },
      )
    }, heartbeatMs)
    heartbeat.unref()
  }

  const lost = (c: pg.Client): void => {
    if (client !== c) return
    client = undefined
    clearInterval(heartbeat)
    heartbeat = undefined
    // A silent connection would never finish a polite end(): drop the socket.
    c.connection.stream.destroy()
    c.end().catch(() => undefined)
    if (closed) return
    if (up) {
      up = false
      options.onLost?.()
    }
    scheduleRetry()
  }

  const scheduleRetry = (): void => {
    if (closed || retry) return
    retry = setTimeout(reconnect, retryMs)
    retry.unref()
  }

  const reconnect = (): void => {
    retry = undefined
    if (closed) return
    connect().then(
      (c) => {
        // Lost again before this turn: lost() has already scheduled the next try.
        if (closed || client !== c) return
        up = true
        options.onRestored?.()
      },
      (err: unknown) => {
        report(err)
        const c = client
        client = undefined
        clearInterval(heartbeat)
        if (c) {
          c.connection.stream.destroy()
          c.end().catch(() => undefined)
        }
        scheduleRetry()
      },
    )
  }

  const close = async (): Promise<void> => {
    closed = true
    clearTimeout(retry)
    clearInterval(heartbeat)
    const c = client
    client = undefined
    if (c) await withDeadline(c.end(), timeoutMs, 'close').catch(() => c.connection.stream.destroy())
  }
  try {
    await connect()
    up = true
  } catch (err) {
    // Nothing listens yet, so there is nothing to retry for: the caller learns that it cannot start.
    await close()
    throw err
  }
  return { close }
}

/**
 * `work`, or a rejection once `ms` have passed without it. The rejection waits one more turn of the event loop
 * (setImmediate runs after pending I/O): if this process was busy when the timer fell due, an answer already
 * in the socket is read first and wins, so a blocked event loop is not mistaken for a silent connection.
 */
function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return
        settled = true
        reject(new Error(`${what} on the LISTEN connection had no answer within ${ms} ms`))
      })
    }, ms)
    work.then(
      (value) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(value)
      },
      (err: unknown) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        reject(err instanceof Error ? err : new Error(String(err)))
      },
    )
  })
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
