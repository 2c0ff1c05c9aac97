import fs from 'node:fs'
import path from 'node:path'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { MODULES } from './modules.js'
import { loadViewerPerson } from './people/lookup.js'
import { matchSsoPerson } from './people/service.js'
import { registerAccessControl } from './platform/auth/access.js'
import { deleteExpiredSessions } from './platform/auth/store.js'
import { ViewerCache } from './platform/auth/viewer-cache.js'
import { clockIso, systemClock, type Clock } from './platform/clock.js'
import type { Config } from './platform/config.js'
import { openDatabase } from './platform/db/database.js'
import { registerErrorHandler, renderFrameworkError } from './platform/errors.js'
import type { App } from './platform/fastify-types.js'
import { healthRoutes } from './platform/health.js'
import { JOB_PRIORITY, JobQueue } from './platform/jobs/worker.js'
import { jobRoutes } from './platform/jobs/routes.js'
import { createMailer } from './platform/mail/mailer.js'
import { oidcRoutes } from './platform/auth/oidc-routes.js'
import { createDiskStorage } from './platform/storage.js'
import { createS3Storage } from './platform/storage-s3.js'
import { validatorCompiler } from './platform/validation.js'
import { recordRoutes } from './platform/route-registry.js'
import { CacheInvalidation, TABLE_CHANGED_CHANNEL } from './platform/db/write-invalidated.js'
import type { ListenTuning } from './platform/db/pg-listen.js'
import { CommunityAccessCache, communityAccessCaches } from './communities/access-cache.js'
import { FeedCache, feedCaches } from './knowledge/feed-cache.js'
import { ThreadCache, threadCaches } from './knowledge/thread-cache.js'
import { ReadableCommunitiesCache, readableCommunitiesCaches } from './communities/readable-cache.js'
import { groupedSearchIndexing } from './knowledge/search-store.js'
import { ProfileCache, profileCaches } from './people/profile-cache.js'
import { DirectoryCache, directoryCaches } from './people/directory.js'
import { requestLogger } from './platform/request-logger.js'
import { registerSecurityHeaders } from './platform/security-headers.js'
import './platform/fastify-types.js'
import { databaseRateLimitStore } from './platform/rate-limit-store.js'
import { EventBus } from './platform/events.js'
import type { DomainModule } from './platform/module.js'

export interface BuildOptions {
  /** Where the app reads the time (the real clock by default); tests pass a ManualClock to move it. */
  clock?: Clock
  /** Job queue tuning, shortened in tests. */
  jobLeaseMs?: number
  jobPollMs?: number
  jobBackoffMs?: number
  /** PostgreSQL LISTEN heartbeat and reconnect timing, shortened in tests. */
  listen?: ListenTuning
}

/** Expired sessions are deleted hourly (they are refused as soon as they expire; this only frees the rows). */
export const SESSION_SWEEP_JOB = 'platform.session-sweep'

