import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

/** The real Wellspring server as a child process (`node --import tsx src/server/main.ts`), for kill -9 tests. */
export interface ServerProcess {
  url: string
  child: ChildProcess
  /** What the server wrote to stderr and stdout, for failure messages. */
  output(): string
  /** SIGKILL, then wait for the process to be gone. */
  kill(): Promise<void>
}

const ROOT = path.resolve(import.meta.dirname, '../..')
const live = new Set<ChildProcess>()

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Starts the server and waits (at most about a minute) until /api/health answers 200. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  // The database is the one `env` names: a DATABASE_URL the test run was given (for its PostgreSQL tests) must
  // not turn a SQLite server into a PostgreSQL one.
  const { DATABASE_URL: _ignored, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', WEB_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)))
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.once('exit', () => live.delete(child))
  const url = `http://127.0.0.1:${port}`
  const server: ServerProcess = {
    url,
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) return server
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  await server.kill()
  throw new Error(`server did not become healthy:\n${output}`)
}

/** Kills every server this module started that is still running. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.kill('SIGKILL')
        }),
    ),
  )
}

/** An HTTP client with a session cookie and CSRF token, against a server process. */
export interface HttpClient {
  get<T>(url: string): Promise<{ status: number; body: T }>
  post<T>(url: string, body: unknown): Promise<{ status: number; body: T }>
}

/** Creates the first admin through /api/setup and returns a client with their session. */
export async function setupAdminOver(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Dura Admin', email: 'admin@durability.test', password: 'correct horse battery staple' }),
  })
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c?.startsWith('ws_session='))
  if (!cookie) throw new Error('no session cookie from setup')
  const session = (await (await fetch(`${url}/api/auth/session`, { headers: { cookie } })).json()) as { viewer: { csrfToken: string } }
  return { cookie, csrf: session.viewer.csrfToken }
}

/** A client for `url` with a session made by setupAdminOver; the session lives in the database, so it survives restarts. */
export function clientFor(url: () => string, auth: { cookie: string; csrf: string }): HttpClient {
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url()}${path}`, {
      method,
      headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as T }
  }
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) }
}
