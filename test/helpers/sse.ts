export interface SseEvent {
  event: string
  id: string | undefined
  data: string
}

export interface Stream {
  status: number
  headers: Headers
  events: SseEvent[]
  /** The first event (already received or still to come) that matches, or a rejection after `timeoutMs`. */
  next(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  close(): void
}

/** Opens the notification stream with a real HTTP client and parses server-sent events as they arrive. */
export async function openStream(baseUrl: string, cookie: string, headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController()
  const res = await fetch(`${baseUrl}/api/notifications/stream`, { headers: { cookie, ...headers }, signal: abort.signal })
  const events: SseEvent[] = []
  const wake = new Set<() => void>()
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const ended = (async () => {
    let buffer = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event: SseEvent = { event: 'message', id: undefined, data: '' }
        let isEvent = false
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':')
          if (colon === 0) continue // a comment (heartbeat)
          const [field, value] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]
          if (field === 'event') event.event = value
          if (field === 'id') event.id = value
          if (field === 'data') event.data += value
          if (field === 'event' || field === 'data') isEvent = true
        }
        if (isEvent) events.push(event)
        for (const w of wake) w()
      }
    }
  })().catch(() => undefined)
  return {
    status: res.status,
    headers: res.headers,
    events,
    ended,
    close: () => abort.abort(),
    next(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match)
          if (!found) return false
          wake.delete(check)
          clearTimeout(timer)
          resolve(found)
          return true
        }
        const timer = setTimeout(() => {
          wake.delete(check)
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`))
        }, timeoutMs)
        if (!check()) wake.add(check)
      })
    },
  }
}
