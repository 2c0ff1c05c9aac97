import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'

describe.each(DIALECTS)('%s: @mentions', (dialect) => {
  let t: TestApp
  let ana: Client
  let raj: Client
  let out: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana Silva', email: 'ana.silva@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj Kumar', email: 'raj.k@example.com' })
    out = await loggedInPerson(t.app, { name: 'Olu Outsider', email: 'olu@example.com' })
    await ana.post('/api/communities', { name: 'Testing', purpose: 'Tests', visibility: 'closed' })
  })
  afterAll(async () => t.close())

  it('suggests people from the directory with the handle that mentions them; bad input is a 400', async () => {
    const res = await raj.get('/api/people/mentions?q=ana')
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual([{ person: expect.objectContaining({ id: ana.id, name: 'Ana Silva' }), handle: 'ana.silva' }])
    expect((await raj.get('/api/people/mentions?q=')).statusCode).toBe(400)
    expect((await raj.get(`/api/people/mentions?q=${'a'.repeat(101)}`)).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/api/people/mentions?q=ana' })).statusCode).toBe(401)
  })

  it('notifies a mentioned person only if they can read the post', async () => {
    const joined = await raj.post('/api/communities/testing/join', {})
    expect(joined.statusCode).toBeLessThan(300)
    const steward = ana
    const requests = (await steward.get('/api/communities/testing/requests')).json().items
    for (const r of requests) await steward.post(`/api/communities/testing/requests/${r.id}/approve`, {})
    const post = await ana.post('/api/communities/testing/posts', { kind: 'story', title: 'Flaky tests', body: 'Ask @raj.k and @olu' })
    expect(post.statusCode).toBe(201)
    const kinds = async (c: Client) =>
      (await c.get('/api/notifications'))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'mention')
        .map((n: { title: string }) => n.title)
    await expect.poll(() => kinds(raj)).toEqual(['Flaky tests'])
    expect(await kinds(out)).toEqual([])
  })
})
