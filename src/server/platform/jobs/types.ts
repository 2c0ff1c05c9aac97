import type { Clock } from '../clock.js'
import type { Db } from '../db/dialect.js'
import type { JobRow } from './store.js'

/** Claim order: the lowest number first, then the oldest run_at. */
export const JOB_PRIORITY = { urgent: 0, normal: 5, bulk: 9 } as const
export type JobPriority = (typeof JOB_PRIORITY)[keyof typeof JOB_PRIORITY]

export interface EnqueueOptions {
  /** ISO-8601: the job is not claimed before then (default: now). */
  runAt?: string
  /**
   * Unique among unfinished (queued or running) jobs: while one has it, enqueueing again with the same key
   * returns that job's id and inserts nothing. Race-safe, also inside a caller's transaction.
   */
  dedupKey?: string
  priority?: JobPriority
  createdBy?: string
  maxAttempts?: number
  /** A transaction, to enqueue atomically with other writes. */
  db?: Db
}

export interface JobContext {
  job: JobRow
  /** The app's clock: a job that decides by time reads it here, so tests can move it. */
  clock: Clock
  /** Records how far the job has come; the UI shows it as a progress bar. */
  reportProgress(done: number, total: number, label?: string): Promise<void>
  /**
   * Frees the job's deduplication key: from now on, enqueueing with it creates a new job. A coalescing job
   * (one that reads its work from a table, its key standing for "someone will look") calls it before it reads,
   * so work written after that read gets a job of its own.
   */
  releaseDedupKey(): Promise<void>
}

/** Runs one job. It must be idempotent: after a crash it may run again from the start. */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<unknown>

/** A recurring schedule, declared in code (JobQueue.schedule) and kept in the `schedule` table. */
export interface ScheduleSpec {
  /** Unique; names the row, and the deduplication key of each job it enqueues. */
  name: string
  /** The job kind it enqueues (its handler is registered as for any job). */
  kind: string
  everyMs: number
  payload?: unknown
  priority?: JobPriority
  /**
   * A new schedule is first due `everyMs` from now; with this, at once. For work a fresh installation needs
   * before its first interval is out (the search vocabulary that "did you mean" reads).
   */
  firstRunNow?: boolean
}
