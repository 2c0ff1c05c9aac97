import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll, inject } from 'vitest'
import { buildApp, type BuildOptions } from '../../src/server/app.js'
import { loadConfig, type Config } from '../../src/server/platform/config.js'
import { newId } from '../../src/server/platform/time.js'

export const DIALECTS = ['sqlite', 'postgres'] as const
export type Dialect = (typeof DIALECTS)[number]

export interface TestApp {
  app: FastifyInstance
  config: Config
  dialect: Dialect
  close(): Promise<void>
}

/** A fresh, empty database of the given dialect: a temp directory for SQLite, a new database for PostgreSQL. */
export async function createTestDatabase(
  dialect: Dialect,
): Promise<{ dataDir: string; databaseUrl: string | undefined; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-test-'))
  if (dialect === 'sqlite') {
    return { dataDir, databaseUrl: undefined, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) }
  }
  const adminUrl = inject('pgUrl')
  const name = `ws_${newId().replace(/-/g, '').slice(0, 16)}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Builds the real app on a fresh database of `dialect`. */
export async function createTestApp(dialect: Dialect, overrides: Partial<Config> = {}, options: BuildOptions = {}): Promise<TestApp> {
  const store = await createTestDatabase(dialect)
  const config = loadConfig(
    {},
    {
      dataDir: store.dataDir,
      databaseUrl: store.databaseUrl,
      logLevel: 'silent',
      authRateLimit: 10_000,
      webDir: '/nonexistent',
      ...overrides,
    },
  )
  const app = await buildApp(config, { jobPollMs: 50, jobBackoffMs: 50, ...options })
  return {
    app,
    config,
    dialect,
    async close() {
      await app.close()
      await store.drop()
    },
  }
}

/** A second app node on the same PostgreSQL database as `t` (its own data directory and in-process caches). */
function startSecondNode(t: TestApp, options: BuildOptions = {}): Promise<FastifyInstance> {
  return buildApp(loadConfig({}, { ...t.config, dataDir: `${t.config.dataDir}/second` }), { jobPollMs: 50, ...options })
}

/**
 * Two app nodes on one fresh PostgreSQL database, set up and closed by the calling describe block (the first
 * node has an admin). Read `t` and `second` inside tests, once the hooks have run. `options` go to both nodes
 * (a shared ManualClock, for instance).
 */
export function twoPgNodes(
  overrides: Partial<Config> = {},
  options: BuildOptions = {},
): { readonly t: TestApp; readonly second: FastifyInstance } {
  const nodes = {} as { t: TestApp; second: FastifyInstance }
  beforeAll(async () => {
    nodes.t = await createTestApp('postgres', overrides, options)
    await setupAdmin(nodes.t.app)
    nodes.second = await startSecondNode(nodes.t, options)
  })
  afterAll(async () => {
    await nodes.second.close()
    await nodes.t.close()
  })
  return nodes
}

/** A logged-in client: cookie and CSRF token applied to every request. */
export interface Client {
  id: string
  email: string
  /** The session cookie header, for requests made without the client's CSRF header. */
  cookie: string
  csrfToken: string
  request(opts: InjectOptions): Promise<LightMyRequestResponse>
  get(url: string): Promise<LightMyRequestResponse>
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>
  delete(url: string): Promise<LightMyRequestResponse>
}

function cookieFrom(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'ws_session')
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`)
  return `ws_session=${c.value}`
}

async function clientFromCookie(app: FastifyInstance, cookie: string): Promise<Client> {
  const session = (await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json<{
    viewer: { id: string; email: string; csrfToken: string }
  }>()
  return sessionOn(app, { id: session.viewer.id, email: session.viewer.email, cookie, csrfToken: session.viewer.csrfToken })
}

/** `client`'s session, sending every request to `node` instead: the same person on another app node. */
export function through(node: FastifyInstance, client: Client): Client {
  return sessionOn(node, client)
}

function sessionOn(app: FastifyInstance, session: Pick<Client, 'id' | 'email' | 'cookie' | 'csrfToken'>): Client {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken }
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } })
  return {
    id: session.id,
    email: session.email,
    cookie: session.cookie,
    csrfToken: session.csrfToken,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
  }
}

export const TEST_PASSWORD = 'correct horse battery staple'

/** Runs first-time setup and returns the admin's client. */
export async function setupAdmin(app: FastifyInstance, email = 'admin@example.com'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/setup', payload: { name: 'Priya Admin', email, password: TEST_PASSWORD } })
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`)
  return clientFromCookie(app, cookieFrom(res))
}

/** Logs in with email and password and returns the client. */
export async function login(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  return clientFromCookie(app, cookieFrom(res))
}

/**
 * A throwaway built web app (an index.html and one asset) in a fresh temporary folder, for tests of what the
 * server sends with pages and assets; the caller removes it.
 */
export function tinyWebDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-web-'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Wellspring</title><div id="root"></div>')
  fs.mkdirSync(path.join(dir, 'assets'))
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)')
  return dir
}
