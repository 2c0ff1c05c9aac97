import type { FastifyInstance } from 'fastify'
import type { Notification } from '../../shared/notifications.js'
import type { Client } from '../../../test/helpers/app.js'

/** Resolves once `check` stops throwing; rethrows its last error after `timeoutMs`. For work done in jobs. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (err) {
      if (Date.now() > deadline) throw err
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}

/** Waits until no job is queued or running, so "nobody else was notified" is checked after the fan-out ran. */
export async function jobsSettled(app: FastifyInstance, timeoutMs = 15_000): Promise<void> {
  await eventually(async () => {
    const busy = await app.db.selectFrom('job').select(['kind', 'status', 'error']).where('status', 'in', ['queued', 'running']).execute()
    if (busy.length) throw new Error(`jobs still busy: ${JSON.stringify(busy)}`)
  }, timeoutMs)
  const failed = await app.db.selectFrom('job').select(['kind', 'error']).where('status', '=', 'failed').execute()
  if (failed.length) throw new Error(`jobs failed: ${JSON.stringify(failed)}`)
}

/** Every notification a client can see, newest first. */
export async function notificationsOf(client: Client): Promise<Notification[]> {
  const res = await client.get('/api/notifications?limit=100')
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
  return res.json<{ items: Notification[] }>().items
}
