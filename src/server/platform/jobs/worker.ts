import os from 'node:os'
import { performance } from 'node:perf_hooks'
import type { FastifyBaseLogger } from 'fastify'
import type { Db, DialectAdapter } from '../db/dialect.js'
import { isoIn, newId, nowIso } from '../time.js'
import { extendJobLease, finishJob, findJobById, insertJob, updateJobProgress, type JobRow } from './store.js'

export interface JobContext {
  job: JobRow
  /** Records how far the job has come; the UI shows it as a progress bar. */
  reportProgress(done: number, total: number, label?: string): Promise<void>
}

/** Runs one job. It must be idempotent: after a crash it may run again from the start. */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<unknown>

/** A permanent failure: the job is not retried. */
export class PermanentJobError extends Error {}

export interface JobQueueOptions {
  leaseMs?: number
  pollMs?: number
  /** Base of the exponential retry backoff. */
  backoffMs?: number
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
  }

  /** Registers the handler for a kind of job. */
  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler)
  }

  /** Adds a job to the queue and returns its id. Pass `db` as a transaction to enqueue atomically with other writes. */
  async enqueue(kind: string, payload: unknown, options: { createdBy?: string; maxAttempts?: number; db?: Db } = {}): Promise<string> {
    const now = nowIso()
    const id = newId()
    await insertJob(options.db ?? this.db, {
      id,
      kind,
      payload: JSON.stringify(payload ?? {}),
      status: 'queued',
      attempts: 0,
      max_attempts: options.maxAttempts ?? 3,
      run_at: now,
      locked_by: null,
      locked_until: null,
      progress: 0,
      progress_total: 0,
      progress_label: '',
      result: null,
      error: null,
      created_by: options.createdBy ?? null,
      created_at: now,
      updated_at: now,
    })
    this.poke()
    return id
  }

  find(id: string): Promise<JobRow | undefined> {
    return findJobById(this.db, id)
  }

  /** Starts polling for jobs. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.schedule(0)
  }

  /** Asks the worker to look for work now rather than at the next poll. */
  poke(): void {
    // Not while resting after a job (scheduleAfterJob): every new post pokes, which cut each pause short.
    if (this.stopped || this.running || this.resting) return
    this.schedule(0)
  }

  /** Stops claiming new jobs and waits for the current one to finish. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.running
  }

  private schedule(ms: number): void {
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
      const job = await this.dialect.claimJob(this.db, this.workerId, nowIso(), isoIn(this.leaseMs))
      if (job) {
        worked = true
        await this.runJob(job)
      }
    } catch (err) {
      if (!this.stopped) this.log.error({ err }, 'job worker tick failed')
    }
    if (this.stopped) return
    if (worked) this.scheduleAfterJob(performance.now() - started)
    else this.schedule(this.pollMs)
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
      this.schedule(busy ? Math.min(9 * jobMs, 2_000) : 0)
    }, 2)
    probe.unref()
  }

  private async runJob(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind)
    const heartbeat = setInterval(
      () => {
        extendJobLease(this.db, job.id, this.workerId, isoIn(this.leaseMs)).catch((err: unknown) =>
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
        reportProgress: (done, total, label = '') =>
          updateJobProgress(this.db, job.id, this.workerId, {
            progress: done,
            progress_total: total,
            progress_label: label,
            updated_at: nowIso(),
          }),
      }
      const result = await handler(JSON.parse(job.payload), ctx)
      await finishJob(this.db, job.id, this.workerId, {
        status: 'done',
        result: JSON.stringify(result ?? null),
        error: null,
        locked_by: null,
        locked_until: null,
        updated_at: nowIso(),
      })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const permanent = err instanceof PermanentJobError || job.attempts >= job.max_attempts
      this.log.warn({ err, job: job.id, kind: job.kind, attempt: job.attempts }, permanent ? 'job failed' : 'job will retry')
      await finishJob(this.db, job.id, this.workerId, {
        status: permanent ? 'failed' : 'queued',
        error: message,
        run_at: permanent ? job.run_at : isoIn(this.backoffMs * 2 ** (job.attempts - 1)),
        locked_by: null,
        locked_until: null,
        updated_at: nowIso(),
      })
    } finally {
      clearInterval(heartbeat)
    }
  }
}
