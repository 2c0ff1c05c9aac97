import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Access } from '../../src/server/platform/auth/viewer.js'
import { listRoutes } from '../../src/server/platform/route-registry.js'
import { createTestApp, DIALECTS, setupAdmin, type TestApp } from '../helpers/app.js'
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js'
import { AUTHZ_TABLE } from './authz-table.js'
import type { AuthzEntry, MatrixCtx, Reply } from './authz-types.js'
import { newCaller, ROLES, send, snapshotTables, type Caller, type Role } from './support.js'

/** Who each declared access level lets in; the table's `allowed` must agree with the route's declaration. */
const ROLES_FOR: Record<Access, readonly Role[]> = {
  public: ['anonymous', 'member', 'manager', 'admin'],
  member: ['member', 'manager', 'admin'],
  manager: ['manager', 'admin'],
  admin: ['admin'],
}
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const entries = Object.entries(AUTHZ_TABLE)

/** The API routes the matrix must cover: everything under /api except the OpenAPI docs. */
function apiRoutes(t: TestApp) {
  return listRoutes(t.app).filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
}

/** Sends over a real socket and reads only the first chunk: enough for the status, headers and an error body. */
async function sendLive(baseUrl: string, caller: Caller, opts: InjectOptions): Promise<Reply> {
  const abort = new AbortController()
  const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) }
  if (caller.client) Object.assign(headers, { cookie: caller.client.cookie, 'x-csrf-token': caller.client.csrfToken })
  try {
    const res = await fetch(`${baseUrl}${opts.url as string}`, { method: opts.method as string, headers, signal: abort.signal })
    const first = await res.body!.getReader().read()
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: new TextDecoder().decode(first.value), cookies: [] }
  } finally {
    abort.abort()
  }
}

describe.each(DIALECTS)('%s: authorization matrix', (dialect) => {
  const BASE_URL = 'http://wellspring.test'
  let t: TestApp
  let idp: TestOidcProvider
  let ctx: MatrixCtx
  let liveUrl: string
  beforeAll(async () => {
    // With single sign-on configured, so that its routes are registered and covered too.
    idp = await startOidcProvider({ redirectUri: `${BASE_URL}/api/auth/oidc/callback` })
    t = await createTestApp(dialect, {
      baseUrl: BASE_URL,
      oidc: { issuer: idp.issuer, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: 'Test SSO' },
    })
    ctx = { app: t.app, idp }
    await setupAdmin(t.app)
    liveUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await t.close()
    await idp.close()
  })

  const deliver = (entry: AuthzEntry, caller: Caller, opts: InjectOptions): Promise<Reply> =>
    entry.live ? sendLive(liveUrl, caller, opts) : send(t.app, caller, opts)

  it('has a row for every /api route, and no row for a route that does not exist', () => {
    const registered = apiRoutes(t).map((r) => `${r.method} ${r.url}`)
    const missing = registered.filter((key) => !(key in AUTHZ_TABLE))
    expect(missing, 'add these routes to test/api/authz-table.ts (or the domain file it merges)').toEqual([])
    const stale = Object.keys(AUTHZ_TABLE).filter((key) => !registered.includes(key))
    expect(stale, 'these rows name routes that are not registered').toEqual([])
  })

  it('builds callers that hold exactly the role they stand for', async () => {
    const flags = {
      member: { isAdmin: false, isManager: false },
      manager: { isAdmin: false, isManager: true },
      admin: { isAdmin: true, isManager: true },
    }
    for (const role of ['member', 'manager', 'admin'] as const) {
      const caller = await newCaller(t.app, role)
      expect((await caller.client!.get('/api/auth/session')).json().viewer, role).toMatchObject(flags[role])
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session' })).json().viewer).toBeNull()
  })

  it('agrees with the access every route declares', () => {
    for (const route of apiRoutes(t)) {
      const entry = AUTHZ_TABLE[`${route.method} ${route.url}`]
      if (!entry || !route.access) continue
      expect([...entry.allowed].sort(), `${route.method} ${route.url} declares ${route.access}`).toEqual(
        [...ROLES_FOR[route.access]].sort(),
      )
    }
  })

  describe.each(entries)('%s', (_key, entry) => {
    it.each(ROLES)('as %s', async (role) => {
      const caller = await newCaller(t.app, role)
      const opts = await entry.request(ctx, caller)
      if (entry.allowed.includes(role)) {
        const res = await deliver(entry, caller, opts)
        expect(res.statusCode, res.body).toBe(entry.status)
        entry.check?.(res, ctx)
        return
      }
      const before = await snapshotTables(t.app)
      const res = await deliver(entry, caller, opts)
      const expected = role === 'anonymous' ? { status: 401, code: 'authentication_required' } : { status: 403, code: 'forbidden' }
      expect(res.statusCode, res.body).toBe(expected.status)
      expect(JSON.parse(res.body)).toEqual({ error: { code: expected.code, message: expect.any(String) } })
      expect(await snapshotTables(t.app)).toEqual(before)
    })

    const notOwner = entry.notOwner
    if (notOwner) {
      it.each(Object.entries(notOwner.status))('as %s, on something not theirs', async (role, status) => {
        const caller = await newCaller(t.app, role as Role)
        const opts = await notOwner.request(ctx, caller)
        const before = await snapshotTables(t.app)
        const res = await deliver(entry, caller, opts)
        expect(res.statusCode, res.body).toBe(status)
        if (status >= 400) {
          expect(JSON.parse(res.body)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } })
          expect(await snapshotTables(t.app)).toEqual(before)
        }
      })
    }
  })

  // Every state-changing route a logged-in person may call must insist on the CSRF header.
  const csrfEntries = entries.filter(([key, e]) => STATE_CHANGING.has(key.split(' ')[0]!) && e.allowed.some((r) => r !== 'anonymous'))
  describe.each(csrfEntries)('%s: CSRF', (_key, entry) => {
    const role = entry.allowed.find((r) => r !== 'anonymous' && r !== 'admin') ?? 'admin'
    it.each([
      ['without the x-csrf-token header', undefined],
      ['with a wrong x-csrf-token header', 'not-the-token'],
    ])(`is refused ${role === 'admin' ? 'to an admin' : 'to a member'} %s`, async (_label, header) => {
      const caller = await newCaller(t.app, role)
      const opts = await entry.request(ctx, caller)
      const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined), cookie: caller.client!.cookie }
      if (header) headers['x-csrf-token'] = header
      const before = await snapshotTables(t.app)
      const res = await t.app.inject({ ...opts, headers })
      expect(res.statusCode, res.body).toBe(403)
      expect(res.json()).toEqual({ error: { code: 'csrf_failed', message: expect.any(String) } })
      expect(await snapshotTables(t.app)).toEqual(before)
    })
  })
})
