import { describe, expect, it, vi } from 'vitest'
import { DIALECTS } from '../../../../test/helpers/app.js'
import { useJobQueueTests } from '../../../../test/helpers/jobs.js'
import { isoIn, nowIso } from '../time.js'
import { finishJob } from './store.js'
import { gate } from './test-support.js'
import { JobQueue, PermanentJobError } from './worker.js'

const WAIT = { timeout: 20_000, interval: 10 }

describe.each(DIALECTS)('%s: job queue', (dialect) => {
  const h = useJobQueueTests(dialect, () => ({ pollMs: 10, backoffMs: 20, leaseMs: 5_000 }))
  const row = (id: string) => h.database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('enqueues, claims and completes a job, keeping its result', async () => {
    const q = h.newQueue()
    const seen: unknown[] = []
    q.register('echo', async (payload) => {
      seen.push(payload)
      return { echoed: payload }
    })
    const id = await q.enqueue('echo', { n: 7 }, { createdBy: 'someone' })
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0, created_by: 'someone', payload: '{"n":7}' })
    q.start()
    await vi.waitFor(async () => expect((await row(id)).status).toBe('done'), WAIT)
    expect(seen).toEqual([{ n: 7 }])
    expect(await row(id)).toMatchObject({ attempts: 1, result: '{"echoed":{"n":7}}', error: null, locked_by: null, locked_until: null })
  })

  it('reports progress while the job runs', async () => {
    const q = h.newQueue()
    const hold = gate()
    q.register('long', async (_payload, ctx) => {
      await ctx.reportProgress(2, 5, 'reading rows')
      await hold.promise
      await ctx.reportProgress(5, 5, 'done reading')
    })
    const id = await q.enqueue('long', {})
    q.start()
    await vi.waitFor(
      async () =>
        expect(await row(id)).toMatchObject({ status: 'running', progress: 2, progress_total: 5, progress_label: 'reading rows' }),
      WAIT,
    )
    hold.open()
    await vi.waitFor(
      async () => expect(await row(id)).toMatchObject({ status: 'done', progress: 5, progress_total: 5, progress_label: 'done reading' }),
      WAIT,
    )
  })

  it('retries a failing job with growing backoff, then succeeds', async () => {
    const q = h.newQueue({ backoffMs: 30 })
    const failedAt: number[] = []
    const runAt: string[] = []
    q.register('flaky', async (_payload, ctx) => {
      runAt.push(ctx.job.run_at)
      if (ctx.job.attempts < 3) {
        failedAt.push(Date.now())
        throw new Error(`attempt ${ctx.job.attempts} failed`)
      }
      return 'finally'
    })
    const id = await q.enqueue('flaky', {}, { maxAttempts: 3 })
    q.start()
    await vi.waitFor(async () => expect((await row(id)).status).toBe('done'), WAIT)
    expect(await row(id)).toMatchObject({ attempts: 3, result: '"finally"', error: null })
    // Each retry was scheduled at least backoff * 2^(attempt-1) after the failure that caused it.
    expect(Date.parse(runAt[1]!) - failedAt[0]!).toBeGreaterThanOrEqual(30 - 1)
    expect(Date.parse(runAt[2]!) - failedAt[1]!).toBeGreaterThanOrEqual(60 - 1)
  })

  it('keeps the error of a retry for the UI while the job waits', async () => {
    const q = h.newQueue({ backoffMs: 60_000 })
    q.register('once-failing', async () => {
      throw new Error('the upstream timed out')
    })
    const id = await q.enqueue('once-failing', {}, { maxAttempts: 3 })
    q.start()
    await vi.waitFor(
      async () => expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, error: 'the upstream timed out', locked_by: null }),
      WAIT,
    )
    const waiting = await row(id)
    expect(waiting.run_at > waiting.updated_at).toBe(true)
  })

  it('fails a job for good after max attempts, after a PermanentJobError, or when no handler exists', async () => {
    const q = h.newQueue({ backoffMs: 1 })
    let calls = 0
    q.register('broken', async () => {
      calls++
      throw new Error('always broken')
    })
    q.register('hopeless', async () => {
      throw new PermanentJobError('the file is not a roster')
    })
    const broken = await q.enqueue('broken', {}, { maxAttempts: 2 })
    const hopeless = await q.enqueue('hopeless', {}, { maxAttempts: 5 })
    const orphan = await q.enqueue('no-such-kind', {}, { maxAttempts: 5 })
    q.start()
    for (const id of [broken, hopeless, orphan]) await vi.waitFor(async () => expect((await row(id)).status).toBe('failed'), WAIT)
    expect(await row(broken)).toMatchObject({ attempts: 2, error: 'always broken' })
    expect(calls).toBe(2)
    expect(await row(hopeless)).toMatchObject({ attempts: 1, error: 'the file is not a roster' })
    expect(await row(orphan)).toMatchObject({ attempts: 1, error: 'no handler for job kind no-such-kind' })
  })

  it('claims again a job whose worker died once its lease lapses, and fences off the dead worker', async () => {
    const producer = h.newQueue()
    const id = await producer.enqueue('survivor', { step: 1 })
    // A worker claims the job and dies: it never finishes and never renews its lease.
    const claimed = await h.database.dialect.claimJob(h.database.db, 'dead-worker', nowIso(), isoIn(3600_000))
    expect(claimed?.id).toBe(id)

    // After a restart, a new queue does not take a job whose lease still runs...
    const restarted = h.newQueue()
    const ran: string[] = []
    restarted.register('survivor', async (_payload, ctx) => void ran.push(`${ctx.job.id}#${ctx.job.attempts}`))
    restarted.register('marker', async () => undefined)
    restarted.start()
    const marker = await restarted.enqueue('marker', {})
    await vi.waitFor(async () => expect((await row(marker)).status).toBe('done'), WAIT)
    expect(ran).toEqual([])
    expect(await row(id)).toMatchObject({ status: 'running', locked_by: 'dead-worker' })

    // ...but once the lease has lapsed, it claims and runs it.
    await h.database.db
      .updateTable('job')
      .set({ locked_until: isoIn(-1000) })
      .where('id', '=', id)
      .execute()
    restarted.poke()
    await vi.waitFor(async () => expect((await row(id)).status).toBe('done'), WAIT)
    expect(ran).toEqual([`${id}#2`])

    // The dead worker, were it to wake up, can no longer write to the job.
    await finishJob(h.database.db, id, 'dead-worker', { status: 'failed', error: 'late' })
    expect(await row(id)).toMatchObject({ status: 'done', error: null })
  })

  it('renews the lease of a job that runs for longer than the lease', async () => {
    const q = h.newQueue({ leaseMs: 300 })
    const hold = gate()
    q.register('slow', async () => hold.promise)
    const id = await q.enqueue('slow', {})
    q.start()
    await vi.waitFor(async () => expect((await row(id)).status).toBe('running'), WAIT)
    const first = (await row(id)).locked_until!
    await vi.waitFor(async () => expect((await row(id)).locked_until! > first).toBe(true), WAIT)
    hold.open()
    await vi.waitFor(async () => expect(await row(id)).toMatchObject({ status: 'done', attempts: 1 }), WAIT)
  })

  it('runs every job exactly once with four workers on one h.database (FOR UPDATE SKIP LOCKED on PostgreSQL)', async () => {
    const runs = new Map<string, string[]>()
    const workers: JobQueue[] = []
    for (let i = 0; i < 4; i++) {
      // Each worker has its own connection pool, as separate app nodes would.
      const db = await h.otherPool()
      const q = h.newQueue({}, db)
      q.register('count', async (_payload, ctx) => {
        runs.set(ctx.job.id, [...(runs.get(ctx.job.id) ?? []), `worker${i}`])
        // Hold the claim across a few turns of the event loop so the workers overlap.
        for (let k = 0; k < 3; k++) await new Promise((resolve) => setImmediate(resolve))
      })
      workers.push(q)
    }
    const ids = await Promise.all(Array.from({ length: 50 }, (_, n) => workers[0]!.enqueue('count', { n })))
    for (const q of workers) q.start()
    await vi.waitFor(async () => {
      const done = await h.database.db.selectFrom('job').select('id').where('kind', '=', 'count').where('status', '=', 'done').execute()
      expect(done.length).toBe(50)
    }, WAIT)
    expect([...runs.keys()].sort()).toEqual([...ids].sort())
    for (const [id, by] of runs) expect(by, `job ${id} ran ${by.length} times`).toHaveLength(1)
    const attempts = await h.database.db.selectFrom('job').select('attempts').where('kind', '=', 'count').execute()
    expect(attempts.every((a) => a.attempts === 1)).toBe(true)
  })
})
