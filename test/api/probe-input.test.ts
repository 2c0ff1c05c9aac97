import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listRoutes } from '../../src/server/platform/route-registry.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../helpers/app.js'
import { pngLike, upload } from '../../src/server/knowledge/media-test-support.js'
import { post } from './fixtures-domains.js'
import { buildPerson, sessionClient, snapshotTables } from './support.js'

// Input an outside probe sent that the app answered with a 500 or in Fastify's own shape instead of ours:
// deeply nested JSON, an image body on a JSON route, and a URL that does not decode.

function expectError(res: LightMyRequestResponse, status: number, code?: string): void {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.json()).toEqual({ error: { code: code ?? expect.any(String), message: expect.any(String) } })
}

/** `depth` objects nested in each other, `{"a":{"a":...1...}}`, as JSON text. */
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
/** `depth` arrays nested in each other, `[[[...]]]`, as JSON text. */
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

/** Route parameters that pass every params schema, so that the body is what gets judged. */
const PARAM_VALUES: Record<string, string> = {
  id: '1',
  slug: 'no-such-community',
  personId: 'no-such-person',
  token: 'x'.repeat(16),
  position: '0',
}
const fill = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => PARAM_VALUES[name] ?? 'x')

describe.each(DIALECTS)('%s: input an outside probe sent', (dialect) => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  const bodyRoutes = () =>
    listRoutes(t.app).filter(
      // Logging out takes no body, so a deep one is ignored and the admin's session would end.
      (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url.startsWith('/api/') && r.url !== '/api/auth/logout',
    )

  describe('deeply nested JSON', () => {
    for (const [shape, text] of [
      ['objects 10,000 deep', deepObject(10_000)],
      ['arrays 100,000 deep', deepArray(100_000)],
      // A "constructor" key makes Fastify's parser (secure-json-parse) scan the whole parsed body for prototype
      // poisoning; its scan is iterative too.
      ['objects 10,000 deep beside a constructor key', `{"constructor":1,"a":${deepObject(10_000)}}`],
    ] as const) {
      it(`answers ${shape} on every JSON route with a 4xx, logged out and in, and changes nothing`, async () => {
        const before = await snapshotTables(t.app)
        const failures: string[] = []
        for (const route of bodyRoutes()) {
          const opts: InjectOptions = {
            method: route.method,
            url: fill(route.url),
            payload: text,
            headers: { 'content-type': 'application/json' },
          }
          for (const [who, res] of [
            ['anonymous', await t.app.inject(opts)],
            ['admin', await admin.request(opts)],
          ] as const) {
            const line = `${who} ${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 120)}`
            const refused = res.statusCode >= 400
            if (res.statusCode >= 500 || (refused && !res.json<{ error?: { code?: string } }>().error?.code)) failures.push(line)
            // A route that validates a JSON body refuses the depth itself, before anything else reads it. One that
            // takes no body may ignore it.
            const body = route.schema?.body as { format?: string } | undefined
            const judged = who === 'admin' && body !== undefined && body.format !== 'binary'
            if (judged && res.json<{ error?: { code?: string } }>().error?.code !== 'body_too_deep') failures.push(line)
          }
        }
        expect(failures).toEqual([])
        expect(await snapshotTables(t.app)).toEqual(before)
      })
    }

    it('still takes bodies nested as deep as the API uses', async () => {
      const slug = `deep-enough-${dialect}`
      const res = await admin.post('/api/communities', { name: 'Deep enough', purpose: '', visibility: 'open', slug })
      expect(res.statusCode, res.body).toBe(201)
      const rules = { minQuestions: 0, minAnswers: 1, minPosts: 0, minThanksReceived: 0, minWeeksActive: 0 }
      const patched = await admin.patch(`/api/communities/${slug}`, { rules: { toMember: rules, toCore: rules } })
      expect(patched.statusCode, patched.body).toBe(200)
    })

    it('refuses a body just past the limit and takes one at it', async () => {
      const at = await admin.request({
        method: 'POST',
        url: '/api/markdown/preview',
        payload: `{"markdown":"x","extra":${deepArray(63)}}`,
        headers: { 'content-type': 'application/json' },
      })
      expect(at.json<{ error?: { code: string } }>().error?.code).not.toBe('body_too_deep')
      const past = await admin.request({
        method: 'POST',
        url: '/api/markdown/preview',
        payload: `{"markdown":"x","extra":${deepArray(64)}}`,
        headers: { 'content-type': 'application/json' },
      })
      expectError(past, 400, 'body_too_deep')
    })
  })

  describe('an image body on a JSON route', () => {
    it('PATCH /api/media/:id with an image type is a 415', async () => {
      const member = await sessionClient(t.app, await buildPerson(t.app))
      const item = (await upload(member, 'image/png', pngLike())).json<{ id: string }>()
      // Over a real socket: the request stream then holds the socket and the server, which validation walked.
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' })
      for (const type of ['image/png', 'video/webm', 'audio/mpeg']) {
        const res = await fetch(`${base}/api/media/${item.id}`, {
          method: 'PATCH',
          body: new Uint8Array(pngLike(64 * 1024)),
          headers: { 'content-type': type, cookie: member.cookie, 'x-csrf-token': member.csrfToken },
        })
        const text = await res.text()
        expect(res.status, text).toBe(415)
        expect(JSON.parse(text)).toEqual({ error: { code: 'unsupported_media_type', message: expect.any(String) } })
      }
      const ok = await member.patch(`/api/media/${item.id}`, { transcript: 'still editable as JSON' })
      expect(ok.statusCode, ok.body).toBe(200)
    })

    it('an image body on another JSON route is a 415 too', async () => {
      const member = await buildPerson(t.app)
      const client = await sessionClient(t.app, member)
      const res = await client.request({
        method: 'PATCH',
        url: `/api/people/${member.id}`,
        payload: pngLike(),
        headers: { 'content-type': 'image/png' },
      })
      expectError(res, 415, 'unsupported_media_type')
    })
  })

  describe('a URL that does not decode', () => {
    it.each(['/api/people/%ff', '/api/communities/%e0%a4', '/api/posts/%zz', '/api/people/a%ff/chain'])(
      'GET %s is a 400 in our error shape',
      async (url) => {
        expectError(await admin.get(url), 400, 'bad_url')
        expectError(await t.app.inject({ method: 'GET', url }), 400, 'bad_url')
      },
    )
  })

  it.each(['/api/people?q=%ff', '/api/search?q=%e0%a4', '/api/communities?x=%zz'])('GET %s is answered in our shape', async (url) => {
    const res = await admin.get(url)
    expect(res.statusCode, res.body).toBeLessThan(500)
    if (res.statusCode >= 400) expect(res.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } })
  })

  describe('personal responses', () => {
    it('are never stored by a browser or proxy cache', async () => {
      const member = await buildPerson(t.app)
      const client = await sessionClient(t.app, member)
      const q = await post(t.app, { author: member })
      const urls = [
        '/api/me/export',
        '/api/auth/session',
        '/api/notifications',
        '/api/notifications/preferences',
        '/api/me/availability',
        '/api/me/hidden-topics',
        '/api/asks/inbox',
        `/api/people/${member.id}`,
        `/api/people/${member.id}/learned-from`,
        `/api/people/${member.id}/known-for`,
        `/api/posts/${q.id}`,
        `/api/communities/${q.slug}/feed`,
        '/api/communities/recommended',
        '/api/people/no-such-person',
      ]
      for (const url of urls) {
        const res = await client.get(url)
        expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500)
        expect(res.headers['cache-control'], url).toBe('no-store')
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/session' })).headers['cache-control']).toBe('no-store')
      const changed = await client.put('/api/me/hidden-topics', { tags: [] })
      expect(changed.headers['cache-control'], changed.body).toBe('no-store')
    })
  })
})
