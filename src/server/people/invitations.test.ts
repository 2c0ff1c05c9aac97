import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, TEST_PASSWORD, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, createResetToken, findPersonRow } from '../../../test/helpers/factories.js'
import { eventually } from '../../../test/helpers/jobs.js'
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js'
import type { InvitationBatch } from '../../shared/invitations.js'
import type { AdminPeoplePage } from '../../shared/schemas.js'
import type { MailMessage } from '../platform/mail/mailer.js'
import { runInvitationBatch } from './invitations.js'

const BASE_URL = 'http://wellspring.test'

function linkToken(text: string): string {
  const match = text.match(/\/invite\/([A-Za-z0-9_-]+)/)
  if (!match?.[1]) throw new Error(`no invite link in ${text}`)
  return match[1]
}

/** As a roster import leaves people: active, no password, never signed in, never invited. */
function rosterPerson(t: TestApp, name: string) {
  return buildPerson(t.app, { name, email: `${name.toLowerCase().replace(/ /g, '.')}@example.com`, password_hash: null })
}

describe.each(DIALECTS)('%s: onboarding states and bulk invitations (issue 10: 5)', (dialect) => {
  let smtp: TestSmtpServer
  let t: TestApp
  let admin: Client

  beforeAll(async () => {
    smtp = await startSmtpServer()
    t = await createTestApp(dialect, {
      baseUrl: BASE_URL,
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined },
    })
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  const stateOf = async (email: string) => {
    const page = (await admin.get(`/api/admin/people?q=${encodeURIComponent(email)}`)).json<AdminPeoplePage>()
    return page.items.find((p) => p.email === email)
  }
  const waitForBatch = (id: string) =>
    eventually(async () => {
      const batch = (await admin.get(`/api/admin/invitations/bulk/${id}`)).json<InvitationBatch>()
      if (batch.job.status !== 'done') throw new Error(`batch ${batch.job.status}`)
      return batch
    })

  it('shows the real state: a roster import is never invited, the admin who set up is active', async () => {
    await rosterPerson(t, 'Rosa Field')
    expect(await stateOf('rosa.field@example.com')).toMatchObject({ onboarding: 'not_invited', lastLoginAt: null, invitedAt: null })
    expect(await stateOf('admin@example.com')).toMatchObject({ onboarding: 'active', lastLoginAt: expect.any(String) })
    const notInvited = (await admin.get('/api/admin/people?state=not_invited')).json<AdminPeoplePage>()
    expect(notInvited.items.map((p) => p.email)).toContain('rosa.field@example.com')
    expect(notInvited.items.map((p) => p.email)).not.toContain('admin@example.com')
  })

  it('records the last login on password, invitation, reset and setup sign-ins', async () => {
    const p = await buildPerson(t.app)
    expect((await findPersonRow(t.app, p.id))?.last_login_at ?? null).toBeNull()
    await login(t.app, p.email)
    const first = (await findPersonRow(t.app, p.id))?.last_login_at
    expect(first).toEqual(expect.any(String))
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: await createResetToken(t.app, p.id), password: TEST_PASSWORD },
    })
    expect(reset.statusCode).toBe(200)
    expect(String((await findPersonRow(t.app, p.id))?.last_login_at) >= String(first)).toBe(true)
    // Requests of a signed-in session write nothing about the person.
    const client = await login(t.app, p.email)
    const stamped = (await findPersonRow(t.app, p.id))?.updated_at
    const at = (await findPersonRow(t.app, p.id))?.last_login_at
    for (let i = 0; i < 3; i++) expect((await client.get('/api/people')).statusCode).toBe(200)
    expect(await findPersonRow(t.app, p.id)).toMatchObject({ last_login_at: at, updated_at: stamped })
  })

  it('invites everyone never invited in a job with progress, one mail each; accepting makes them active', async () => {
    const names = ['Ana Park', 'Ben Ito', 'Cleo Dunn']
    for (const n of names) await rosterPerson(t, n)
    const res = await admin.post('/api/admin/invitations/bulk', { everyone: 'not_invited' })
    expect(res.statusCode).toBe(202)
    const batch = await waitForBatch(res.json<InvitationBatch>().id)
    expect(batch).toMatchObject({ pending: 0, failed: 0, skipped: 0 })
    expect(batch.sent).toBe(batch.total)
    expect(batch.job.progress).toBe(batch.total)
    for (const n of names) {
      const email = `${n.toLowerCase().replace(/ /g, '.')}@example.com`
      await smtp.waitFor((m) => m.to.includes(email))
      expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1)
      expect(await stateOf(email)).toMatchObject({
        onboarding: 'invited',
        invitedAt: expect.any(String),
        invitationExpiresAt: expect.any(String),
      })
    }
    // Nobody is left to invite: a second "everyone never invited" is refused and queues nothing.
    const again = await admin.post('/api/admin/invitations/bulk', { everyone: 'not_invited' })
    expect(again.statusCode).toBe(400)
    expect(again.json().error.code).toBe('nobody_to_invite')

    const mail = smtp.messages.find((m) => m.to.includes('ana.park@example.com'))!
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token: linkToken(mail.text), password: TEST_PASSWORD },
    })
    expect(accept.statusCode).toBe(200)
    expect(await stateOf('ana.park@example.com')).toMatchObject({ onboarding: 'active', lastLoginAt: expect.any(String) })
    expect((await admin.get('/api/admin/people?state=invited')).json<AdminPeoplePage>().items.map((p) => p.email)).not.toContain(
      'ana.park@example.com',
    )
  })

  it('resends with a new link that works, and the old link fails', async () => {
    const ben = (await stateOf('ben.ito@example.com'))!
    const oldToken = linkToken(smtp.messages.find((m) => m.to.includes('ben.ito@example.com'))!.text)
    const res = await admin.post('/api/admin/invitations/bulk', { personIds: [ben.id] })
    expect(res.statusCode).toBe(202)
    expect((await waitForBatch(res.json<InvitationBatch>().id)).sent).toBe(1)
    const mails = await eventually(async () => {
      const found = smtp.messages.filter((m) => m.to.includes('ben.ito@example.com'))
      if (found.length < 2) throw new Error('no second mail yet')
      return found
    })
    const newToken = linkToken(mails[1]!.text)
    expect(newToken).not.toBe(oldToken)
    expect((await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${oldToken}` })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: `/api/auth/invitations/${newToken}` })).statusCode).toBe(200)
  })

  it('an interrupted job, run again, mails no one twice and marks the one it may have mailed as failed', async () => {
    const people = await Promise.all(['Dara One', 'Eli Two', 'Fay Three', 'Gus Four'].map((n) => rosterPerson(t, n)))
    const sent: MailMessage[] = []
    // The first run dies while sending the third mail, after the mail may have left: as a process killed then.
    let calls = 0
    const dying = {
      send: async (m: MailMessage) => {
        calls += 1
        if (calls === 3) throw new Error('killed')
        sent.push(m)
      },
    }
    const jobs = t.app.jobs
    await jobs.stop()
    const res = await admin.post('/api/admin/invitations/bulk', { personIds: people.map((p) => p.id) })
    expect(res.statusCode).toBe(202)
    const id = res.json<InvitationBatch>().id
    const job = (await jobs.find(id))!
    const ctx = { job, clock: jobs.clock, reportProgress: async () => undefined, releaseDedupKey: async () => undefined }
    await expect(runInvitationBatch({ db: t.app.db, config: t.config, mailer: dying }, ctx)).rejects.toThrow('killed')
    expect(sent).toHaveLength(2)
    const healthy = { send: async (m: MailMessage) => void sent.push(m) }
    const result = await runInvitationBatch({ db: t.app.db, config: t.config, mailer: healthy }, ctx)
    expect(result).toEqual({ sent: 3, skipped: 0, failed: 1 })
    // Re-running a finished job sends nothing more.
    await runInvitationBatch({ db: t.app.db, config: t.config, mailer: healthy }, ctx)
    const recipients = sent.map((m) => m.to)
    expect(recipients).toHaveLength(3)
    expect(new Set(recipients).size).toBe(3)
    jobs.start()
  })

  it('is for admins only, rate-limited, and bad input is a 400 that changes nothing', async () => {
    // A session of its own: the limit counts per session.
    const admin = await login(t.app, 'admin@example.com')
    const member = await login(t.app, (await buildPerson(t.app)).email)
    const someone = await rosterPerson(t, 'Hana Solo')
    expect((await member.post('/api/admin/invitations/bulk', { personIds: [someone.id] })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/invitations/bulk', payload: { everyone: 'invited' } })).statusCode).toBe(
      401,
    )
    for (const body of [
      {},
      { personIds: [] },
      { everyone: 'all' },
      { personIds: [someone.id], everyone: 'invited' },
      { personIds: ['no-such-person'] },
    ]) {
      const res = await admin.post('/api/admin/invitations/bulk', body)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toEqual(expect.any(String))
    }
    expect(await stateOf('hana.solo@example.com')).toMatchObject({ onboarding: 'not_invited' })
    expect((await admin.get('/api/admin/invitations/bulk/no-such-batch')).statusCode).toBe(404)
    expect((await member.get('/api/admin/invitations/bulk/no-such-batch')).statusCode).toBe(403)
    expect((await admin.get('/api/admin/people?state=sleeping')).statusCode).toBe(400)
    // The limit: ten a minute per session.
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await admin.post('/api/admin/invitations/bulk', {})).statusCode)
    expect(statuses).toContain(429)
  })
})
