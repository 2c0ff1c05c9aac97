import pg from 'pg'

export interface Listener {
  close(): Promise<void>
}

export interface ListenOptions {
  connectionString: string
  /**
   * Channel -> handler, called for each notification on the channel, and also (every handler) when the
   * connection is lost or comes back: notifications sent while it was down are gone, so each subscriber must
   * assume anything changed.
   */
  channels: Readonly<Record<string, () => void>>
  onError?: (err: Error) => void
  /** Delay before reconnecting after a lost connection. */
  retryMs?: number
}

/**
 * LISTENs on PostgreSQL channels over one connection of its own (a pooled connection cannot hold a LISTEN),
 * reconnecting until closed.
 */
export async function listenToChannel(options: ListenOptions): Promise<Listener> {
  let closed = false
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  const retryMs = options.retryMs ?? 1000
  const channels = Object.keys(options.channels)
  const notifyAll = (): void => {
    for (const handler of Object.values(options.channels)) handler()
  }

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: options.connectionString })
    c.on('notification', (msg) => {
      options.channels[msg.channel]?.()
    })
    c.on('error', (err) => {
      options.onError?.(err)
      lost(c)
    })
    c.on('end', () => lost(c))
    client = c
    await c.connect()
    // The identifier is ours (a constant), not user input.
    for (const channel of channels) await c.query(`LISTEN ${channel}`)
  }

  const lost = (c: pg.Client): void => {
    if (client !== c) return
    client = undefined
    notifyAll()
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
      .then(() => notifyAll())
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
