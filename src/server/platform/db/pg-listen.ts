import pg from 'pg'

export interface Listener {
  close(): Promise<void>
}

export interface ListenOptions {
  connectionString: string
  channel: string
  /**
   * Called for each notification, and also when the connection is lost or comes back: notifications sent
   * while it was down are gone, so the subscriber must assume anything changed.
   */
  onNotify: () => void
  onError?: (err: Error) => void
  /** Delay before reconnecting after a lost connection. */
  retryMs?: number
}

/**
 * LISTENs on a PostgreSQL channel over a connection of its own (a pooled connection cannot hold a LISTEN),
 * reconnecting until closed.
 */
export async function listenToChannel(options: ListenOptions): Promise<Listener> {
  let closed = false
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  const retryMs = options.retryMs ?? 1000

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: options.connectionString })
    c.on('notification', (msg) => {
      if (msg.channel === options.channel) options.onNotify()
    })
    c.on('error', (err) => {
      options.onError?.(err)
      lost(c)
    })
    c.on('end', () => lost(c))
    client = c
    await c.connect()
    // The identifier is ours (a constant), not user input.
    await c.query(`LISTEN ${options.channel}`)
  }

  const lost = (c: pg.Client): void => {
    if (client !== c) return
    client = undefined
    options.onNotify()
    c.end().catch(() => undefined)
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
    connect()
      .then(() => options.onNotify())
      .catch((err: unknown) => {
        options.onError?.(err instanceof Error ? err : new Error(String(err)))
        if (client) lost(client)
        else scheduleRetry()
      })
  }

  const close = async (): Promise<void> => {
    closed = true
    if (retry) clearTimeout(retry)
    const c = client
    client = undefined
    if (c) await c.end().catch(() => undefined)
  }
  try {
    await connect()
  } catch (err) {
    // Nothing listens yet, so there is nothing to retry for: the caller learns that it cannot start.
    await close()
    throw err
  }
  return { close }
}
