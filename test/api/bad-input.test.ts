import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { CASES, SETUP_CASES, type BadCase, type BadCtx } from './bad-input-cases.js'
import { ID_CASES } from './bad-input-ids.js'
import { post } from './fixtures-domains.js'
import { sessionClient, snapshotTables } from './support.js'

// Bad input gets a 4xx with { error: { code, message } } and changes nothing (DESIGN.md). Each case is sent
// between two snapshots of every table a request could touch.

function expectErrorBody(res: LightMyRequestResponse, status: number, code: string | undefined): void {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  expect(res.json()).toEqual({ error: { code: code ?? expect.any(String), message: expect.any(String) } })
}

const named = (cases: BadCase[]) => cases.map((c) => [c.name, c] as const)

describe.each(DIALECTS)('%s: bad input', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(async () => t.close())

  // Setup is refused once done, so its bad bodies are tried first, while setup is still needed.
  describe('before setup', () => {
    it.each(named(SETUP_CASES))('refuses %s and changes nothing', async (_name, c) => {
      const before = await snapshotTables(t.app)
      expectErrorBody(await t.app.inject(c.request({} as BadCtx)), c.status, c.code)
      expect(await snapshotTables(t.app)).toEqual(before)
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/session' })).json().setupNeeded).toBe(true)
    })
  })

  describe('after setup', () => {
    const ctx = {} as BadCtx
    const clients: Partial<Record<BadCase['as'], Client>> = {}
    beforeAll(async () => {
      clients.admin = await setupAdmin(t.app)
      ctx.member = await buildPerson(t.app, { email: 'member@example.com' })
      ctx.other = await buildPerson(t.app)
      clients.member = await sessionClient(t.app, ctx.member)
      const q = await post(t.app, { author: ctx.member })
      ctx.slug = q.slug
      ctx.postId = q.id
    })

    it.each(named([...CASES, ...ID_CASES]))('refuses %s and changes nothing', async (_name, c) => {
      const opts = c.request(ctx)
      const client = clients[c.as]
      const before = await snapshotTables(t.app)
      const res = client ? await client.request(opts) : await t.app.inject(opts)
      expectErrorBody(res, c.status, c.code)
      expect(await snapshotTables(t.app)).toEqual(before)
    })

    it('stores no file when a photo upload is refused', async () => {
      const opts: InjectOptions = {
        method: 'PUT',
        url: '/api/me/photo',
        payload: 'GIF89a not really',
        headers: { 'content-type': 'image/png' },
      }
      expectErrorBody(await clients.member!.request(opts), 400, 'invalid_image')
      expect(await t.app.storage.get(`photos/${ctx.member.id}`)).toBeUndefined()
    })
  })
})
