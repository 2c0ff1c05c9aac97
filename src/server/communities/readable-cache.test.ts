import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionClient } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, twoPgNodes, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, deleteCommunityRow, loggedInPerson } from '../../../test/helpers/factories.js'

// Which communities a person may read is cached (readable-cache.ts); search filters by it. Joining, leaving and a
// change of visibility must show in search at once, on every node.
describe.each(DIALECTS)('%s: readable communities follow memberships at once', (dialect) => {
  let t: TestApp
  let ana: Client
  let out: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana' })
    out = await loggedInPerson(t.app, { name: 'Out' })
    expect((await ana.post('/api/communities', { name: 'Inner', purpose: 'Closed', visibility: 'closed' })).statusCode).toBe(201)
    expect(
      (await ana.post('/api/communities/inner/posts', { kind: 'story', title: 'Zeppelin maintenance', body: 'Helium.' })).statusCode,
    ).toBe(201)
  })
  afterAll(async () => t.close())

  const found = async (who: Client) => (await who.get('/api/search?q=zeppelin')).json<{ total: number }>().total

  it('finds a closed community’s posts from joining to leaving, and never outside', async () => {
    expect(await found(ana)).toBe(1)
    expect(await found(out)).toBe(0)
    expect(await found(out)).toBe(0)
    expect((await out.post('/api/communities/inner/join', {})).statusCode).toBeLessThan(300)
    const pending = (await ana.get('/api/communities/inner/requests')).json<{ items: { id: string }[] }>().items
    expect((await ana.post(`/api/communities/inner/requests/${pending[0]?.id}/approve`, {})).statusCode).toBe(200)
    expect(await found(out)).toBe(1)
    expect((await out.post('/api/communities/inner/leave', {})).statusCode).toBe(200)
    expect(await found(out)).toBe(0)
    expect((await ana.patch('/api/communities/inner', { visibility: 'open' })).statusCode).toBe(200)
    expect(await found(out)).toBe(1)
    await deleteCommunityRow(t.app, 'inner')
    expect(await found(ana)).toBe(0)
  })
})

describe('postgres: readable communities cached on one node follow memberships changed on another', () => {
  const nodes = twoPgNodes()

  it('stops finding a closed community’s posts once the member left through the other node', async () => {
    const { t, second } = nodes
    const ana = await sessionClient(t.app, await buildPerson(t.app, { name: 'Ana' }))
    const rajPerson = await buildPerson(t.app, { name: 'Raj' })
    const rajFirst = await sessionClient(t.app, rajPerson)
    const rajSecond = await sessionClient(second, rajPerson)
    expect((await ana.post('/api/communities', { name: 'Inner', purpose: 'Closed', visibility: 'closed' })).statusCode).toBe(201)
    expect((await ana.post('/api/communities/inner/posts', { kind: 'story', title: 'Zeppelin parts', body: 'Hm.' })).statusCode).toBe(201)
    const total = async () => (await rajFirst.get('/api/search?q=zeppelin')).json<{ total: number }>().total
    expect(await total()).toBe(0)
    expect((await rajSecond.post('/api/communities/inner/join', {})).statusCode).toBeLessThan(300)
    const pending = (await ana.get('/api/communities/inner/requests')).json<{ items: { id: string }[] }>().items
    expect((await ana.post(`/api/communities/inner/requests/${pending[0]?.id}/approve`, {})).statusCode).toBe(200)
    expect(await total()).toBe(1)
    expect((await rajSecond.post('/api/communities/inner/leave', {})).statusCode).toBe(200)
    // The TTL (60 s) is far longer than this wait: only the notification can make it pass.
    await vi.waitFor(async () => expect(await total()).toBe(0), { timeout: 3000, interval: 20 })
  })
})
