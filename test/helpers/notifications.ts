import type { Notification } from '../../src/shared/notifications.js'
import type { Client } from './app.js'

/** Every notification a client can see, newest first (through the API, as the web app reads them). */
export async function notificationsOf(client: Client): Promise<Notification[]> {
  const res = await client.get('/api/notifications?limit=100')
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
  return res.json<{ items: Notification[] }>().items
}
