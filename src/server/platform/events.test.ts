import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/helpers/app.js'
import type { Db } from './db/dialect.js'
import { EventBus, EVENT_JOB } from './events.js'

declare module './events.js' {
  interface DomainEvents {
    'test.noted': { key: string; fail?: 'inside' | 'after' }
  }
}

/** Writes a setting and publishes `test.noted` in the same transaction. */
async function note(bus: EventBus, db: Db, key: string, fail?: 'inside' | 'after'): Promise<void> {
  await bus.transaction(db, async (tx, events) => {
    await tx.insertInto('setting').values({ key, value: 'written', updated_at: new Date().toISOString() }).execute()
    await events.publish('test.noted', { key, fail })
  })
}

const settingOf = (db: Db, key: string) => db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst()

describe.each(DIALECTS)('%s: the event bus', (dialect) => {
  let t: TestApp
  let bus: EventBus
  const after: string[] = []
  const durable: string[] = []
  let failDurableOnce = true

  beforeAll(async () => {
    t = await createTestApp(dialect)
    bus = new EventBus(t.app.log)
    bus.useJobs(t.app.jobs)
    bus.onWrite('test.noted', async (tx, e) => {
      await tx
        .insertInto('setting')
        .values({ key: `${e.key}:seen`, value: 'in transaction', updated_at: new Date().toISOString() })
        .execute()
      if (e.fail === 'inside') throw new Error('the subscriber refuses')
    })
    bus.afterCommit('test.noted', async (e) => {
      // After commit, the change is visible to a query outside the transaction.
      after.push(`${e.key}:${(await settingOf(t.app.db, e.key))?.value ?? 'missing'}`)
      if (e.fail === 'after') throw new Error('after-commit failure')
    })
    bus.durable('test.noted', 'test.durable', async (e) => {
      if (e.key === 'flaky' && failDurableOnce) {
        failDurableOnce = false
        throw new Error('first delivery fails')
      }
      durable.push(e.key)
    })
  })
  afterAll(() => t.close())

  it('commits what an in-transaction subscriber writes with the change, and runs after-commit subscribers once it committed', async () => {
    await note(bus, t.app.db, 'one')
    expect((await settingOf(t.app.db, 'one:seen'))?.value).toBe('in transaction')
    expect(after).toContain('one:written')
  })

  it('rolls the whole change back when an in-transaction subscriber throws, and delivers nothing after commit', async () => {
    await expect(note(bus, t.app.db, 'two', 'inside')).rejects.toThrow('the subscriber refuses')
    expect(await settingOf(t.app.db, 'two')).toBeUndefined()
    expect(await settingOf(t.app.db, 'two:seen')).toBeUndefined()
    expect(after.some((a) => a.startsWith('two:'))).toBe(false)
    const jobs = await t.app.db.selectFrom('job').select('payload').where('kind', '=', EVENT_JOB).execute()
    expect(jobs.some((j) => j.payload.includes('"two"'))).toBe(false)
  })

  it('keeps the change when an after-commit subscriber fails', async () => {
    await note(bus, t.app.db, 'three', 'after')
    expect((await settingOf(t.app.db, 'three'))?.value).toBe('written')
    expect(after).toContain('three:written')
  })

  it('delivers durable subscribers through a job queued with the change, retried until it succeeds', async () => {
    await note(bus, t.app.db, 'flaky')
    const queued = await t.app.db.selectFrom('job').select(['id', 'status']).where('kind', '=', EVENT_JOB).execute()
    expect(queued.length).toBeGreaterThanOrEqual(1)
    expect(durable).toEqual([])
    t.app.jobs.start()
    await expect.poll(() => durable, { timeout: 15_000 }).toContain('flaky')
    await expect.poll(() => durable.filter((k) => k === 'one' || k === 'three').sort(), { timeout: 15_000 }).toEqual(['one', 'three'])
    // The rolled-back change queued no delivery.
    expect(durable).not.toContain('two')
  })

  it('refuses a second durable subscriber under the same name', () => {
    expect(() => bus.durable('test.noted', 'test.durable', async () => {})).toThrow(/registered twice/)
  })
})
