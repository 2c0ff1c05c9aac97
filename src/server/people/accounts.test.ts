import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, TEST_PASSWORD, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'

describe.each(DIALECTS)('%s: accounts', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
  })
  afterAll(async () => t.close())

  it('needs setup until the first admin exists, then refuses a second setup', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/auth/session' })).json()
    expect(before).toMatchObject({ setupNeeded: true, viewer: null })
    const admin = await setupAdmin(t.app)
    const session = (await admin.get('/api/auth/session')).json()
    expect(session).toMatchObject({ setupNeeded: false, viewer: { email: 'admin@example.com', isAdmin: true } })
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { name: 'Eve', email: 'eve@example.com', password: TEST_PASSWORD },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ error: { code: 'setup_done', message: expect.any(String) } })
  })

  it('logs in with the right password only, and logs out', async () => {
    const p = await buildPerson(t.app, { email: 'ana@example.com' })
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ana@example.com', password: 'not the password' },
    })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().error.code).toBe('invalid_credentials')
    const ana = await login(t.app, 'ANA@example.com')
    expect(ana.id).toBe(p.id)
    expect((await ana.get(`/api/people/${p.id}`)).statusCode).toBe(200)
    expect((await ana.post('/api/auth/logout')).statusCode).toBe(200)
    expect((await ana.get(`/api/people/${p.id}`)).statusCode).toBe(401)
  })

  it('refuses state-changing requests without the CSRF token', async () => {
    const p = await buildPerson(t.app)
    const client = await login(t.app, p.email)
    const cookie = client.cookie
    const res = await t.app.inject({ method: 'PATCH', url: `/api/people/${p.id}`, headers: { cookie }, payload: { bio: 'x' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('csrf_failed')
    const ok = await client.patch(`/api/people/${p.id}`, { bio: 'Data engineer' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().bio).toBe('Data engineer')
  })
})
