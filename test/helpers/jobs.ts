import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { openDatabase, type Database } from '../../src/server/platform/db/database.js'
import { findJobsInStatus } from '../../src/server/platform/jobs/store.js'
import { recordingLogger } from '../../src/server/platform/jobs/test-support.js'
import { JobQueue, type JobQueueOptions } from '../../src/server/platform/jobs/worker.js'
import { createTestDatabase, type Dialect } from './app.js'

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

/**
 * Holds one of the app's schedules out of a test's reach (its next run in 2100), once the started job queue has
 * written its row: for tests that make their own runs of what the schedule would also run as the clock moves.
 */
export async function holdSchedule(app: FastifyInstance, name: string): Promise<void> {
  await eventually(async () => {
    const moved = await app.db
      .updateTable('schedule')
      .set({ next_run_at: '2100-01-01T00:00:00.000Z' })
      .where('name', '=', name)
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) !== 1) throw new Error(`schedule ${name} not written yet`)
  }, 10_000)
}

/** What useJobQueueTests gives a test file. */
export interface JobQueueTests {
  /** The test database, open from beforeAll on. */
  database: Database
  /** A queue on `db` (the test database by default), stopped after the test. */
  newQueue(extra?: JobQueueOptions, db?: Database): JobQueue
  /** Another connection pool on the same database, as a second app node has (PostgreSQL); SQLite has one. */
  otherPool(): Promise<Database>
}

/**
 * The hooks every job-queue test file on one dialect needs: a test database opened once, a fresh recording
 * logger per test, every queue made by `newQueue` stopped after each test (which must have logged no error),
 * and extra pools closed at the end. `options` is read at each newQueue, so it may name a per-test clock.
 * Read `database` from the returned object inside tests, not while the describe block is being defined.
 */
export function useJobQueueTests(dialect: Dialect, options: () => JobQueueOptions): JobQueueTests {
  let store: Awaited<ReturnType<typeof createTestDatabase>>
  let log: ReturnType<typeof recordingLogger>
  const queues: JobQueue[] = []
  const extraDatabases: Database[] = []
  const harness: JobQueueTests = {
    database: undefined as unknown as Database,
    newQueue(extra = {}, db = harness.database) {
      const q = new JobQueue(db.db, db.dialect, log, { ...options(), ...extra })
      queues.push(q)
      return q
    },
    async otherPool() {
      if (dialect === 'sqlite') return harness.database
      const db = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
      extraDatabases.push(db)
      return db
    },
  }
  beforeAll(async () => {
    store = await createTestDatabase(dialect)
    harness.database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
  })
  beforeEach(() => {
    log = recordingLogger()
  })
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()))
    expect(log.errors).toEqual([])
  })
  afterAll(async () => {
    await Promise.all(extraDatabases.map((d) => d.close()))
    await harness.database.close()
    await store.drop()
  })
  return harness
}
