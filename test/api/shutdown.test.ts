import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { TEST_PASSWORD } from '../helpers/app.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const WAIT = { timeout: 120_000, interval: 250 }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** Resolves true when a TCP connection to the port is accepted, false when it is refused. */
function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Collects what a socket receives until `done(text)` says enough, or the socket closes. */
function receive(socket: net.Socket, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const finish = () => {
      socket.off('data', onData)
      resolve(text)
    }
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8')
      if (done(text)) finish()
    }
    socket.on('data', onData)
    socket.once('close', finish)
    socket.once('error', reject)
  })
}

describe('graceful shutdown of the real server', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-shutdown-'))
  let child: ChildProcess | undefined
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('finishes the request in flight, refuses new connections, exits 0 and leaves a consistent SQLite file', async () => {
    const port = await freePort()
    let output = ''
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        WEB_DIR: path.join(dataDir, 'no-web'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)))

    await vi.waitFor(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined)
      expect(res?.status, output).toBe(200)
    }, WAIT)

    // Start a request and hold back half its body. Expect: 100-continue makes the server say when it has the
    // headers, so the request is surely in flight (routed, hooks running) before the signal.
    const body = JSON.stringify({ name: 'Shutdown Admin', email: 'shutdown@example.com', password: TEST_PASSWORD })
    const half = Math.floor(body.length / 2)
    const socket = net.connect(port, '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write(
      `POST /api/setup HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        'Expect: 100-continue\r\nConnection: close\r\n\r\n',
    )
    expect(await receive(socket, (text) => text.includes('\r\n\r\n'))).toMatch(/^HTTP\/1\.1 100 Continue/)
    socket.write(body.slice(0, half))

    child.kill('SIGTERM')
    await vi.waitFor(async () => expect(await canConnect(port)).toBe(false), WAIT)
    expect(child.exitCode, 'the server must wait for the request in flight').toBeNull()

    // write, not end: a half-closed socket (FIN) makes Node abort the request, and browsers do not half-close.
    const response = receive(socket, () => false)
    socket.write(body.slice(half))
    const text = await response
    expect(text, output).toMatch(/^HTTP\/1\.1 201 /)
    expect(text).toContain('{"ok":true}')

    expect(await exited, output).toBe(0)
    expect(await canConnect(port)).toBe(false)

    const db = new SqliteDatabase(path.join(dataDir, 'wellspring.db'), { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.prepare('select email, role from person').all()).toEqual([{ email: 'shutdown@example.com', role: 'admin' }])
      expect(db.prepare('select count(*) as n from session').get()).toEqual({ n: 1 })
    } finally {
      db.close()
    }
  }, 240_000)
})
