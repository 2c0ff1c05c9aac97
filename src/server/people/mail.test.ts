import fs from 'node:fs'
import path from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, TEST_PASSWORD, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { parseMessage, startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js'

const BASE_URL = 'http://wellspring.test'
const SMTP_AUTH = { user: 'wellspring', pass: 'relay-password' }
const NEW_PASSWORD = 'a brand new passphrase'

function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'ws_session')
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`)
  return `ws_session=${c.value}`
}

/** The token of the single `${BASE_URL}/<kind>/<token>` link in a mail body. */
function linkToken(text: string, kind: 'invite' | 'reset'): string {
  const links = [...text.matchAll(new RegExp(`${BASE_URL.replace(/\./g, '\\.')}/${kind}/([A-Za-z0-9_-]+)`, 'g'))]
  expect(links).toHaveLength(1)
  return links[0]?.[1] ?? ''
}

describe.each(DIALECTS)('%s: mail through a real SMTP receiver', (dialect) => {
  let smtp: TestSmtpServer
  let t: TestApp
  let admin: Client

  beforeAll(async () => {
    smtp = await startSmtpServer({ auth: SMTP_AUTH })
    t = await createTestApp(dialect, {
      baseUrl: BASE_URL,
      mailFrom: 'Wellspring <wellspring@example.com>',
      smtp: { host: smtp.host, port: smtp.port, secure: false, ...SMTP_AUTH },
    })
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  it('invites a person by mail; the link sets a password and logs them in, once', async () => {
    const res = await admin.post('/api/admin/invitations', { email: 'Nadia.Haddad@Example.com', name: 'Nadia Haddad' })
    expect(res.statusCode).toBe(201)
    const mail = await smtp.waitFor((m) => m.to.includes('nadia.haddad@example.com'))
    expect(mail.from).toBe('wellspring@example.com')
    expect(mail.authUser).toBe(SMTP_AUTH.user)
    expect(mail.tls).toBe(true)
    expect(mail.headers.to).toBe('nadia.haddad@example.com')
    expect(mail.subject).toBe('Priya Admin invited you to Wellspring')
    expect(mail.text).toContain('Hello Nadia Haddad')
    const token = linkToken(mail.text, 'invite')

    const info = await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${token}` })
    expect(info.statusCode).toBe(200)
    expect(info.json()).toEqual({ email: 'nadia.haddad@example.com', name: 'Nadia Haddad' })

    const accepted = await t.app.inject({ method: 'POST', url: '/api/auth/invitations/accept', payload: { token, password: NEW_PASSWORD } })
    expect(accepted.statusCode).toBe(200)
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: sessionCookie(accepted) } })
    expect(session.json().viewer).toMatchObject({ id: res.json().personId, email: 'nadia.haddad@example.com' })
    expect((await login(t.app, 'nadia.haddad@example.com', NEW_PASSWORD)).id).toBe(res.json().personId)

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token, password: 'someone else entirely' },
    })
    expect(again.statusCode).toBe(400)
    expect(again.json().error.code).toBe('invalid_token')
    expect((await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${token}` })).statusCode).toBe(400)
    // The failed reuse changed nothing: the password chosen first still works.
    expect((await login(t.app, 'nadia.haddad@example.com', NEW_PASSWORD)).id).toBe(res.json().personId)
  })

  it('resets a password by mail: the old one stops working and other sessions end', async () => {
    const person = await buildPerson(t.app, { email: 'tomas@example.com', name: 'Tomas Novak' })
    const laptop = await login(t.app, person.email)
    const phone = await login(t.app, person.email)

    const sent = smtp.messages.length
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'TOMAS@example.com' } })
    expect(res.statusCode).toBe(202)
    const mail = await smtp.waitFor((m) => m.to.includes('tomas@example.com') && m.subject === 'Reset your Wellspring password')
    expect(smtp.messages).toHaveLength(sent + 1)
    const token = linkToken(mail.text, 'reset')

    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: NEW_PASSWORD },
    })
    expect(confirmed.statusCode).toBe(200)
    const fresh = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: sessionCookie(confirmed) } })
    expect(fresh.json().viewer).toMatchObject({ id: person.id })
    for (const old of [laptop, phone]) expect((await old.get('/api/auth/session')).json().viewer).toBeNull()

    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: TEST_PASSWORD },
    })
    expect(oldPassword.statusCode).toBe(401)
    expect((await login(t.app, person.email, NEW_PASSWORD)).id).toBe(person.id)

    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'yet another passphrase' },
    })
    expect(reuse.statusCode).toBe(400)
    expect(reuse.json().error.code).toBe('invalid_token')
  })

  it('answers an unknown address exactly like a known one, and sends nothing', async () => {
    await buildPerson(t.app, { email: 'known@example.com' })
    const known = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'known@example.com' } })
    await smtp.waitFor((m) => m.to.includes('known@example.com'))
    const sent = smtp.messages.length
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: 'nobody@example.com' },
    })
    expect(unknown.statusCode).toBe(202)
    expect(unknown.statusCode).toBe(known.statusCode)
    expect(unknown.body).toBe(known.body)
    // A mail for the known address arrived within the same request, so none here means none was sent.
    expect(smtp.messages).toHaveLength(sent)
    expect(smtp.messages.some((m) => m.to.includes('nobody@example.com'))).toBe(false)
  })

  it('answers 503 to an invitation when the relay refuses, and still 202 to a reset request', async () => {
    const refused = await createTestApp(dialect, {
      baseUrl: BASE_URL,
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: SMTP_AUTH.user, pass: 'wrong password' },
    })
    try {
      const refusedAdmin = await setupAdmin(refused.app)
      const sent = smtp.messages.length
      const invite = await refusedAdmin.post('/api/admin/invitations', { email: 'piet@example.com', name: 'Piet' })
      expect(invite.statusCode).toBe(503)
      expect(invite.json()).toEqual({ error: { code: 'mail_unavailable', message: expect.any(String) } })
      // A reset for a real account must look the same as one for an unknown address, even when mail fails.
      const known = await refused.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/request',
        payload: { email: 'admin@example.com' },
      })
      const unknown = await refused.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/request',
        payload: { email: 'ghost@example.com' },
      })
      expect([known.statusCode, known.body]).toEqual([202, unknown.body])
      expect(smtp.messages).toHaveLength(sent)
    } finally {
      await refused.close()
    }
  })

  it('writes mail to DATA_DIR/outbox when no SMTP server is configured, with a working link', async () => {
    const offline = await createTestApp(dialect, { baseUrl: BASE_URL })
    try {
      const offlineAdmin = await setupAdmin(offline.app)
      const res = await offlineAdmin.post('/api/admin/invitations', { email: 'olga@example.com', name: 'Olga Ivanova' })
      expect(res.statusCode).toBe(201)
      const outbox = path.join(offline.config.dataDir, 'outbox')
      const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'))
      expect(files).toHaveLength(1)
      const eml = parseMessage(fs.readFileSync(path.join(outbox, files[0] ?? ''), 'utf8'))
      expect(eml.headers.to).toBe('olga@example.com')
      expect(eml.subject).toBe('Priya Admin invited you to Wellspring')
      const token = linkToken(eml.text, 'invite')
      const accepted = await offline.app.inject({
        method: 'POST',
        url: '/api/auth/invitations/accept',
        payload: { token, password: NEW_PASSWORD },
      })
      expect(accepted.statusCode).toBe(200)
      expect(smtp.messages.some((m) => m.to.includes('olga@example.com'))).toBe(false)
    } finally {
      await offline.close()
    }
  })
})
