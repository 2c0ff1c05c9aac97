import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionClient } from '../../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp, twoPgNodes } from '../../../../test/helpers/app.js'
import { buildPerson, updatePersonRow } from '../../../../test/helpers/factories.js'
import { isoIn } from '../time.js'
import { ViewerCache } from './viewer-cache.js'
import type { Viewer } from './viewer.js'

const viewer = (id: string): Viewer => ({ id, name: id, email: `${id}@example.com`, isAdmin: false, isManager: false, csrfToken: 'c' })
const IN_A_DAY = isoIn(24 * 3600_000)

describe('ViewerCache', () => {
  it('keeps a viewer for its TTL, and never past the session expiry', () => {
    const cache = new ViewerCache({ ttlMs: 1000 })
    cache.setViewer('a', 'hash-a', viewer('a'), IN_A_DAY, cache.generation, 5000)
    expect(cache.get('a', 5999)?.viewer.id).toBe('a')
    expect(cache.get('a', 6000)).toBeUndefined()
    const expires = new Date(10_500).toISOString()
    cache.setViewer('b', 'hash-b', viewer('b'), expires, cache.generation, 10_000)
    expect(cache.get('b', 10_499)?.viewer.id).toBe('b')
    expect(cache.get('b', 10_500)).toBeUndefined()
  })

  it('drops a fill whose query started before an invalidation', () => {
    const cache = new ViewerCache()
    const before = cache.generation
    cache.clear()
    expect(cache.setViewer('a', 'hash-a', viewer('a'), IN_A_DAY, before, 0).id).toBe('a')
    expect(cache.get('a', 1)).toBeUndefined()
    cache.setViewer('a', 'hash-a', viewer('a'), IN_A_DAY, cache.generation, 0)
    expect(cache.get('a', 1)).toMatchObject({ viewer: { id: 'a' }, sessionId: 'hash-a' })
  })

  it('holds at most maxEntries, evicting the oldest, and freezes what it hands out', () => {
    const cache = new ViewerCache({ maxEntries: 2 })
    for (const id of ['a', 'b', 'c']) cache.setViewer(id, `hash-${id}`, viewer(id), IN_A_DAY, cache.generation, 0)
    expect(cache.size).toBe(2)
    expect(cache.get('a', 1)).toBeUndefined()
    expect(Object.isFrozen(cache.get('c', 1)?.viewer)).toBe(true)
  })
})

describe.each(DIALECTS)('%s: validated sessions are cached and invalidated', (dialect) => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  const viewerOf = async (c: Client) => (await c.get('/api/auth/session')).json().viewer

  it('ends a session at once on logout, on this node', async () => {
    const p = await buildPerson(t.app)
    const client = await sessionClient(t.app, p)
    expect((await viewerOf(client)).id).toBe(p.id)
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200)
    expect(await viewerOf(client)).toBeNull()
    expect((await client.get('/api/people')).statusCode).toBe(401)
  })

  it('sees a role change, a new report, a deactivation and an erasure on the next request', async () => {
    const p = await buildPerson(t.app)
    const client = await sessionClient(t.app, p)
    expect(await viewerOf(client)).toMatchObject({ isAdmin: false, isManager: false })
    expect((await admin.patch(`/api/admin/people/${p.id}/roles`, { role: 'admin' })).statusCode).toBe(200)
    expect(await viewerOf(client)).toMatchObject({ isAdmin: true, isManager: true })
    expect((await client.get('/api/admin/people')).statusCode).toBe(200)
    expect((await admin.patch(`/api/admin/people/${p.id}/roles`, { role: 'member' })).statusCode).toBe(200)
    expect((await client.get('/api/admin/people')).statusCode).toBe(403)

    await buildPerson(t.app, { manager_id: p.id })
    expect(await viewerOf(client)).toMatchObject({ isAdmin: false, isManager: true })

    await updatePersonRow(t.app, p.id, { status: 'invited' })
    expect(await viewerOf(client)).toBeNull()
    await updatePersonRow(t.app, p.id, { status: 'active' })
    expect((await viewerOf(client)).id).toBe(p.id)

    const asked = await client.post('/api/me/erasure', { reason: 'leaving' })
    expect(asked.statusCode).toBe(201)
    expect((await admin.post(`/api/admin/erasures/${asked.json().id}/confirm`)).statusCode).toBe(200)
    expect(await viewerOf(client)).toBeNull()
  })
})

