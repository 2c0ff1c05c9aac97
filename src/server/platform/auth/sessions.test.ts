import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionClient } from '../../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/app.js'
import { buildPerson, updatePersonRow } from '../../../../test/helpers/factories.js'
import { hashSecret, isoIn, nowIso } from '../time.js'
import { deleteExpiredSessions } from './store.js'

describe.each(DIALECTS)('%s: sessions', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect, { sessionTtlHours: 24 })
    await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  const sessionRows = (personId: string) => t.app.db.selectFrom('session').selectAll().where('person_id', '=', personId).execute()
  const loginAs = (email: string, cookie?: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: TEST_PASSWORD }, headers: cookie ? { cookie } : {} })
  const viewerWith = async (cookie: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json().viewer

  it('sets an HttpOnly, SameSite=Lax session cookie and stores only a hash of its token', async () => {
    const p = await buildPerson(t.app)
    const res = await loginAs(p.email)
    expect(res.statusCode).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'ws_session')!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 24 * 3600 })
    expect(cookie.secure).toBeFalsy()
    const rows = await sessionRows(p.id)
    expect(rows.map((r) => r.id)).toEqual([hashSecret(cookie.value)])
    expect(rows[0]!.expires_at > nowIso()).toBe(true)
  })

  it('marks the cookie Secure when the site is served over https', async () => {
    const secure = await createTestApp(dialect, { baseUrl: 'https://wellspring.example.com' })
    try {
      const admin = await secure.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { name: 'Admin', email: 'a@example.com', password: TEST_PASSWORD },
      })
      expect(admin.cookies.find((c) => c.name === 'ws_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' })
    } finally {
      await secure.close()
    }
  })

  it('does not authenticate with an expired session', async () => {
    const p = await buildPerson(t.app)
    const expired = await sessionClient(t.app, p, isoIn(-1000))
    expect(await viewerWith(expired.cookie)).toBeNull()
    const res = await expired.get('/api/people')
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('authentication_required')
  })

  it('does not authenticate with an unknown token', async () => {
    expect(await viewerWith('ws_session=not-a-real-token')).toBeNull()
  })

  it('does not authenticate a person who is no longer active', async () => {
    const p = await buildPerson(t.app)
    const client = await sessionClient(t.app, p)
    expect((await client.get('/api/people')).statusCode).toBe(200)
    await updatePersonRow(t.app, p.id, { status: 'invited' })
    expect((await client.get('/api/people')).statusCode).toBe(401)
  })

  it('deletes the session row on logout, clears the cookie, and the old cookie stops working', async () => {
    const p = await buildPerson(t.app)
    const client = await sessionClient(t.app, p)
    const other = await sessionClient(t.app, p)
    expect(await sessionRows(p.id)).toHaveLength(2)
    const res = await client.post('/api/auth/logout')
    expect(res.statusCode).toBe(200)
    const cleared = res.cookies.find((c) => c.name === 'ws_session')!
    expect(cleared.value).toBe('')
    expect(cleared.expires!.getTime()).toBeLessThanOrEqual(Date.now())
    // Only this session ends; the person's other browser stays logged in.
    expect((await sessionRows(p.id)).map((r) => r.id)).toEqual([hashSecret(other.cookie.slice('ws_session='.length))])
    expect(await viewerWith(client.cookie)).toBeNull()
    expect((await client.get('/api/people')).statusCode).toBe(401)
  })

  it('replaces the session a browser already had when it logs in again (no session fixation)', async () => {
    const p = await buildPerson(t.app)
    const q = await buildPerson(t.app)
    const first = await sessionClient(t.app, p)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: q.email, password: TEST_PASSWORD },
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrfToken },
    })
    expect(res.statusCode).toBe(200)
    expect(await sessionRows(p.id)).toHaveLength(0)
    expect(await viewerWith(first.cookie)).toBeNull()
    const fresh = res.cookies.find((c) => c.name === 'ws_session')!
    expect((await viewerWith(`ws_session=${fresh.value}`)).id).toBe(q.id)
  })

  it('sweeps expired sessions and keeps live ones', async () => {
    const p = await buildPerson(t.app)
    await sessionClient(t.app, p, isoIn(-60_000))
    const live = await sessionClient(t.app, p, isoIn(60_000))
    await deleteExpiredSessions(t.app.db, nowIso())
    expect((await sessionRows(p.id)).map((r) => r.id)).toEqual([hashSecret(live.cookie.slice('ws_session='.length))])
  })
})
