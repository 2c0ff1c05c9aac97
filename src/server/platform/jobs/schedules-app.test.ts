import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, createTestDatabase, DIALECTS, setupAdmin, twoPgNodes } from '../../../../test/helpers/app.js'
import { buildApp, SESSION_SWEEP_JOB } from '../../app.js'
import { ManualClock } from '../clock.js'
import { loadConfig } from '../config.js'

const HOUR = 3600_000
const WAIT = { timeout: 20_000, interval: 20 }
const TICK = 'test.tick'
const settle = () => new Promise((r) => setTimeout(r, 300))

/** Declares the test's hourly schedule on a node and records which node ran which due time. */
function declareTick(app: FastifyInstance, node: string, runs: string[]): void {
  app.jobs.register(TICK, async (_payload, ctx) => void runs.push(`${node} ${ctx.job.dedup_key}`))
  app.jobs.schedule({ name: TICK, kind: TICK, everyMs: HOUR })
}

const dueKey = (ms: number) => `schedule:${TICK}:${new Date(ms).toISOString()}`

describe('postgres: a schedule with two app nodes on one database', () => {
  // Whole seconds, so the due times the test expects read as the stored ones.
  const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000)
  const start = clock.now()
  const nodes = twoPgNodes({}, { clock, jobPollMs: 20 })
  const runs: string[] = []

  it('fires exactly once per due time, on one node or the other', async () => {
    declareTick(nodes.t.app, 'a', runs)
    declareTick(nodes.second, 'b', runs)
    nodes.t.app.jobs.start()
    nodes.second.jobs.start()
    const row = () => nodes.t.app.db.selectFrom('schedule').selectAll().where('name', '=', TICK).executeTakeFirst()
    await vi.waitFor(async () => expect(await row()).toMatchObject({ next_run_at: new Date(start + HOUR).toISOString() }), WAIT)

    for (let hour = 1; hour <= 4; hour++) {
      clock.advance(HOUR)
      await vi.waitFor(() => expect(runs).toHaveLength(hour), WAIT)
      // Both nodes poll many times at this moment; none fires it again.
      await settle()
      expect(runs).toHaveLength(hour)
    }
    expect(runs.map((r) => r.split(' ')[1])).toEqual([1, 2, 3, 4].map((h) => dueKey(start + h * HOUR)))
    const jobs = await nodes.t.app.db.selectFrom('job').select(['status', 'attempts']).where('kind', '=', TICK).execute()
    expect(jobs).toEqual(Array.from({ length: 4 }, () => ({ status: 'done', attempts: 1 })))
  })
})

describe.each(DIALECTS)('%s: schedules across a restart', (dialect) => {
  let store: Awaited<ReturnType<typeof createTestDatabase>>
  const apps: FastifyInstance[] = []
  beforeAll(async () => {
    store = await createTestDatabase(dialect)
  })
  afterAll(async () => {
    for (const app of apps) await app.close()
    await store.drop()
  })

  it('fires once for the due times missed while the app was down, then keeps its beat', async () => {
    const config = loadConfig(
      {},
      { dataDir: store.dataDir, databaseUrl: store.databaseUrl, logLevel: 'silent', authRateLimit: 10_000, webDir: '/nonexistent' },
    )
    const clock = new ManualClock(Date.parse('2030-03-04T08:00:00.000Z'))
    const t0 = clock.now()
    const runs: string[] = []
    const node = async (name: string) => {
      const app = await buildApp(config, { clock, jobPollMs: 20 })
      apps.push(app)
      declareTick(app, name, runs)
      app.jobs.start()
      return app
    }

    const first = await node('first')
    const row = () => first.db.selectFrom('schedule').selectAll().where('name', '=', TICK).executeTakeFirst()
    await vi.waitFor(async () => expect(await row()).toBeDefined(), WAIT)
    clock.advance(HOUR)
    await vi.waitFor(() => expect(runs).toEqual([`first ${dueKey(t0 + HOUR)}`]), WAIT)
    await first.close()
    apps.splice(apps.indexOf(first), 1)

    // Five hours pass with no app running: due at +2h ... +6h.
    clock.advance(5 * HOUR)
    const second = await node('second')
    await vi.waitFor(() => expect(runs).toHaveLength(2), WAIT)
    await settle()
    expect(runs).toEqual([`first ${dueKey(t0 + HOUR)}`, `second ${dueKey(t0 + 2 * HOUR)}`])
    const stored = await second.db.selectFrom('schedule').selectAll().where('name', '=', TICK).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ next_run_at: new Date(t0 + 7 * HOUR).toISOString(), every_ms: HOUR })

    clock.advance(HOUR)
    await vi.waitFor(() => expect(runs).toHaveLength(3), WAIT)
    expect(runs[2]).toBe(`second ${dueKey(t0 + 7 * HOUR)}`)
  })
})

describe.each(DIALECTS)("%s: the app's own recurring work", (dialect) => {
  const clock = new ManualClock()
  let t: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock, jobPollMs: 20 })
    await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  it('runs from schedules stored when the worker starts, without main.ts: expired sessions are swept as the clock moves', async () => {
    t.app.jobs.start()
    const names = async () => (await t.app.db.selectFrom('schedule').select('name').orderBy('name').execute()).map((r) => r.name)
    // The domains' schedules too (digests, rerouting, media clean-up): named here, not imported, as platform
    // code imports no domain.
    const expected = [
      'asks.reroute',
      'connections.tick',
      'insights-discovery-weekly',
      'media.cleanup-orphans',
      'notification.digest',
      'search.vocabulary',
      SESSION_SWEEP_JOB,
    ].sort()
    await vi.waitFor(async () => expect(await names()).toEqual(expected), WAIT)
    const sessions = async () => (await t.app.db.selectFrom('session').select('id').execute()).length
    expect(await sessions()).toBe(1)

    // The admin's session lasts 14 days: after 15, the hourly sweep has removed it.
    clock.advance(15 * 24 * HOUR)
    await vi.waitFor(async () => expect(await sessions()).toBe(0), WAIT)
    const sweeps = () => t.app.db.selectFrom('job').select(['status', 'priority']).where('kind', '=', SESSION_SWEEP_JOB).execute()
    // Once for all the hours missed in the jump, not 360 times.
    await vi.waitFor(async () => expect(await sweeps()).toEqual([{ status: 'done', priority: 9 }]), WAIT)
  })
})
