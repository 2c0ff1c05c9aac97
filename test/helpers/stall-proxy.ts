import net from 'node:net'

/**
 * A TCP proxy on loopback in front of PostgreSQL that can go silent the way a NAT or firewall does when it
 * drops an idle connection: bytes stop flowing both ways, and neither end is told. Only connections that have
 * sent a LISTEN are stalled, so an app node's pool keeps working through the proxy while its notification
 * connection dies quietly.
 */
export interface StallProxy {
  /** `databaseUrl` with the proxy as host and port. */
  url: string
  /** Stalls every open connection that has sent a LISTEN; returns how many. Connections made later flow. */
  stallListeners(): number
  /** The proxy's local ports towards PostgreSQL of the open LISTEN connections (pg_stat_activity.client_port). */
  listenerPorts(): number[]
  close(): Promise<void>
}

interface Pair {
  client: net.Socket
  upstream: net.Socket
  listens: boolean
  stalled: boolean
}

/** Starts a stall proxy for the PostgreSQL server of `databaseUrl`. */
export async function startStallProxy(databaseUrl: string): Promise<StallProxy> {
  const target = new URL(databaseUrl)
  const pairs = new Set<Pair>()
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname)
    const pair: Pair = { client, upstream, listens: false, stalled: false }
    pairs.add(pair)
    client.on('data', (chunk) => {
      if (chunk.includes('LISTEN ')) pair.listens = true
      if (!pair.stalled) upstream.write(chunk)
    })
    upstream.on('data', (chunk) => {
      if (!pair.stalled) client.write(chunk)
    })
    const drop = () => {
      pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', drop)
    upstream.on('close', drop)
    client.on('error', drop)
    upstream.on('error', drop)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = new URL(databaseUrl)
  url.hostname = '127.0.0.1'
  url.port = String((server.address() as net.AddressInfo).port)
  return {
    url: url.toString(),
    stallListeners() {
      let n = 0
      for (const pair of pairs)
        if (pair.listens && !pair.stalled) {
          pair.stalled = true
          n++
        }
      return n
    },
    listenerPorts: () => [...pairs].filter((p) => p.listens && !p.stalled).map((p) => p.upstream.localPort ?? 0),
    async close() {
      for (const pair of pairs) {
        pair.client.destroy()
        pair.upstream.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
