import { buildApp } from './app.js'
import { loadConfig } from './platform/config.js'

/** Starts Wellspring: builds the app, listens, runs the job worker, and shuts down gracefully on a signal. */
async function main(): Promise<void> {
  const config = loadConfig()
  const app = await buildApp(config, { jobLeaseMs: config.jobLeaseMs })
  // The worker also fires the recurring schedules the app declared (digests, rerouting, sweeps).
  if (config.runWorker) app.jobs.start()
  await app.listen({ port: config.port, host: config.host })
  app.log.info(`Wellspring is running at ${config.baseUrl} (${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`})`)

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: no new requests, draining, closing the database')
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, 15_000)
    force.unref()
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
