import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { Notification, NotificationList, StreamReady } from '../../shared/notifications'
import { api } from './api'

export const UNREAD_KEY = ['notifications', 'unread'] as const

/** The number of unread notifications; kept current by the live stream. */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async ({ signal }) => (await api<NotificationList>('/api/notifications?limit=1', { signal })).unreadCount,
    staleTime: 60_000,
  })
}

const MAX_BACKOFF_MS = 30_000

/**
 * Listens to GET /api/notifications/stream (server-sent events). `ready` brings the unread count; each
 * `notification` refreshes the count and the lists, and is returned so it can be announced. The browser
 * reconnects by itself after a dropped connection (resuming with Last-Event-ID); when the server refuses the
 * stream (the browser then gives up) we open a new one after a growing pause.
 */
export function useNotificationStream(): Notification | null {
  const client = useQueryClient()
  const [latest, setLatest] = useState<Notification | null>(null)
  useEffect(() => {
    let source: EventSource | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let backoff = 1_000
    let stopped = false

    function connect() {
      source = new EventSource('/api/notifications/stream', { withCredentials: true })
      source.addEventListener('ready', (event) => {
        backoff = 1_000
        const ready = JSON.parse((event as MessageEvent<string>).data) as StreamReady
        // A count fetch already on its way was read before this one and would overwrite it when it lands.
        void client.cancelQueries({ queryKey: UNREAD_KEY }).then(() => client.setQueryData(UNREAD_KEY, ready.unreadCount))
      })
      source.addEventListener('notification', (event) => {
        const item = JSON.parse((event as MessageEvent<string>).data) as Notification
        setLatest(item)
        // Counting on the server, not here: a resumed stream may replay what the count already includes.
        void client.invalidateQueries({ queryKey: ['notifications'] })
        // What it is about changed too (a thread, a community's home, a learned-from page).
        void client.invalidateQueries({ predicate: (q) => ['thread', 'community', 'learned-from'].includes(String(q.queryKey[0])) })
      })
      source.onerror = () => {
        if (!source || source.readyState !== EventSource.CLOSED || stopped) return
        source = null
        timer = setTimeout(connect, backoff)
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
      }
    }

    connect()
    return () => {
      stopped = true
      clearTimeout(timer)
      source?.close()
    }
  }, [client])
  return latest
}
