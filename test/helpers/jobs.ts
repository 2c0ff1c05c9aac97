import type { FastifyInstance } from 'fastify'
import { findJobsInStatus } from '../../src/server/platform/jobs/store.js'

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
    const busy = await findJobsInStatus(app.db, ['queued', 'running'])
    if (busy.length) throw new Error(`jobs still busy: ${JSON.stringify(busy)}`)
  }, timeoutMs)
  const failed = (await findJobsInStatus(app.db, ['failed'])).map(({ kind, error }) => ({ kind, error }))
  if (failed.length) throw new Error(`jobs failed: ${JSON.stringify(failed)}`)
}
