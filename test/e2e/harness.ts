import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp, type BuildOptions } from '../../src/server/app.js'
import { loadConfig, type Config } from '../../src/server/platform/config.js'
import { createTestDatabase, type Dialect } from '../helpers/app.js'

export const WEB_DIR = path.resolve('dist/web')

/** The real server on a loopback port, serving the built web app. */
export interface E2eServer {
  app: FastifyInstance
  url: string
  config: Config
  close(): Promise<void>
}

/**
 * Starts Wellspring for a browser test. The web app must be built first (npm test does it). `options` go to
 * buildApp: a ManualClock, for a test that moves the server's time.
 */
export async function startE2eServer(
  dialect: Dialect = 'sqlite',
  overrides: Partial<Config> = {},
  options: BuildOptions = {},
): Promise<E2eServer> {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('the web app is not built: run `npm run build`')
  const store = await createTestDatabase(dialect)
  const config = loadConfig(
    {},
    {
      dataDir: store.dataDir,
      databaseUrl: store.databaseUrl,
      logLevel: 'silent',
      authRateLimit: 10_000,
      webDir: WEB_DIR,
      port: 0,
      host: '127.0.0.1',
      ...overrides,
    },
  )
  const app = await buildApp(config, { jobPollMs: 50, jobBackoffMs: 50, ...options })
  app.jobs.start()
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}`
  config.baseUrl = url
  return {
    app,
    url,
    config,
    async close() {
      await app.close()
      await store.drop()
    },
  }
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

const require = createRequire(import.meta.url)
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/**
 * For `expect.poll` on text the page shows: a page renders after its data arrives, so a one-shot read of the
 * text can see the loading state. Polling keeps the same assertion and waits for it to hold.
 */
export const UNTIL_SHOWN = { timeout: 10_000, interval: 50 }
