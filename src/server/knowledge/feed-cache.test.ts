import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionClient } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, twoPgNodes, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, loggedInPerson, updatePersonRow } from '../../../test/helpers/factories.js'

interface FeedItem {
  id: number
  title: string
  author: { name: string } | null
  community: { name: string }
  thanksCount: number
  answerCount: number
}

// Feed pages and community access are cached in memory (feed-cache.ts, communities/access-cache.ts). Every
// write that changes what a page shows, or who may read it, must show at once.
describe.each(DIALECTS)('%s: cached feeds follow every write', (dialect) => {
  let t: TestApp
  let ana: Client
  let raj: Client
  let out: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj', email: 'raj@example.com' })
    out = await loggedInPerson(t.app, { name: 'Out', email: 'out@example.com' })
    expect((await ana.post('/api/communities', { name: 'Ops', purpose: 'Operations', visibility: 'open' })).statusCode).toBe(201)
    expect((await ana.post('/api/communities', { name: 'Inner', purpose: 'Closed', visibility: 'closed' })).statusCode).toBe(201)
  })
  afterAll(async () => t.close())

  const feed = async (who: Client, slug = 'ops') => (await who.get(`/api/communities/${slug}/feed`)).json<{ items: FeedItem[] }>().items

  it('shows a new post, an answer count, thanks, an author rename and a community rename at once', async () => {
    const q = (await ana.post('/api/communities/ops/posts', { kind: 'question', title: 'First question', body: 'Why?' })).json<{
      id: number
    }>()
    expect((await feed(out)).map((p) => p.title)).toEqual(['First question'])
    expect((await feed(out))[0]).toMatchObject({ answerCount: 0, thanksCount: 0, author: { name: 'Ana' } })

    expect((await raj.post(`/api/posts/${q.id}/answers`, { body: 'Because.' })).statusCode).toBe(201)
    expect((await feed(out))[0]?.answerCount).toBe(1)

    expect((await raj.post(`/api/posts/${q.id}/thanks`, { kind: 'thanks' })).statusCode).toBe(201)
    expect((await feed(out))[0]?.thanksCount).toBe(1)

    await updatePersonRow(t.app, ana.id, { name: 'Ana Renamed' })
    expect((await feed(out))[0]?.author?.name).toBe('Ana Renamed')

    expect((await ana.patch('/api/communities/ops', { name: 'Operations' })).statusCode).toBe(200)
    expect((await feed(out))[0]?.community.name).toBe('Operations')

    expect((await raj.post('/api/communities/ops/posts', { kind: 'story', title: 'A story', body: 'Once.' })).statusCode).toBe(201)
    expect((await feed(out)).map((p) => p.title)).toEqual(['A story', 'First question'])
  })

  it('never serves a cached page of a closed community to someone who may not read it', async () => {
    expect((await ana.post('/api/communities/inner/posts', { kind: 'story', title: 'Members only', body: 'Shh.' })).statusCode).toBe(201)
    // A member fills the cache; the outsider still gets no page.
    expect((await feed(ana, 'inner')).map((p) => p.title)).toEqual(['Members only'])
    const refused = await out.get('/api/communities/inner/feed')
    expect(refused.statusCode).toBe(403)
    expect(refused.body).not.toContain('Members only')

    // Let in: reads at once. Removed: refused at once.
    const asked = await out.post('/api/communities/inner/join', {})
    expect(asked.statusCode).toBeLessThan(300)
    const pending = (await ana.get('/api/communities/inner/requests')).json<{ items: { id: string }[] }>().items
    expect(pending).toHaveLength(1)
    expect((await ana.post(`/api/communities/inner/requests/${pending[0]?.id}/approve`, {})).statusCode).toBe(200)
    expect((await feed(out, 'inner')).map((p) => p.title)).toEqual(['Members only'])
    expect((await out.post('/api/communities/inner/leave', {})).statusCode).toBe(200)
    expect((await out.get('/api/communities/inner/feed')).statusCode).toBe(403)
  })
})

describe('postgres: a feed cached on one node follows writes made on another', () => {
  const nodes = twoPgNodes()

  it('shows a post made through the other node', async () => {
    const { t, second } = nodes
    const ana = await buildPerson(t.app, { name: 'Ana' })
    const onFirst = await sessionClient(t.app, ana)
    const onSecond = await sessionClient(second, ana)
    expect((await onFirst.post('/api/communities', { name: 'Ops', purpose: 'Operations', visibility: 'open' })).statusCode).toBe(201)
    const titles = async () => (await onFirst.get('/api/communities/ops/feed')).json<{ items: FeedItem[] }>().items.map((p) => p.title)
    expect(await titles()).toEqual([])
    expect(
      (await onSecond.post('/api/communities/ops/posts', { kind: 'story', title: 'Via the second node', body: 'Hi.' })).statusCode,
    ).toBe(201)
    // The cache TTL (10 s) is far longer than this wait: only the notification can make this pass.
    await vi.waitFor(async () => expect(await titles()).toEqual(['Via the second node']), { timeout: 3000, interval: 20 })
  })
})
