import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'

// Issue 10, defect 8, on the server: what the thread tells its viewer (theirs? thanked?), and the closed
// community of a post a non-member cannot read.
describe.each(DIALECTS)('%s: first touch, posts tell their viewer what they did', (dialect) => {
  let t: TestApp
  let sam: Client
  let ana: Client
  let closedId = 0
  let secretId = 0
  let openId = 0
  let lessonId = 0
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam', email: 'sam@example.com' })
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    for (const [name, visibility] of [
      ['Data engineering', 'open'],
      ['Testing', 'closed'],
      ['Skunkworks', 'secret'],
    ] as const) {
      expect((await sam.post('/api/communities', { name, purpose: name, visibility })).statusCode).toBe(201)
    }
    const post = async (c: Client, slug: string, body: object) =>
      (await c.post(`/api/communities/${slug}/posts`, body)).json<{ id: number }>().id
    openId = await post(sam, 'data-engineering', { kind: 'story', title: 'Open story', body: 'x' })
    closedId = await post(sam, 'testing', { kind: 'story', title: 'Closed story', body: 'x' })
    secretId = await post(sam, 'skunkworks', { kind: 'story', title: 'Secret story', body: 'x' })
    lessonId = await post(ana, 'data-engineering', { kind: 'lesson', title: 'Anonymous lesson', body: 'x', anonymous: true })
  })
  afterAll(async () => t.close())

  it('says whether the viewer wrote the post (anonymous too), and which posts they thanked', async () => {
    const lesson = async (c: Client) => (await c.get(`/api/posts/${lessonId}`)).json<{ post: Record<string, unknown> }>().post
    expect(await lesson(ana)).toMatchObject({ author: null, anonymous: true, mine: true })
    expect(await lesson(sam)).toMatchObject({ author: null, mine: false })
    expect((await sam.post(`/api/posts/${lessonId}/thanks`, { kind: 'learned' })).statusCode).toBe(201)
    // What the viewer said comes with the thread (`mine`), each viewer's own, read twice (the second from the cache).
    const mine = async (c: Client, id: number) => (await c.get(`/api/posts/${id}`)).json<{ mine: unknown }>().mine
    for (let i = 0; i < 2; i++) {
      expect(await mine(sam, lessonId)).toEqual({ thanks: [], learned: [lessonId], votes: [] })
      expect(await mine(ana, lessonId)).toEqual({ thanks: [], learned: [], votes: [] })
    }
    expect((await ana.post(`/api/posts/${openId}/thanks`, { kind: 'thanks' })).statusCode).toBe(201)
    expect(await mine(ana, openId)).toEqual({ thanks: [openId], learned: [], votes: [] })
    expect(await mine(sam, openId)).toEqual({ thanks: [], learned: [], votes: [] })
    // Only threads the viewer may read; only for people logged in.
    expect((await ana.get(`/api/posts/${closedId}`)).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/api/posts/${openId}` })).statusCode).toBe(401)
  })

  it('names the closed community of a post a non-member cannot read, and nothing else', async () => {
    expect((await ana.get(`/api/posts/${closedId}`)).statusCode).toBe(404)
    const hint = await ana.get(`/api/posts/${closedId}/closed-community`)
    expect(hint.statusCode).toBe(200)
    expect(hint.json()).toEqual({ community: { slug: 'testing', name: 'Testing' } })
    // Not for members (they read it), secret communities (they do not exist to others), open, missing or bad ids.
    for (const [who, id] of [
      [sam, closedId],
      [ana, secretId],
      [ana, openId],
      [ana, 999_999],
    ] as const) {
      const res = await who.get(`/api/posts/${id}/closed-community`)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ error: { code: 'post_not_found', message: `no post ${id}` } })
    }
    expect((await ana.get('/api/posts/abc/closed-community')).statusCode).toBe(400)
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/posts/${closedId}/closed-community` })
    expect(anonymous.statusCode).toBe(401)
  })
})
