import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../../test/helpers/app.js'
import { buildPerson, countPeople as countAllPeople, findPersonRow, updatePersonRow } from '../../../../test/helpers/factories.js'
import {
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_PUBLIC_CLIENT_ID,
  startOidcProvider,
  type TestOidcProvider,
} from '../../../../test/helpers/oidc-provider.js'
import { safeReturnTo } from './oidc.js'

const BASE_URL = 'http://wellspring.test'

describe('safeReturnTo', () => {
  it('keeps same-site paths and turns anything else into /', () => {
    expect(safeReturnTo('/people?q=ana#top')).toBe('/people?q=ana#top')
    expect(safeReturnTo('/communities/data/../ask')).toBe('/communities/ask')
    for (const bad of [
      undefined,
      '',
      'people',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/%0a/x\n',
    ]) {
      expect(safeReturnTo(bad)).toBe('/')
    }
  })
})

describe.each(DIALECTS)('%s: single sign-on with OpenID Connect', (dialect) => {
  let idp: TestOidcProvider
  let t: TestApp
  let admin: Client

  beforeAll(async () => {
    idp = await startOidcProvider({
      redirectUri: `${BASE_URL}/api/auth/oidc/callback`,
      accounts: {
        maya: { email: 'Maya.Okafor@Example.com', name: 'Maya Okafor' },
        ivan: { email: 'ivan@example.com', name: 'Ivan Petrov', email_verified: true },
        stranger: { email: 'stranger@elsewhere.example', name: 'Stranger', email_verified: true },
        erin: { email: 'erin@example.com', name: 'Erin', email_verified: true },
        leo: { email: 'leo@example.com', name: 'Leo', email_verified: true },
        unverified: { email: 'uma@example.com', name: 'Uma', email_verified: false },
        noemail: { name: 'No Email' },
      },
    })
    t = await createTestApp(dialect, {
      baseUrl: BASE_URL,
      oidc: { issuer: idp.issuer, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: 'Acme SSO' },
    })
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => {
    await t.close()
    await idp.close()
  })

  /** Starts at the app, signs in at the provider as `who`, and returns the app's answer to the callback. */
  async function signOn(who: string, returnTo = '/', app = t): Promise<{ callbackUrl: URL; res: LightMyRequestResponse }> {
    const start = await app.app.inject({ method: 'GET', url: `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}` })
    expect(start.statusCode).toBe(302)
    const callbackUrl = await idp.signIn(String(start.headers.location), who)
    expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(`${BASE_URL}/api/auth/oidc/callback`)
    const res = await app.app.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}` })
    return { callbackUrl, res }
  }

  async function viewerOf(res: LightMyRequestResponse, app = t): Promise<{ id: string; email: string } | null> {
    const cookie = res.cookies.find((c) => c.name === 'ws_session')
    if (!cookie) return null
    const session = await app.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `ws_session=${cookie.value}` } })
    return session.json<{ viewer: { id: string; email: string } | null }>().viewer
  }

  const countPeople = () => countAllPeople(t.app)

  it('offers the provider on the session endpoint', async () => {
    const session = (await t.app.inject({ method: 'GET', url: '/api/auth/session' })).json()
    expect(session.sso).toEqual({ name: 'Acme SSO' })
  })

  it('signs a roster person in: code flow with PKCE and nonce, email matched case-insensitively', async () => {
    const maya = await buildPerson(t.app, { email: 'maya.okafor@example.com', name: 'Maya Okafor' })
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start?returnTo=/people%3Fq%3Dana' })
    const authorization = new URL(String(start.headers.location))
    expect(authorization.origin).toBe(idp.issuer)
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authorization.searchParams.get('nonce')).toBeTruthy()
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/api/auth/oidc/callback`)
    const state = authorization.searchParams.get('state') ?? ''
    const stored = await t.app.db.selectFrom('oidc_state').selectAll().where('state', '=', state).executeTakeFirstOrThrow()
    expect(stored.return_to).toBe('/people?q=ana')
    // The verifier itself never leaves the server.
    expect(authorization.href).not.toContain(stored.code_verifier)

    const callbackUrl = await idp.signIn(authorization.href, 'maya.okafor@example.com')
    const res = await t.app.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}` })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/people?q=ana')
    expect(await viewerOf(res)).toMatchObject({ id: maya.id, email: 'maya.okafor@example.com' })
    // A sign-in through the provider is recorded as the person's last login (issue 10: 5).
    expect((await findPersonRow(t.app, maya.id))?.last_login_at).toEqual(expect.any(String))
    // and the provider counts as tested on the admin's setup checklist.
    const checklist = (await admin.get('/api/admin/setup-checklist')).json()
    expect(checklist.steps.find((s: { id: string }) => s.id === 'sso')).toMatchObject({ done: true })
    expect(await t.app.db.selectFrom('oidc_state').selectAll().where('state', '=', state).executeTakeFirst()).toBeUndefined()
  })

  it('refuses to use a state twice', async () => {
    await buildPerson(t.app, { email: 'leo@example.com' })
    const { callbackUrl, res } = await signOn('leo')
    expect(await viewerOf(res)).toMatchObject({ email: 'leo@example.com' })
    const replay = await t.app.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}` })
    expect(replay.statusCode).toBe(302)
    expect(replay.headers.location).toBe('/login?error=sso_expired')
    expect(replay.cookies.find((c) => c.name === 'ws_session')).toBeUndefined()
  })

  it('lets only one of two simultaneous callbacks with the same state through', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })
    const callbackUrl = await idp.signIn(String(start.headers.location), 'leo')
    const url = `${callbackUrl.pathname}${callbackUrl.search}`
    const results = await Promise.all([t.app.inject({ method: 'GET', url }), t.app.inject({ method: 'GET', url })])
    const locations = results.map((r) => r.headers.location).sort()
    expect(locations).toEqual(['/', '/login?error=sso_expired'])
    expect(results.filter((r) => r.cookies.some((c) => c.name === 'ws_session'))).toHaveLength(1)
  })

  it('sends the browser back to the login page when the provider cannot be reached', async () => {
    const closed = await startOidcProvider()
    const issuer = closed.issuer
    await closed.close()
    const offline = await createTestApp(dialect, {
      baseUrl: BASE_URL,
      oidc: { issuer, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: 'Acme SSO' },
    })
    try {
      const res = await offline.app.inject({ method: 'GET', url: '/api/auth/oidc/start?returnTo=/people' })
      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe('/login?error=sso_unavailable')
      expect(await offline.app.db.selectFrom('oidc_state').selectAll().execute()).toHaveLength(0)
    } finally {
      await offline.close()
    }
  })

  it('refuses a state older than ten minutes', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })
    const authorization = String(start.headers.location)
    const state = new URL(authorization).searchParams.get('state') ?? ''
    await t.app.db
      .updateTable('oidc_state')
      .set({ created_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('state', '=', state)
      .execute()
    const callbackUrl = await idp.signIn(authorization, 'leo')
    const res = await t.app.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}` })
    expect(res.headers.location).toBe('/login?error=sso_expired')
    expect(await viewerOf(res)).toBeNull()
  })

  it('activates an invited person', async () => {
    const ivan = await buildPerson(t.app, { email: 'ivan@example.com', status: 'invited', password_hash: null })
    const { res } = await signOn('ivan')
    expect(res.headers.location).toBe('/')
    expect(await viewerOf(res)).toMatchObject({ id: ivan.id })
    expect((await findPersonRow(t.app, ivan.id))?.status).toBe('active')
  })

  it('refuses an email that is not in the roster, and creates no one', async () => {
    const before = await countPeople()
    const { res } = await signOn('stranger')
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/login?error=sso_no_account')
    expect(await viewerOf(res)).toBeNull()
    expect(await countPeople()).toBe(before)
  })

  it('refuses an erased person, whether or not the roster still has the address', async () => {
    const erin = await buildPerson(t.app, { email: 'erin@example.com' })
    const erinClient = await login(t.app, erin.email)
    const request = (await erinClient.post('/api/me/erasure', { reason: 'leaving' })).json<{ id: string }>()
    expect((await admin.post(`/api/admin/erasures/${request.id}/confirm`)).statusCode).toBe(200)
    const afterErasure = await signOn('erin')
    expect(afterErasure.res.headers.location).toBe('/login?error=sso_no_account')
    expect(await viewerOf(afterErasure.res)).toBeNull()

    // A row marked erased that kept its address (older data, a manual fix) is refused by its status too.
    await updatePersonRow(t.app, erin.id, { email: 'erin@example.com' })
    const byStatus = await signOn('erin')
    expect(byStatus.res.headers.location).toBe('/login?error=sso_account_erased')
    expect(await viewerOf(byStatus.res)).toBeNull()
  })

  it('refuses an email the provider says is unverified, and a login with no email', async () => {
    await buildPerson(t.app, { email: 'uma@example.com' })
    const unverified = await signOn('unverified')
    expect(unverified.res.headers.location).toBe('/login?error=sso_email_unverified')
    expect(await viewerOf(unverified.res)).toBeNull()
    const noEmail = await signOn('noemail')
    expect(noEmail.res.headers.location).toBe('/login?error=sso_no_email')
  })

  it('never redirects off-site after signing in', async () => {
    for (const returnTo of ['//evil.example/steal', 'https://evil.example/', '/\\evil.example']) {
      const { res } = await signOn('leo', returnTo)
      expect(res.headers.location).toBe('/')
      expect(await viewerOf(res)).toMatchObject({ email: 'leo@example.com' })
    }
  })

  it('ends on the login page, with no session, for a malformed, forged or denied callback', async () => {
    const empty = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/callback' })
    expect(empty.statusCode).toBe(302)
    expect(empty.headers.location).toBe('/login?error=sso_failed')
    expect(empty.cookies).toHaveLength(0)

    const states: string[] = []
    for (let i = 0; i < 3; i++) {
      const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })
      states.push(new URL(String(start.headers.location)).searchParams.get('state') ?? '')
    }
    const cases = [
      [`state=${states[0]}`, 'sso_failed'],
      [`state=${states[1]}&code=forged-code&iss=${encodeURIComponent(idp.issuer)}`, 'sso_failed'],
      [`state=${states[2]}&error=access_denied&iss=${encodeURIComponent(idp.issuer)}`, 'sso_denied'],
      ['code=abc&state=never-issued', 'sso_expired'],
    ] as const
    for (const [query, code] of cases) {
      const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/callback?${query}` })
      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe(`/login?error=${code}`)
      expect(res.cookies).toHaveLength(0)
    }
    // Each state was used up by its failed attempt.
    expect(await t.app.db.selectFrom('oidc_state').selectAll().where('state', 'in', states).execute()).toHaveLength(0)
  })

  it('refuses when the nonce or the PKCE verifier does not match what was stored', async () => {
    await buildPerson(t.app, { email: 'noor@example.com' })
    idp.accounts.set('noor', { email: 'noor@example.com', name: 'Noor', email_verified: true })
    for (const column of ['nonce', 'code_verifier'] as const) {
      const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })
      const authorization = String(start.headers.location)
      const state = new URL(authorization).searchParams.get('state') ?? ''
      // What an attacker who injects their own code or token would look like to the callback.
      await t.app.db
        .updateTable('oidc_state')
        .set({ [column]: 'x'.repeat(43) })
        .where('state', '=', state)
        .execute()
      const callbackUrl = await idp.signIn(authorization, 'noor')
      const res = await t.app.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}` })
      expect(res.headers.location).toBe('/login?error=sso_failed')
      expect(await viewerOf(res)).toBeNull()
    }
    // The same person with nothing tampered gets in, so the refusals above came from the checks.
    expect(await viewerOf((await signOn('noor')).res)).toMatchObject({ email: 'noor@example.com' })
  })

  it('replaces the session the browser came with', async () => {
    const leo = await login(t.app, 'leo@example.com')
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })
    const callbackUrl = await idp.signIn(String(start.headers.location), 'maya.okafor@example.com')
    const res = await t.app.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}`, headers: { cookie: leo.cookie } })
    expect(await viewerOf(res)).toMatchObject({ email: 'maya.okafor@example.com' })
    expect((await leo.get('/api/auth/session')).json().viewer).toBeNull()
  })

  it('works as a public client with PKCE alone (no client secret)', async () => {
    const publicApp = await createTestApp(dialect, {
      baseUrl: BASE_URL,
      oidc: { issuer: idp.issuer, clientId: OIDC_PUBLIC_CLIENT_ID, clientSecret: undefined, name: 'Acme SSO' },
    })
    try {
      const person = await buildPerson(publicApp.app, { email: 'leo@example.com' })
      const { res } = await signOn('leo', '/', publicApp)
      expect(await viewerOf(res, publicApp)).toMatchObject({ id: person.id })
    } finally {
      await publicApp.close()
    }
  })
})
