import type { Notification } from '../../shared/notifications.js'
import type { Client } from '../../../test/helpers/app.js'

// Waiting for jobs lives in the shared test helpers; re-exported for the tests that have always found it here.
export { eventually, jobsSettled } from '../../../test/helpers/jobs.js'

/** Every notification a client can see, newest first. */
export async function notificationsOf(client: Client): Promise<Notification[]> {
  const res = await client.get('/api/notifications?limit=100')
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
  return res.json<{ items: Notification[] }>().items
}
