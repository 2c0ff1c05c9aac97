import { beforeEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/helpers/app.js'
import { useJobQueueTests } from '../../../../test/helpers/jobs.js'
import { ManualClock } from '../clock.js'
import type { Database } from '../db/database.js'
import { nextDueAfter } from './schedules.js'
import { JOB_PRIORITY } from './worker.js'

const DAY = 24 * 3600_000
const WEEK = 7 * DAY
const T0 = Date.parse('2030-01-07T09:00:00.000Z')
const at = (ms: number) => new Date(ms).toISOString()

describe('nextDueAfter', () => {
  it('keeps the beat and skips the due times already missed', () => {
    expect(nextDueAfter(T0, WEEK, T0 - 1)).toBe(T0)
    expect(nextDueAfter(T0, WEEK, T0)).toBe(T0 + WEEK)
    expect(nextDueAfter(T0, WEEK, T0 + WEEK - 1)).toBe(T0 + WEEK)
    expect(nextDueAfter(T0, WEEK, T0 + WEEK)).toBe(T0 + 2 * WEEK)
    expect(nextDueAfter(T0, WEEK, T0 + 3 * WEEK + DAY)).toBe(T0 + 4 * WEEK)
  })
})

describe.each(DIALECTS)('%s: recurring schedules', (dialect) => {
  let clock: ManualClock
  let name: string
  let n = 0
  const h = useJobQueueTests(dialect, () => ({ pollMs: 10, clock }))
  const newQueue = (db: Database = h.database) => h.newQueue({}, db)
  const scheduledJobs = () =>
    h.database.db.selectFrom('job').select(['dedup_key', 'priority', 'payload']).where('kind', '=', name).orderBy('run_at').execute()
  const scheduleRow = () => h.database.db.selectFrom('schedule').selectAll().where('name', '=', name).executeTakeFirstOrThrow()

  beforeEach(() => {
    clock = new ManualClock(T0)
    // Each test its own schedule, so rows and jobs of the others do not count.
    name = `weekly-${++n}`
  })

  it('fires a new schedule marked firstRunNow at once, then on its beat; an existing row keeps its due time', async () => {
    const q = newQueue()
    q.schedule({ name, kind: name, everyMs: WEEK, firstRunNow: true })
    expect(await q.runDueSchedules()).toBe(1)
    expect(await scheduleRow()).toMatchObject({ next_run_at: at(T0 + WEEK), last_run_at: at(T0) })
    // A restart does not make it due again.
    const again = newQueue()
    again.schedule({ name, kind: name, everyMs: WEEK, firstRunNow: true })
    expect(await again.runDueSchedules()).toBe(0)
  })

  it('fires a weekly schedule once per due time as a moved clock walks three weeks, day by day', async () => {
    const q = newQueue()
    q.schedule({ name, kind: name, everyMs: WEEK, payload: { scope: 'all' }, priority: JOB_PRIORITY.bulk })
    expect(await q.runDueSchedules()).toBe(0)
    expect(await scheduleRow()).toMatchObject({ kind: name, every_ms: WEEK, next_run_at: at(T0 + WEEK), last_run_at: null })
    let fired = 0
    for (let day = 1; day <= 21; day++) {
      clock.advance(DAY)
      fired += await q.runDueSchedules()
      // Looking twice at the same moment fires nothing more.
      fired += await q.runDueSchedules()
    }
    expect(fired).toBe(3)
    expect(await scheduledJobs()).toEqual(
      [1, 2, 3].map((w) => ({
        dedup_key: `schedule:${name}:${at(T0 + w * WEEK)}`,
        priority: JOB_PRIORITY.bulk,
        payload: '{"scope":"all"}',
      })),
    )
    expect(await scheduleRow()).toMatchObject({ next_run_at: at(T0 + 4 * WEEK), last_run_at: at(T0 + 3 * WEEK) })
  })

  it('fires once, not three times, when the clock jumps three weeks at once, and then keeps its beat', async () => {
    const q = newQueue()
    q.schedule({ name, kind: name, everyMs: WEEK })
    await q.runDueSchedules()
    clock.advance(3 * WEEK + DAY)
    expect(await q.runDueSchedules()).toBe(1)
    expect(await q.runDueSchedules()).toBe(0)
    expect(await scheduleRow()).toMatchObject({ next_run_at: at(T0 + 4 * WEEK), last_run_at: at(T0 + WEEK) })
    clock.advance(WEEK - DAY)
    expect(await q.runDueSchedules()).toBe(1)
    expect((await scheduledJobs()).map((j) => j.dedup_key)).toEqual([
      `schedule:${name}:${at(T0 + WEEK)}`,
      `schedule:${name}:${at(T0 + 4 * WEEK)}`,
    ])
  })

  it('follows an interval changed in code, keeps the due time of an unchanged one', async () => {
    const first = newQueue()
    first.schedule({ name, kind: name, everyMs: WEEK })
    await first.runDueSchedules()
    clock.advance(DAY)

    // A restart with the same declaration keeps the stored due time.
    const same = newQueue()
    same.schedule({ name, kind: name, everyMs: WEEK })
    await same.runDueSchedules()
    expect(await scheduleRow()).toMatchObject({ next_run_at: at(T0 + WEEK) })

    // Daily now: due within a day, not at the old weekly time.
    const daily = newQueue()
    daily.schedule({ name, kind: name, everyMs: DAY, priority: JOB_PRIORITY.urgent })
    await daily.runDueSchedules()
    expect(await scheduleRow()).toMatchObject({ every_ms: DAY, priority: JOB_PRIORITY.urgent, next_run_at: at(T0 + 2 * DAY) })
    clock.advance(DAY)
    expect(await daily.runDueSchedules()).toBe(1)
    expect(await scheduleRow()).toMatchObject({ next_run_at: at(T0 + 3 * DAY) })
  })

  it('enqueues once per due time when many nodes look at the same moment', async () => {
    const pools = [h.database]
    if (dialect === 'postgres') for (let i = 0; i < 3; i++) pools.push(await h.otherPool())
    const nodes = [...pools, ...pools].map((db) => newQueue(db))
    for (const q of nodes) q.schedule({ name, kind: name, everyMs: DAY })
    await Promise.all(nodes.map((q) => q.runDueSchedules()))
    let fired = 0
    for (let day = 1; day <= 3; day++) {
      clock.advance(DAY)
      const counts = await Promise.all(nodes.flatMap((q) => [q.runDueSchedules(), q.runDueSchedules()]))
      fired += counts.reduce((a, b) => a + b, 0)
    }
    expect(fired).toBe(3)
    expect((await scheduledJobs()).map((j) => j.dedup_key)).toEqual([1, 2, 3].map((d) => `schedule:${name}:${at(T0 + d * DAY)}`))
  })

  it('fires only the schedules this node declared', async () => {
    const q = newQueue()
    q.schedule({ name, kind: name, everyMs: DAY })
    await q.runDueSchedules()
    clock.advance(DAY)
    const unaware = newQueue()
    unaware.schedule({ name: `${name}-other`, kind: `${name}-other`, everyMs: DAY })
    expect(await unaware.runDueSchedules()).toBe(0)
    expect(await q.runDueSchedules()).toBe(1)
  })

  it('refuses a schedule that could not work', () => {
    const q = newQueue()
    expect(() => q.schedule({ name, kind: name, everyMs: 0 })).toThrow(/everyMs/)
    expect(() => q.schedule({ name, kind: name, everyMs: 1.5e3 + 0.5 })).toThrow(/everyMs/)
    expect(() => q.schedule({ name: '', kind: name, everyMs: DAY })).toThrow(/name/)
  })
})
