import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionClient } from '../../../../test/api/support.js'
import { createTestApp, setupAdmin, through, type Client, type TestApp } from '../../../../test/helpers/app.js'
import { buildPerson } from '../../../../test/helpers/factories.js'
import { startStallProxy, type StallProxy } from '../../../../test/helpers/stall-proxy.js'
import { buildApp } from '../../app.js'
import { loadConfig } from '../config.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// Node B caches who may read a community (60 s) and validated sessions (10 s), trusting PostgreSQL's NOTIFY to
// hear node A's writes. When B's notification connection dies, B must notice, even when the connection goes
// silent without closing, and stop serving from its caches until it listens again.
describe('postgres: a node whose notification connection is lost stops trusting its caches', () => {
  let t: TestApp
  let proxy: StallProxy
  let b: FastifyInstance
  let steward: Client
  let out: Client
  beforeAll(async () => {
    t = await createTestApp('postgres')
    await setupAdmin(t.app)
    proxy = await startStallProxy(t.config.databaseUrl as string)
    // Node B reaches the database through the proxy. A long retry keeps it without notifications for a while.
    const config = loadConfig({}, { ...t.config, databaseUrl: proxy.url, dataDir: `${t.config.dataDir}/b` })
    b = await buildApp(config, { jobPollMs: 50, listen: { heartbeatMs: 200, timeoutMs: 400, retryMs: 3000 } })
    steward = await sessionClient(t.app, await buildPerson(t.app, { name: 'Stew' }))
    out = await sessionClient(t.app, await buildPerson(t.app, { name: 'Out' }))
    expect((await steward.post('/api/communities', { name: 'Inner', purpose: 'Closed', visibility: 'closed' })).statusCode).toBe(201)
    expect((await steward.post('/api/communities/inner/posts', { kind: 'story', title: 'Members only', body: 'Shh.' })).statusCode).toBe(
      201,
    )
  })
  afterAll(async () => {
    await b.close()
    await proxy.close()
    await t.close()
  })

  /** Lets `out` into the closed community (a request, approved on node A). */
  const letIn = async () => {
    expect((await out.post('/api/communities/inner/join', {})).statusCode).toBeLessThan(300)
    const pending = (await steward.get('/api/communities/inner/requests')).json<{ items: { id: string }[] }>().items
    expect((await steward.post(`/api/communities/inner/requests/${pending[0]?.id}/approve`, {})).statusCode).toBe(200)
  }
  const feedOnB = async () => (await through(b, out).get('/api/communities/inner/feed')).statusCode
  const viewerOnB = async (c: Client) => (await through(b, c).get('/api/auth/session')).json<{ viewer: unknown }>().viewer
  const listening = () => b.caches.all().every((c) => !c.bypassed)

  it('notices a connection that goes silent without closing, and serves nothing stale', async () => {
    await letIn()
    const bob = await sessionClient(t.app, await buildPerson(t.app, { name: 'Bob' }))
    // Fills B's community access, feed and session caches.
    expect(await feedOnB()).toBe(200)
    expect(await feedOnB()).toBe(200)
    expect(await viewerOnB(bob)).not.toBeNull()

    expect(proxy.stallListeners()).toBe(1)
    expect((await out.post('/api/communities/inner/leave', {})).statusCode).toBe(200)
    expect((await bob.post('/api/auth/logout')).statusCode).toBe(200)
    // Without a heartbeat B would go on serving these for the caches' lifetimes (60 s and 10 s).
    await vi.waitFor(
      async () => {
        expect(await feedOnB()).toBe(403)
        expect(await viewerOnB(bob)).toBeNull()
      },
      { timeout: 3000, interval: 25 },
    )

    // B reconnects, listens again and trusts its caches again; a write on A still reaches it.
    await vi.waitFor(() => expect(listening()).toBe(true), { timeout: 10_000, interval: 50 })
    const ann = await sessionClient(t.app, await buildPerson(t.app, { name: 'Ann' }))
    expect(await viewerOnB(ann)).not.toBeNull()
    expect((await ann.post('/api/auth/logout')).statusCode).toBe(200)
    await vi.waitFor(async () => expect(await viewerOnB(ann)).toBeNull(), { timeout: 3000, interval: 25 })
  })

  it('serves nothing stale between a connection cut by the server and the next LISTEN', async () => {
    await vi.waitFor(() => expect(proxy.listenerPorts()).toHaveLength(1), { timeout: 10_000, interval: 50 })
    await letIn()
    const bob = await sessionClient(t.app, await buildPerson(t.app, { name: 'Bob Two' }))
    expect(await feedOnB()).toBe(200)
    expect(await viewerOnB(bob)).not.toBeNull()

    const psql = new pg.Client({ connectionString: t.config.databaseUrl })
    await psql.connect()
    try {
      const cut = await psql.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and client_port = any($1::int[])',
        [proxy.listenerPorts()],
      )
      expect(cut.rows).toHaveLength(1)
    } finally {
      await psql.end()
    }
    // B learns of the cut at once (the socket closes); it reconnects only after its retry delay (3 s here).
    await sleep(300)
    // Reads made while B cannot hear node A: they must not be kept and served after A's writes.
    expect(await feedOnB()).toBe(200)
    expect(await viewerOnB(bob)).not.toBeNull()
    expect((await out.post('/api/communities/inner/leave', {})).statusCode).toBe(200)
    expect((await bob.post('/api/auth/logout')).statusCode).toBe(200)
    expect(await feedOnB()).toBe(403)
    expect(await viewerOnB(bob)).toBeNull()

    await vi.waitFor(() => expect(listening()).toBe(true), { timeout: 10_000, interval: 50 })
  })
})
