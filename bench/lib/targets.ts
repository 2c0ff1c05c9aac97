import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { freePort, startNodeServer, type ServerProcess } from './processes.js'
import { seedOrg } from './seed.js'
import { writeCyclingScript } from './wrk.js'

/** A running Wellspring server on a seeded database, with the wrk scripts that exercise it. */
export interface AppTarget {
  label: string
  server: ServerProcess
  profileScript: string
  searchScript: string
}

export interface AppTargetOptions {
  label: string
  /** PostgreSQL URL, or undefined for SQLite in a fresh data directory under `tmp`. */
  databaseUrl: string | undefined
  people: number
  tmp: string
  root: string
  nodeArgs: string[]
  cpus: string | undefined
}

/** Logs in as the seeded member and returns the Cookie header value. */
async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ws_session='))
  if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  return cookie.split(';')[0] as string
}

async function expectOk(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } })
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`)
}

/**
 * Seeds a fresh database, starts the real server on it (LOG_LEVEL=warn, job worker on, as in production),
 * logs in as a member and writes wrk scripts cycling through every profile and through the search queries.
 */
export async function startAppTarget(o: AppTargetOptions): Promise<AppTarget> {
  const dataDir = fs.mkdtempSync(path.join(o.tmp, `${o.label}-`))
  const started = Date.now()
  const org = await seedOrg({ dataDir, databaseUrl: o.databaseUrl, count: o.people })
  console.log(`[${o.label}] seeded ${org.ids.length} people in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WEB_DIR: path.join(o.tmp, 'no-web'),
    NODE_ENV: 'production',
  }
  delete env.DATABASE_URL
  delete env.RUN_WORKER
  if (o.databaseUrl) env.DATABASE_URL = o.databaseUrl
  const server = await startNodeServer({ args: o.nodeArgs, env, port, cpus: o.cpus, readyPath: '/api/health', cwd: o.root })
  const cookie = await login(server.url, org.memberEmail, org.memberPassword)
  const profilePaths = org.ids.map((id) => `/api/people/${encodeURIComponent(id)}`)
  const searchPaths = org.queries.map((q) => `/api/people?q=${encodeURIComponent(q)}`)
  await expectOk(server.url + (profilePaths[0] as string), cookie)
  await expectOk(server.url + (searchPaths[0] as string), cookie)
  return {
    label: o.label,
    server,
    profileScript: writeCyclingScript(o.tmp, `${o.label}-profile`, profilePaths, { Cookie: cookie }),
    searchScript: writeCyclingScript(o.tmp, `${o.label}-search`, searchPaths, { Cookie: cookie }),
  }
}

/** A new, empty database on the PostgreSQL server at `serverUrl`, and how to drop it. */
export async function freshPgDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ws_bench_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}
