import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Clock } from './clock.js'
import type { Config } from './config.js'
import type { Db, DialectAdapter } from './db/dialect.js'
import type { EventBus } from './events.js'
import type { CacheInvalidation } from './db/write-invalidated.js'
import type { JobQueue } from './jobs/worker.js'
import type { Mailer } from './mail/mailer.js'
import type { PersonalDataPart } from './personal-data.js'
import type { Storage } from './storage.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    /** Where the app reads the time: the real clock, or a test's ManualClock. */
    clock: Clock
    db: Db
    /** Every cache and watch of derived state; domains register theirs here (docs/cache-contract.md). */
    caches: CacheInvalidation
    dialect: DialectAdapter
    mailer: Mailer
    jobs: JobQueue
    storage: Storage
    /** Domains' events (platform/events.ts). */
    bus: EventBus
    /** Every domain's share of a person's data, in export order (from the module list). */
    personalData: readonly PersonalDataPart[]
  }
}

/** The Fastify instance domains register routes on, typed by their TypeBox schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>