/**
 * Builds the whole application without listening, so tests can call `app.inject()`. The database is opened
 * and migrated here; `app.close()` stops the job worker and closes it.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  // Per-request log lines only at debug level: at info they cost about a third of the throughput. Below debug,
  // Fastify is not given the logger at all: with one, it attaches listeners and reads the clock on every reply
  // to log its completion, about 5 us of a 40 us request, for lines that are off. The app logs through the same
  // pino logger either way: app.log, and each request's child, built only if the request logs something
  // (request-logger.ts).
  const log = pino({ level: config.logLevel })
  const requestLogging = config.logLevel === 'debug' || config.logLevel === 'trace'
  const app = Fastify({
    ...(requestLogging ? { loggerInstance: log } : {}),
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.TRUST_PROXY === 'true',
    ajv: { customOptions: { removeAdditional: false } },
    childLoggerFactory: requestLogger,
    logController: new LogController({ disableRequestLogging: !requestLogging }),
    frameworkErrors: renderFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App
  // Without a logger of its own Fastify's app.log is a no-op; plugins, their children and each request's logger
  // (requestLogger) use this one.
  if (!requestLogging) app.log = log
  app.setValidatorCompiler(validatorCompiler)
  recordRoutes(app)
  // The API speaks JSON only: a text/plain body is a wrong content type (415), not a string to validate.
  app.removeContentTypeParser('text/plain')

  const viewerCache = new ViewerCache()
  const profileCache = new ProfileCache()
  const communityAccessCache = new CommunityAccessCache()
  const feedCache = new FeedCache()
  const threadCache = new ThreadCache()
  const directoryCache = new DirectoryCache()
  const readableCache = new ReadableCommunitiesCache()
  const invalidation = new CacheInvalidation([
    viewerCache,
    profileCache,
    communityAccessCache,
    readableCache,
    feedCache,
    threadCache,
    directoryCache,
  ])
  const database = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onConnectionError: (err) => app.log.warn({ err }, 'lost a database connection; the pool reconnects on next use'),
    onCheckpointError: (message) => app.log.warn({ message }, 'a background SQLite checkpoint failed; it is retried'),
    plugins: [invalidation],
    groupHooks: groupedSearchIndexing,
  })
  // On PostgreSQL, other nodes' writes arrive as notifications naming the table written (migration 0016); each
  // drops the caches and watches of that table. While notifications may be missed, nothing is cached
  // (docs/cache-contract.md).
  await database
    .listen({
      ...options.listen,
      channels: { [TABLE_CHANGED_CHANNEL]: (table) => invalidation.clearWatching([table]) },
      onLost: () => {
        app.log.warn('lost the database notification connection: caches are bypassed until it is back')
        invalidation.suspend()
      },
      onRestored: () => {
        app.log.info('database notifications are back: caches are used again')
        invalidation.resume()
      },
    })
    .catch(async (err: unknown) => {
      await database.close()
      throw err
    })
  app.decorate('config', config)
  app.decorate('clock', options.clock ?? systemClock)
  app.decorate('db', database.db)
  app.decorate('caches', invalidation)
  profileCaches.attach(database.db, profileCache)
  directoryCaches.attach(database.db, directoryCache)
  communityAccessCaches.attach(database.db, communityAccessCache)
  readableCommunitiesCaches.attach(database.db, readableCache)
  feedCaches.attach(database.db, feedCache)
  threadCaches.attach(database.db, threadCache)
  app.decorate('dialect', database.dialect)
  app.decorate('mailer', createMailer(config, app.log))
  // Several nodes must share their uploads: on S3 they do; on disk only if dataDir/files is a shared mount.
  app.decorate('storage', config.s3 ? createS3Storage(config.s3) : createDiskStorage(path.join(config.dataDir, 'files')))
  app.decorate(
    'jobs',
    new JobQueue(database.db, database.dialect, app.log, {
      leaseMs: options.jobLeaseMs,
      pollMs: options.jobPollMs,
      backoffMs: options.jobBackoffMs,
      clock: app.clock,
    }),
  )
  app.decorate('bus', new EventBus(app.log))
  app.bus.useJobs(app.jobs)
  app.decorate(
    'personalData',
    MODULES.flatMap((m) => (m.personalData ? [m.personalData] : [])),
  )
  app.addHook('onClose', async () => {
    await app.jobs.stop()
    await database.close()
  })

  registerErrorHandler(app)
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Matches frame-ancestors 'none' for browsers that only know X-Frame-Options.
    frameguard: { action: 'deny' },
  })
  // Right after the headers and before the rate limits: route hooks run in the order they are added (headers,
  // then who may call, then the route's rate limit), as they did when the first two were global hooks.
  registerAccessControl(app, viewerCache, loadViewerPerson)
  // Counters live in the database so that several app nodes share them.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(app.db) })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Wellspring API',
        version: '0.1.0',
        description: 'Communities of practice: people, knowledge, connections and insights.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ws_session' } } },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })

  const modules = setUpModules(app, MODULES)
  await app.register(async (api) => {
    const typed = api as unknown as App
    healthRoutes(typed, () => database.ping())
    oidcRoutes(typed, matchSsoPerson)
    jobRoutes(typed)
    for (const { module, state } of modules) module.routes?.(typed, state)
  })
  registerWebApp(app, config.webDir)

  app.jobs.register(SESSION_SWEEP_JOB, (_payload, ctx) => deleteExpiredSessions(app.db, clockIso(ctx.clock)))
  app.jobs.schedule({ name: SESSION_SWEEP_JOB, kind: SESSION_SWEEP_JOB, everyMs: 3600_000, priority: JOB_PRIORITY.bulk })
  return app
}

/**
 * The module contract (platform/module.ts): each module's state is built, then its event subscriptions, job
 * handlers and schedules are registered. Routes are registered by the caller, inside the API plugin.
 */
function setUpModules(app: App, modules: readonly DomainModule[]): { module: DomainModule; state: unknown }[] {
  const built = modules.map((module) => ({ module, state: module.setup?.(app) }))
  for (const { module, state } of built) {
    module.subscribe?.(app.bus, app, state)
    for (const [kind, handler] of Object.entries(module.jobs?.(app, state) ?? {})) app.jobs.register(kind, handler)
    for (const schedule of module.schedules ?? []) app.jobs.schedule(schedule)
  }
  return built
}

/** Serves the built web app, with index.html for every non-API path so client-side routes work on reload. */
function registerWebApp(app: App, webDir: string): void {
  const index = path.join(webDir, 'index.html')
  if (!fs.existsSync(index)) {
    app.log.warn({ webDir }, 'web app not built; run npm run build')
    return
  }
  const assets = path.join(webDir, 'assets') + path.sep
  void app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    maxAge: '1h',
    // The build writes .br and .gz beside each text asset (vite.config.ts); browsers that accept them get them.
    preCompressed: true,
    // Source maps are built for operators ("hidden": no link in the bundle) but never served.
    allowedPath: (pathName) => !pathName.endsWith('.map'),
    // Vite fingerprints everything under assets/ by content, so a name never changes meaning: cache it for good.
    setHeaders: (reply, file) => {
      if (file.startsWith(assets)) reply.header('cache-control', 'public, max-age=31536000, immutable')
    },
  })
  const html = fs.readFileSync(index)
  // A catch-all GET route rather than a second not-found handler: registerErrorHandler owns that one, and
  // Fastify allows only one per prefix. Static files are exact routes, so they still win over the wildcard.
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    if (!req.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html)
    }
    return reply.status(404).send({ error: { code: 'route_not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } })
  })
}
