import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionClient } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp, twoPgNodes } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import type { Person } from '../../shared/schemas.js'
import { ProfileCache, type ProfileView } from './profile-cache.js'
import { updatePerson } from './store.js'

const view = (id: string): ProfileView => ({ others: { id } as Person, analyticsOptOut: false })

describe('ProfileCache', () => {
  it('keeps a profile for its TTL', () => {
    const cache = new ProfileCache({ ttlMs: 1000 })
    cache.set('a', view('a'), cache.generation, 5000)
    expect(cache.get('a', 5999)?.others.id).toBe('a')
    expect(cache.get('a', 6000)).toBeUndefined()
  })

  it('drops a fill whose query started before an invalidation', () => {
    const cache = new ProfileCache()
    const before = cache.generation
    cache.clear()
    cache.set('a', view('a'), before, 0)
    expect(cache.get('a', 1)).toBeUndefined()
    cache.set('a', view('a'), cache.generation, 0)
    expect(cache.get('a', 1)?.others.id).toBe('a')
  })

  it('holds at most maxEntries, evicting the oldest fill', () => {
    const cache = new ProfileCache({ maxEntries: 2 })
    for (const id of ['a', 'b', 'c']) cache.set(id, view(id), cache.generation, 0)
    expect(cache.size).toBe(2)
    expect(cache.get('a', 1)).toBeUndefined()
    expect(cache.get('c', 1)?.others.id).toBe('c')
  })
})

describe.each(DIALECTS)('%s: cached profiles follow every write', (dialect) => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  it('shows an edit, a new manager and a new report at once', async () => {
    const boss = await buildPerson(t.app, { name: 'Bo Boss' })
    const p = await buildPerson(t.app, { name: 'Old Name' })
    const reader = await sessionClient(t.app, await buildPerson(t.app))
    const profile = async (id: string) => (await reader.get(`/api/people/${id}`)).json<Person>()
    expect(await profile(p.id)).toMatchObject({ name: 'Old Name', manager: null })
    expect((await profile(boss.id)).reportCount).toBe(0)

    const own = await sessionClient(t.app, p)
    expect((await own.patch(`/api/people/${p.id}`, { bio: 'New bio' })).statusCode).toBe(200)
    expect((await admin.patch(`/api/people/${p.id}`, { managerId: boss.id })).statusCode).toBe(200)
    expect(await profile(p.id)).toMatchObject({ bio: 'New bio', manager: { id: boss.id, name: 'Bo Boss' } })
    // The boss's own row did not change; their report count did.
    expect(await profile(boss.id)).toMatchObject({ reportCount: 1, isManager: true })

    // A write through any Kysely statement on the person table, not only through the profile routes.
    await updatePerson(t.app.db, boss.id, { name: 'Bo Renamed' })
    expect((await profile(p.id)).manager?.name).toBe('Bo Renamed')
  })

  it('shows the opt-out and the right to edit only to the person and admins, from the same cached profile', async () => {
    const p = await buildPerson(t.app)
    const own = await sessionClient(t.app, p)
    const other = await sessionClient(t.app, await buildPerson(t.app))
    expect((await own.patch(`/api/people/${p.id}`, { analyticsOptOut: true })).statusCode).toBe(200)
    for (let i = 0; i < 2; i++) {
      expect((await other.get(`/api/people/${p.id}`)).json()).toMatchObject({ canEdit: false })
      expect((await other.get(`/api/people/${p.id}`)).json()).not.toHaveProperty('analyticsOptOut')
      expect((await own.get(`/api/people/${p.id}`)).json()).toMatchObject({ canEdit: true, analyticsOptOut: true })
      expect((await admin.get(`/api/people/${p.id}`)).json()).toMatchObject({ canEdit: true, analyticsOptOut: true })
    }
  })

  it('stops showing an erased person at once', async () => {
    const p = await buildPerson(t.app)
    const reader = await sessionClient(t.app, await buildPerson(t.app))
    expect((await reader.get(`/api/people/${p.id}`)).statusCode).toBe(200)
    await updatePerson(t.app.db, p.id, { status: 'erased' })
    expect((await reader.get(`/api/people/${p.id}`)).statusCode).toBe(404)
  })
})

describe('postgres: a profile cached on one node follows writes made on another', () => {
  const nodes = twoPgNodes()

  it('through the other node and through psql', async () => {
    const { t, second } = nodes
    const p = await buildPerson(t.app, { name: 'Before' })
    const reader = await sessionClient(t.app, await buildPerson(t.app))
    const name = async () => (await reader.get(`/api/people/${p.id}`)).json<Person>().name
    expect(await name()).toBe('Before')
    await updatePerson(second.db, p.id, { name: 'Via Second Node' })
    // The TTL (10 s) is far longer than this wait: only the notification can make these pass.
    await vi.waitFor(async () => expect(await name()).toBe('Via Second Node'), { timeout: 3000, interval: 20 })
    const psql = new pg.Client({ connectionString: t.config.databaseUrl })
    await psql.connect()
    try {
      await psql.query(`update person set name = 'Via psql' where id = $1`, [p.id])
    } finally {
      await psql.end()
    }
    await vi.waitFor(async () => expect(await name()).toBe('Via psql'), { timeout: 3000, interval: 20 })
  })
})