describe('sqlite: the cache is in use', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('sqlite')
  })
  afterAll(async () => t.close())

  it('answers a repeated request without the session row (a raw delete bypasses the invalidation on purpose)', async () => {
    const p = await buildPerson(t.app)
    const client = await sessionClient(t.app, p)
    expect((await client.get('/api/auth/session')).json().viewer.id).toBe(p.id)
    // Raw SQL is not seen by the cache's plugin; the app never writes sessions this way. This shows that the
    // invalidation tests above would fail without the invalidation.
    await sql`delete from session where person_id = ${p.id}`.execute(t.app.db)
    expect((await client.get('/api/auth/session')).json().viewer.id).toBe(p.id)
  })
})

describe('postgres: several app nodes on one database', () => {
  const nodes = twoPgNodes()

  it('sees a logout made through another node', async () => {
    const { t, second } = nodes
    const p = await buildPerson(t.app)
    const onFirst = await sessionClient(t.app, p)
    const onSecond = {
      ...onFirst,
      post: (url: string) => second.inject({ method: 'POST', url, headers: { cookie: onFirst.cookie, 'x-csrf-token': onFirst.csrfToken } }),
    }
    expect((await onFirst.get('/api/auth/session')).json().viewer.id).toBe(p.id)
    expect((await onSecond.post('/api/auth/logout')).statusCode).toBe(200)
    // The notification arrives after the other node's commit, asynchronously; the cache TTL (10 s) is far longer
    // than this wait, so only the notification can make this pass.
    await vi.waitFor(async () => expect((await onFirst.get('/api/auth/session')).json().viewer).toBeNull(), { timeout: 3000, interval: 20 })
  })

  it('listens again after its LISTEN connection is lost', async () => {
    const { t, second } = nodes
    const psql = new pg.Client({ connectionString: t.config.databaseUrl })
    await psql.connect()
    // The LISTEN connections name themselves (pg-listen.ts); their last query is the heartbeat's.
    const listeners = `select pid from pg_stat_activity where datname = current_database() and application_name = 'wellspring-listen'`
    try {
      expect((await psql.query(listeners)).rows).toHaveLength(2)
      await psql.query(`select pg_terminate_backend(pid) from (${listeners}) l`)
      await vi.waitFor(async () => expect((await psql.query(listeners)).rows).toHaveLength(2), { timeout: 10_000, interval: 100 })
    } finally {
      await psql.end()
    }
    const p = await buildPerson(t.app)
    const onFirst = await sessionClient(t.app, p)
    expect((await onFirst.get('/api/auth/session')).json().viewer.id).toBe(p.id)
    const logout = await second.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: onFirst.cookie, 'x-csrf-token': onFirst.csrfToken },
    })
    expect(logout.statusCode).toBe(200)
    await vi.waitFor(async () => expect((await onFirst.get('/api/auth/session')).json().viewer).toBeNull(), { timeout: 3000, interval: 20 })
  })

  it('sees a write by any client of the database, such as an admin in psql', async () => {
    const { t } = nodes
    const p = await buildPerson(t.app)
    const client = await sessionClient(t.app, p)
    expect((await client.get('/api/auth/session')).json().viewer.isAdmin).toBe(false)
    const psql = new pg.Client({ connectionString: t.config.databaseUrl })
    await psql.connect()
    try {
      await psql.query(`update person set role = 'admin' where id = $1`, [p.id])
    } finally {
      await psql.end()
    }
    await vi.waitFor(async () => expect((await client.get('/api/auth/session')).json().viewer.isAdmin).toBe(true), {
      timeout: 3000,
      interval: 20,
    })
  })
})
