import os from 'node:os'
import { performance } from 'node:perf_hooks'
import type { FastifyBaseLogger } from 'fastify'
import { clockIso, systemClock, type Clock } from '../clock.js'
import type { Db, DialectAdapter } from '../db/dialect.js'
import { newId } from '../time.js'
import { fireDueSchedules, storeSchedules, validateSchedule } from './schedules.js'
import {
  cancelQueuedJob,
  extendJobLease,
  finishJob,
  findJobById,
  insertJob,
  insertJobOnce,
  queuedJobRow,
  releaseJobKey,
  updateJobProgress,
  type JobRow,
} from './store.js'
import { JOB_PRIORITY, type EnqueueOptions, type JobContext, type JobHandler, type ScheduleSpec } from './types.js'

export { JOB_PRIORITY, type EnqueueOptions, type JobContext, type JobHandler, type JobPriority, type ScheduleSpec } from './types.js'

/** A permanent failure: the job is not retried. */
export class PermanentJobError extends Error {}

export interface JobQueueOptions {
  leaseMs?: number
  pollMs?: number
  /** Base of the exponential retry backoff. */
  backoffMs?: number
  clock?: Clock
}

/**
 * A durable job queue in the `job` table. Claims are leases: a worker that dies stops renewing its lease,
 * and once it lapses any worker (this process after a restart, or another node) claims the job again.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>()
  private readonly workerId = `${os.hostname()}:${process.pid}:${newId().slice(0, 8)}`
  private readonly leaseMs: number
  private readonly pollMs: number
  private readonly backoffMs: number
  readonly clock: Clock
  private readonly schedules = new Map<string, ScheduleSpec>()
  /** Declared schedules not yet written to the schedule table. */
  private schedulesStored = false
  /** performance.now() after which the next tick looks for due schedules. */
  private nextScheduleCheck = 0
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private stopped = true
  /** Between a job and the next tick that scheduleAfterJob decided on. */
  private resting = false

  constructor(
    private readonly db: Db,
    private readonly dialect: DialectAdapter,
    private readonly log: FastifyBaseLogger,
    options: JobQueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000
    this.pollMs = options.pollMs ?? 500
    this.backoffMs = options.backoffMs ?? 2_000
    this.clock = options.clock ?? systemClock
  }

  /** Registers the handler for a kind of job. */
  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler)
  }

  /** Adds a job to the queue and returns its id (with a `dedupKey`, the id of the unfinished job that has it). */
  async enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const now = clockIso(this.clock)
    const row = queuedJobRow({
      id: newId(),
      kind,
      payload,
      now,
      runAt: options.runAt ? new Date(options.runAt).toISOString() : undefined,
      priority: options.priority ?? JOB_PRIORITY.normal,
      maxAttempts: options.maxAttempts,
      dedupKey: options.dedupKey,
      createdBy: options.createdBy,
    })
    const db = options.db ?? this.db
    const id =
      options.dedupKey === undefined ? (await insertJob(db, row), row.id) : await insertJobOnce(db, { ...row, dedup_key: options.dedupKey })
    // A job due later is found by a later poll; waking the worker now would find nothing.
    if (row.run_at <= now) this.poke()
    return id
  }

  /** Cancels a queued job, by id or by deduplication key. False when none was waiting (running, finished, unknown). */
  cancel(target: { id: string } | { dedupKey: string }): Promise<boolean> {
    return cancelQueuedJob(this.db, target, clockIso(this.clock))
  }

  /**
   * Declares a recurring schedule: its job is enqueued once per due time (every `everyMs`, the first one
   * `everyMs` after the schedule is first stored), by whichever node sees it due first. The row in the
   * `schedule` table is written when the worker starts; an `everyMs` changed in code updates it. See
   * schedules.ts for what happens to due times missed while no worker ran.
   */
  schedule(spec: ScheduleSpec): void {
    validateSchedule(spec)
    this.schedules.set(spec.name, spec)
    this.schedulesStored = false
    this.nextScheduleCheck = 0
  }

  /**
   * Enqueues the job of every declared schedule that is due, once per due time across all nodes; returns how
   * many this call enqueued. The worker calls it as it polls; tests may call it directly.
   */
  async runDueSchedules(): Promise<number> {
    if (this.schedules.size === 0) return 0
    if (!this.schedulesStored) {
      await storeSchedules(this.db, [...this.schedules.values()], this.clock.now())
      this.schedulesStored = true
    }
    return fireDueSchedules(this.db, this.schedules, this.clock.now(), (tx, spec, dedupKey) =>
      this.enqueue(spec.kind, spec.payload, { db: tx, dedupKey, priority: spec.priority }),
    )
  }

  find(id: string): Promise<JobRow | undefined> {
    return findJobById(this.db, id)
  }

  /** Starts polling for jobs and firing the declared schedules. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.wakeIn(0)
  }

  /** Asks the worker to look for work now rather than at the next poll. */
  poke(): void {
    // Not while resting after a job (scheduleAfterJob): every new post pokes, which cut each pause short.
    if (this.stopped || this.running || this.resting) return
    this.wakeIn(0)
  }

  /** Stops claiming new jobs and waits for the current one to finish. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.running
  }

  private wakeIn(ms: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.resting = false
      this.running = this.tick().finally(() => {
        this.running = undefined
      })
    }, ms)
    this.timer.unref()
  }

  private async tick(): Promise<void> {
    let worked = false
    const started = performance.now()
    try {
      // At most once per poll interval: during a backlog the worker ticks after every job.
      if (started >= this.nextScheduleCheck) {
        this.nextScheduleCheck = started + this.pollMs
        await this.runDueSchedules()
      }
      const job = await this.dialect.claimJob(this.db, this.workerId, clockIso(this.clock), clockIso(this.clock, this.leaseMs))
      if (job) {
        worked = true
        await this.runJob(job)
      }
    } catch (err) {
      if (!this.stopped) this.log.error({ err }, 'job worker tick failed')
    }
    if (this.stopped) return
    if (worked) this.scheduleAfterJob(performance.now() - started)
    else this.wakeIn(this.pollMs)
  }

  /**
   * Jobs share the event loop with requests. Back to back they took a third of it during a burst of posts
   * (bench:knowledge: each new post queues a fan-out to hundreds of followers), and requests waited behind
   * background work. After each job the worker watches the loop for 2 ms: when something else kept it more
   * than half busy (requests are waiting), it rests nine times as long as the job took (a tenth of the loop
   * at most, 2 s at most) before the next one, and pokes do not cut the rest short; on a quiet loop it goes
   * on at once. Jobs are still done in order, only later.
   */
  private scheduleAfterJob(jobMs: number): void {
    const before = performance.eventLoopUtilization()
    this.resting = true
    const probe = setTimeout(() => {
      if (this.stopped) return
      const busy = performance.eventLoopUtilization(before).utilization > 0.5
      this.wakeIn(busy ? Math.min(9 * jobMs, 2_000) : 0)
    }, 2)
    probe.unref()
  }

  private async runJob(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind)
    const heartbeat = setInterval(
      () => {
        extendJobLease(this.db, job.id, this.workerId, clockIso(this.clock, this.leaseMs)).catch((err: unknown) =>
          this.log.warn({ err }, 'lease renewal failed'),
        )
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    )
    heartbeat.unref()
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind ${job.kind}`)
      const ctx: JobContext = {
        job,
        clock: this.clock,
        reportProgress: (done, total, label = '') =>
          updateJobProgress(this.db, job.id, this.workerId, {
            progress: done,
            progress_total: total,
            progress_label: label,
            updated_at: clockIso(this.clock),
          }),
        releaseDedupKey: () => releaseJobKey(this.db, job.id, this.workerId),
      }
      const result = await handler(JSON.parse(job.payload), ctx)
      await finishJob(this.db, job.id, this.workerId, {
        status: 'done',
        result: JSON.stringify(result ?? null),
        error: null,
        locked_by: null,
        locked_until: null,
        updated_at: clockIso(this.clock),
      })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const permanent = err instanceof PermanentJobError || job.attempts >= job.max_attempts
      this.log.warn({ err, job: job.id, kind: job.kind, attempt: job.attempts }, permanent ? 'job failed' : 'job will retry')
      await finishJob(this.db, job.id, this.workerId, {
        status: permanent ? 'failed' : 'queued',
        error: message,
        run_at: permanent ? job.run_at : clockIso(this.clock, this.backoffMs * 2 ** (job.attempts - 1)),
        locked_by: null,
        locked_until: null,
        updated_at: clockIso(this.clock),
      })
    } finally {
      clearInterval(heartbeat)
    }
  }
}
