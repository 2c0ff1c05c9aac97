import type { FastifyBaseLogger } from 'fastify'
import type { Db } from './db/dialect.js'
import { inWriteTransaction } from './db/group-commit.js'
import type { JobPriority } from './jobs/types.js'

/**
 * Every event a domain may publish, by name. Each domain declares its own events by augmenting this interface
 * in its `events.ts`, so platform knows no domain and a subscriber gets the publisher's payload type:
 *
 * ```ts
 * declare module '../platform/events.js' {
 *   interface DomainEvents { 'knowledge.thanked': { giverId: string; receiverId: string } }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface DomainEvents {}

export type EventName = Extract<keyof DomainEvents, string>

/** What a service publishes through, inside the transaction that makes the change. */
export interface Publisher {
  publish<K extends EventName>(name: K, event: DomainEvents[K]): Promise<void>
}

/** Writes with the publishing transaction; throwing rolls the whole change back. */
export type InTransactionHandler<K extends EventName> = (tx: Db, event: DomainEvents[K]) => Promise<void>
/** Runs once the change committed; it cannot undo it. */
export type AfterCommitHandler<K extends EventName> = (event: DomainEvents[K]) => Promise<void>

/** The queue durable deliveries go through (JobQueue implements it; platform/jobs knows no events). */
export interface EventJobs {
  register(kind: string, handler: (payload: unknown) => Promise<unknown>): void
  enqueue(kind: string, payload: unknown, options: { db: Db; priority?: JobPriority }): Promise<string>
}

/** The job kind that carries durable deliveries. */
export const EVENT_JOB = 'event.deliver'

interface DurablePayload {
  name: string
  subscriber: string
  event: unknown
}

type AnyInTx = (tx: Db, event: unknown) => Promise<void>
type AnyAfter = (event: unknown) => Promise<void>

/**
 * A typed, in-process event bus with two kinds of subscriber:
 * - **in-transaction** (`onWrite`): called inside the publisher's transaction with `tx`; what it writes commits
 *   or rolls back with the change, and an error it throws fails the change;
 * - **after-commit**: called once the transaction committed. `afterCommit` subscribers run in this process
 *   before the publishing service returns; a failure is logged and does not fail the request (the change is
 *   already committed). `durable` subscribers are delivered through a job queued in the publishing
 *   transaction, so a delivery is never lost (the process may die right after the commit) and is retried:
 *   use it where a lost event would matter. Their events must be JSON.
 *
 * Services publish through `bus.transaction(db, async (tx, events) => { ...; await events.publish(...) })`.
 */
export class EventBus {
  private readonly inTx = new Map<string, AnyInTx[]>()
  private readonly after = new Map<string, AnyAfter[]>()
  private readonly durables = new Map<string, Map<string, { handler: AnyAfter; priority?: JobPriority }>>()
  private jobs: EventJobs | undefined

  constructor(private readonly log: FastifyBaseLogger) {}

  /** Connects the job queue that carries durable deliveries, and registers their handler. */
  useJobs(jobs: EventJobs): void {
    this.jobs = jobs
    jobs.register(EVENT_JOB, async (payload) => {
      const p = payload as DurablePayload
      const sub = this.durables.get(p.name)?.get(p.subscriber)
      // A subscriber removed in a newer release: nothing to deliver to.
      if (!sub) return { skipped: true }
      await sub.handler(p.event)
      return null
    })
  }

  /** Subscribes inside the publishing transaction. */
  onWrite<K extends EventName>(name: K, handler: InTransactionHandler<K>): void {
    push(this.inTx, name, handler as AnyInTx)
  }

  /** Subscribes after commit, in process; failures are logged. */
  afterCommit<K extends EventName>(name: K, handler: AfterCommitHandler<K>): void {
    push(this.after, name, handler as AnyAfter)
  }

  /**
   * Subscribes after commit through a job queued with the change: delivered exactly when the change commits,
   * retried on failure. `subscriber` names the subscription in the queued job, so it must stay stable.
   */
  durable<K extends EventName>(
    name: K,
    subscriber: string,
    handler: AfterCommitHandler<K>,
    options: { priority?: JobPriority } = {},
  ): void {
    let subs = this.durables.get(name)
    if (!subs) {
      subs = new Map<string, { handler: AnyAfter; priority?: JobPriority }>()
      this.durables.set(name, subs)
    }
    if (subs.has(subscriber)) throw new Error(`durable subscriber ${subscriber} of ${name} is registered twice`)
    subs.set(subscriber, { handler: handler as AnyAfter, priority: options.priority })
  }

  /**
   * Runs `fn` in a write transaction (grouped with concurrent writers on SQLite) and delivers what it
   * publishes: in-transaction subscribers at once, durable ones as jobs in the same transaction, after-commit
   * ones once it committed. Nothing is delivered after commit if `fn` throws.
   */
  async transaction<T>(db: Db, fn: (tx: Db, events: Publisher) => Promise<T>): Promise<T> {
    const committed: (() => Promise<void>)[] = []
    const result = await inWriteTransaction(db, (tx) => fn(tx, this.publisherFor(tx, committed)))
    for (const deliver of committed) await deliver()
    return result
  }

  /** The publisher of one transaction: after-commit deliveries are collected into `committed`. */
  private publisherFor(tx: Db, committed: (() => Promise<void>)[]): Publisher {
    return {
      publish: async (name, event) => {
        for (const h of this.inTx.get(name) ?? []) await h(tx, event)
        const durable = this.durables.get(name)
        if (durable?.size) {
          if (!this.jobs) throw new Error('the event bus has no job queue for durable subscribers')
          for (const [subscriber, { priority }] of durable)
            await this.jobs.enqueue(EVENT_JOB, { name, subscriber, event } satisfies DurablePayload, { db: tx, priority })
        }
        for (const h of this.after.get(name) ?? [])
          committed.push(async () => {
            try {
              await h(event)
            } catch (err) {
              this.log.error({ err, event: name }, 'an after-commit event subscriber failed')
            }
          })
      },
    }
  }
}

function push<H>(map: Map<string, H[]>, name: string, handler: H): void {
  const list = map.get(name)
  if (list) list.push(handler)
  else map.set(name, [handler])
}
