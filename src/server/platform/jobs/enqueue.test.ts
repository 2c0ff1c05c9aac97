import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DIALECTS } from '../../../../test/helpers/app.js'
import { useJobQueueTests } from '../../../../test/helpers/jobs.js'
import { clockIso, ManualClock } from '../clock.js'
import { gate } from './test-support.js'
import { JOB_PRIORITY } from './worker.js'

const WAIT = { timeout: 20_000, interval: 10 }
const HOUR = 3600_000

describe.each(DIALECTS)('%s: delayed, deduplicated, cancelled and prioritised jobs', (dialect) => {
  let clock: ManualClock
  const h = useJobQueueTests(dialect, () => ({ pollMs: 10, backoffMs: 20, leaseMs: 5_000, clock }))
  const row = (id: string) => h.database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const jobsOfKind = (kind: string) => h.database.db.selectFrom('job').selectAll().where('kind', '=', kind).execute()

  beforeEach(() => {
    clock = new ManualClock(Date.parse('2030-01-07T09:00:00.000Z'))
  })

  it('does not run a delayed job before its time, and runs it once the clock gets there', async () => {
    const q = h.newQueue()
    const ran: string[] = []
    q.register('later', async (_payload, ctx) => void ran.push(clockIso(ctx.clock)))
    q.register('marker', async () => undefined)
    const delayed = await q.enqueue('later', {}, { runAt: clockIso(clock, HOUR) })
    expect(await row(delayed)).toMatchObject({ status: 'queued', run_at: clockIso(clock, HOUR) })
    q.start()

    // A job enqueued after it, due now, runs; the delayed one waits, also a minute before its time.
    for (const minutes of [0, 59]) {
      clock.advance(minutes * 60_000)
      const marker = await q.enqueue('marker', {})
      await vi.waitFor(async () => expect((await row(marker)).status).toBe('done'), WAIT)
      expect(ran).toEqual([])
      expect((await row(delayed)).status).toBe('queued')
    }

    clock.advance(60_000)
    await vi.waitFor(async () => expect((await row(delayed)).status).toBe('done'), WAIT)
    expect(ran).toEqual(['2030-01-07T10:00:00.000Z'])
  })

  it('runs a deduplicated job once: a second enqueue returns the first id and inserts nothing', async () => {
    const q = h.newQueue()
    let runs = 0
    const hold = gate()
    q.register('once', async () => {
      runs++
      await hold.promise
    })
    const first = await q.enqueue('once', { n: 1 }, { dedupKey: 'once:a' })
    expect(await q.enqueue('once', { n: 2 }, { dedupKey: 'once:a' })).toBe(first)
    const other = await q.enqueue('once', { n: 3 }, { dedupKey: 'once:b' })
    expect(other).not.toBe(first)
    expect(await jobsOfKind('once')).toHaveLength(2)

    q.start()
    await vi.waitFor(async () => expect((await row(first)).status).toBe('running'), WAIT)
    // Still unfinished while it runs: the key holds.
    expect(await q.enqueue('once', { n: 4 }, { dedupKey: 'once:a' })).toBe(first)
    hold.open()
    await vi.waitFor(async () => expect((await row(other)).status).toBe('done'), WAIT)
    await vi.waitFor(async () => expect((await row(first)).status).toBe('done'), WAIT)
    expect(runs).toBe(2)
    expect((await row(first)).payload).toBe('{"n":1}')

    // A finished job frees its key.
    const again = await q.enqueue('once', { n: 5 }, { dedupKey: 'once:a' })
    expect(again).not.toBe(first)
    await vi.waitFor(async () => expect((await row(again)).status).toBe('done'), WAIT)
    expect(runs).toBe(3)
  })

  it('inserts one job for concurrent enqueues with one key, from several pools and inside transactions', async () => {
    const pools = [h.database, await h.otherPool(), await h.otherPool()]
    const producers = pools.map((db) => h.newQueue({}, db))
    const ids = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const q = producers[i % producers.length]!
        const db = pools[i % pools.length]!
        // Half of them inside a transaction that also waits a little before committing.
        if (i % 2 === 0) return q.enqueue('race', { i }, { dedupKey: 'race:1' })
        return db.db.transaction().execute(async (tx) => {
          const id = await q.enqueue('race', { i }, { dedupKey: 'race:1', db: tx })
          await new Promise((r) => setTimeout(r, 5))
          return id
        })
      }),
    )
    expect(new Set(ids).size).toBe(1)
    expect(await jobsOfKind('race')).toHaveLength(1)

    let runs = 0
    const worker = h.newQueue()
    worker.register('race', async () => void runs++)
    worker.start()
    await vi.waitFor(async () => expect((await row(ids[0]!)).status).toBe('done'), WAIT)
    expect(runs).toBe(1)
  })

  // What coalescing jobs (notification fan-out) rely on: work written beside an enqueue that found an
  // unfinished job is visible to that job when it reads, whether it was queued or already running.
  it.runIf(dialect === 'postgres')('holds a job found by key until the finding transaction ends: no claim, no key release', async () => {
    const other = await h.otherPool()
    const q = h.newQueue()
    const held = gate()
    const found = gate()
    const id = await q.enqueue('coalesce', {}, { dedupKey: 'coalesce:1' })
    const tx = h.database.db.transaction().execute(async (t) => {
      expect(await q.enqueue('coalesce', {}, { dedupKey: 'coalesce:1', db: t })).toBe(id)
      found.open()
      await held.promise
    })
    await found.promise
    // Queued: another node skips it while the transaction runs...
    const claim = () => other.dialect.claimJob(other.db, 'other', clockIso(clock), clockIso(clock, 60_000))
    expect(await claim()).toBeUndefined()
    held.open()
    await tx
    // ...and claims it once the transaction committed.
    expect((await claim())?.id).toBe(id)

    // Running: releasing its key waits for a transaction that found it by that key.
    const held2 = gate()
    const found2 = gate()
    const tx2 = h.database.db.transaction().execute(async (t) => {
      expect(await q.enqueue('coalesce', {}, { dedupKey: 'coalesce:1', db: t })).toBe(id)
      found2.open()
      await held2.promise
    })
    await found2.promise
    let released = false
    const release = other.db
      .updateTable('job')
      .set({ dedup_key: null })
      .where('id', '=', id)
      .execute()
      .then(() => (released = true))
    await new Promise((r) => setTimeout(r, 200))
    expect(released).toBe(false)
    held2.open()
    await tx2
    await release
    expect(released).toBe(true)
    // The key is free now: the next enqueue makes a new job.
    expect(await q.enqueue('coalesce', {}, { dedupKey: 'coalesce:1' })).not.toBe(id)
  })

  it('rolls back a deduplicated enqueue with the transaction that made it', async () => {
    const q = h.newQueue()
    await expect(
      h.database.db.transaction().execute(async (tx) => {
        await q.enqueue('rolled', {}, { dedupKey: 'rolled:1', db: tx })
        throw new Error('the caller failed')
      }),
    ).rejects.toThrow('the caller failed')
    expect(await jobsOfKind('rolled')).toHaveLength(0)
    const id = await q.enqueue('rolled', {}, { dedupKey: 'rolled:1' })
    expect(await row(id)).toMatchObject({ status: 'queued', dedup_key: 'rolled:1' })
  })

  it('cancels queued jobs by id or by key, not running or finished ones, and frees the key', async () => {
    const q = h.newQueue()
    const byId = await q.enqueue('cancellable', {}, { runAt: clockIso(clock, HOUR) })
    const byKey = await q.enqueue('cancellable', {}, { runAt: clockIso(clock, HOUR), dedupKey: 'digest:alice' })
    expect(await q.cancel({ id: byId })).toBe(true)
    expect(await q.cancel({ id: byId })).toBe(false)
    expect(await q.cancel({ dedupKey: 'digest:alice' })).toBe(true)
    expect(await q.cancel({ dedupKey: 'digest:alice' })).toBe(false)
    expect(await q.cancel({ id: 'no-such-job' })).toBe(false)
    expect(await row(byId)).toMatchObject({ status: 'cancelled' })
    expect(await row(byKey)).toMatchObject({ status: 'cancelled' })

    const hold = gate()
    const ran: string[] = []
    q.register('cancellable', async (_p, ctx) => {
      ran.push(ctx.job.id)
      await hold.promise
    })
    const fresh = await q.enqueue('cancellable', {}, { dedupKey: 'digest:alice' })
    expect(fresh).not.toBe(byKey)
    q.start()
    await vi.waitFor(async () => expect((await row(fresh)).status).toBe('running'), WAIT)
    expect(await q.cancel({ id: fresh })).toBe(false)
    hold.open()
    await vi.waitFor(async () => expect((await row(fresh)).status).toBe('done'), WAIT)
    expect(await q.cancel({ dedupKey: 'digest:alice' })).toBe(false)
    // Cancelled jobs never ran, even once their time came.
    clock.advance(2 * HOUR)
    const marker = await q.enqueue('cancellable', {})
    await vi.waitFor(async () => expect((await row(marker)).status).toBe('done'), WAIT)
    expect(ran).toEqual([fresh, marker])
  })

  it('claims an urgent job before a backlog of bulk jobs queued earlier, then normal, then bulk', async () => {
    const q = h.newQueue()
    await h.database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 500; i++) await q.enqueue('fanout', { i }, { priority: JOB_PRIORITY.bulk, db: tx })
    })
    clock.advance(1_000)
    const normal = await q.enqueue('mail', {})
    clock.advance(1_000)
    const urgent = await q.enqueue('roster', {}, { priority: JOB_PRIORITY.urgent })
    const claim = () => h.database.dialect.claimJob(h.database.db, 'w', clockIso(clock), clockIso(clock, 60_000))
    expect((await claim())?.id).toBe(urgent)
    expect((await claim())?.id).toBe(normal)
    const next = await claim()
    expect(next).toMatchObject({ kind: 'fanout', priority: JOB_PRIORITY.bulk, payload: '{"i":0}' })
  })

  it('runs an urgent job next when the worker is busy with a backlog of bulk jobs', async () => {
    const q = h.newQueue()
    const order: string[] = []
    q.register('bulk', async () => {
      order.push('bulk')
      await new Promise((r) => setTimeout(r, 5))
    })
    q.register('urgent', async () => void order.push('urgent'))
    await h.database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 120; i++) await q.enqueue('bulk', { i }, { priority: JOB_PRIORITY.bulk, db: tx })
    })
    q.start()
    await vi.waitFor(() => expect(order.length).toBeGreaterThanOrEqual(5), WAIT)
    const ranBefore = order.length
    clock.advance(1_000)
    const urgent = await q.enqueue('urgent', {}, { priority: JOB_PRIORITY.urgent })
    await vi.waitFor(async () => expect((await row(urgent)).status).toBe('done'), WAIT)
    // It ran within a few jobs of being queued, not after the rest of the backlog.
    expect(order.indexOf('urgent')).toBeLessThanOrEqual(ranBefore + 5)
    expect(order.indexOf('urgent')).toBeLessThan(60)
  })
})
