import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotTables } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, TEST_PASSWORD, type TestApp, twoPgNodes } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'

const LIMIT = 3

/** Every authentication route, with a request that is valid in shape (whether or not it succeeds). */
const AUTH_REQUESTS: [string, InjectOptions][] = [
  [
    'POST /api/setup',
    { method: 'POST', url: '/api/setup', payload: { name: 'Late Admin', email: 'late@example.com', password: TEST_PASSWORD } },
  ],
  [
    'POST /api/auth/password-reset/request',
    { method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'nobody@example.com' } },
  ],
  [
    'POST /api/auth/password-reset/confirm',
    { method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token: 'x'.repeat(20), password: TEST_PASSWORD } },
  ],
  ['GET /api/auth/invitations/:token', { method: 'GET', url: `/api/auth/invitations/${'x'.repeat(20)}` }],
  [
    'POST /api/auth/invitations/accept',
    { method: 'POST', url: '/api/auth/invitations/accept', payload: { token: 'x'.repeat(20), password: TEST_PASSWORD } },
  ],
]

describe.each(DIALECTS)('%s: rate limits on authentication', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect, { authRateLimit: LIMIT })
    await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  it(`lets ${LIMIT} login attempts through a minute, then answers 429 with the error JSON and changes nothing`, async () => {
    const p = await buildPerson(t.app)
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.1', payload: { email: p.email, password } })
    for (let i = 0; i < LIMIT; i++) expect((await attempt('wrong password')).statusCode).toBe(401)
    const before = await snapshotTables(t.app)
    // Even the right password is refused now: guessing must not be able to go on.
    const res = await attempt(TEST_PASSWORD)
    expect(res.statusCode).toBe(429)
    expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } })
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    expect(res.cookies.find((c) => c.name === 'ws_session')).toBeUndefined()
    expect(await snapshotTables(t.app)).toEqual(before)
  })

  it('counts per client address', async () => {
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.2',
      payload: { email: 'x@example.com', password: 'whatever' },
    })
    expect(other.statusCode).toBe(401)
  })

  it.each(AUTH_REQUESTS)('limits %s too', async (_route, opts) => {
    const remoteAddress = `10.1.0.${AUTH_REQUESTS.findIndex(([r]) => r === _route) + 1}`
    for (let i = 0; i < LIMIT; i++) expect((await t.app.inject({ ...opts, remoteAddress })).statusCode).not.toBe(429)
    const res = await t.app.inject({ ...opts, remoteAddress })
    expect(res.statusCode).toBe(429)
    expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } })
  })

  it('does not limit ordinary routes', async () => {
    for (let i = 0; i < LIMIT * 3; i++) {
      expect((await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.2.0.1' })).statusCode).toBe(200)
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', remoteAddress: '10.2.0.1' })).statusCode).toBe(200)
    }
  })
})

describe('postgres: the limit is shared by every app node', () => {
  const nodes = twoPgNodes({ authRateLimit: LIMIT })

  it('counts attempts made through either node against one limit', async () => {
    const { t, second } = nodes
    const p = await buildPerson(t.app)
    const attempt = (node: FastifyInstance) =>
      node.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.3.0.1', payload: { email: p.email, password: 'wrong' } })
    // Alternating nodes: a per-node count would allow LIMIT on each, twice the attempts.
    for (let i = 0; i < LIMIT; i++) expect((await attempt(i % 2 === 0 ? t.app : second)).statusCode).toBe(401)
    expect((await attempt(second)).statusCode).toBe(429)
    expect((await attempt(t.app)).statusCode).toBe(429)
    // Another client still gets through on either node.
    const other = await second.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.3.0.2',
      payload: { email: p.email, password: 'wrong' },
    })
    expect(other.statusCode).toBe(401)
  })
})
