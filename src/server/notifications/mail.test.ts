import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../test/helpers/smtp.js'
import { buildApp } from '../app.js'
import { getSetting } from '../platform/settings.js'
import { DIGEST_JOB } from './digest.js'
import { jobsSettled } from './test-support.js'

const BASE_URL = 'http://wellspring.test'
const UNSUBSCRIBE = new RegExp(`${BASE_URL.replace(/\./g, '\\.')}/api/notifications/unsubscribe\\?token=([A-Za-z0-9_.-]+)`, 'g')

/** The unsubscribe tokens in a mail, by what they stop. */
function unsubscribeTokens(mail: ReceivedMail): { digest?: string; all?: string } {
  const found: { digest?: string; all?: string } = {}
  for (const line of mail.text.split('\n')) {
    const token = [...line.matchAll(UNSUBSCRIBE)][0]?.[1]
    if (!token) continue
    if (line.startsWith('Stop the digest')) found.digest = token
    if (line.startsWith('Stop all notification mail')) found.all = token
  }
  return found
}

describe.each(DIALECTS)('%s: notification mail and digests through a real SMTP receiver', (dialect) => {
  let smtp: TestSmtpServer
  let t: TestApp
  let sam: Client
  let ana: Client
  let raj: Client
  let leo: Client
  let questionId: number
  let allToken: string

  const mailsTo = (email: string, subject?: RegExp) =>
    smtp.messages.filter((m) => m.to.includes(email) && (!subject || subject.test(m.subject)))
  const unsubscribe = (token: string, app: FastifyInstance = t.app) =>
    app.inject({ method: 'GET', url: `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}` })
  const prefsOf = async (c: Client) => (await c.get('/api/notifications/preferences')).json()
  const runDigests = async (times = 1) => {
    for (let i = 0; i < times; i++) await t.app.jobs.enqueue(DIGEST_JOB, {})
    await jobsSettled(t.app)
  }
  const backdateDigest = async (c: Client, days: number) => {
    const at = new Date(Date.now() - days * 24 * 3600_000).toISOString()
    await t.app.db.updateTable('notification_pref').set({ last_digest_at: at }).where('person_id', '=', c.id).execute()
  }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    t = await createTestApp(dialect, {
      baseUrl: BASE_URL,
      mailFrom: 'Wellspring <wellspring@example.com>',
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined },
    })
    t.app.jobs.start()
    await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam Steward', email: 'sam@example.com' })
    ana = await loggedInPerson(t.app, { name: 'Ana Asker', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj Answerer', email: 'raj@example.com' })
    leo = await loggedInPerson(t.app, { name: 'Leo Learner', email: 'leo@example.com' })
    await sam.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })
    await sam.post('/api/communities', { name: 'Testing', purpose: 'Tests', visibility: 'closed' })
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  it('mails an answer to the asker at once (a default choice), and not what they did not choose', async () => {
    questionId = (
      await ana.post('/api/communities/data-engineering/posts', { kind: 'question', title: 'How do we backfill safely?', body: '' })
    ).json().id
    const answer = await raj.post(`/api/posts/${questionId}/answers`, { body: 'Use **idempotent** writes.' })
    const mail = await smtp.waitFor((m) => m.to.includes('ana@example.com'))
    expect(mail.subject).toBe('Raj Answerer answered your question: How do we backfill safely?')
    expect(mail.from).toBe('wellspring@example.com')
    expect(mail.text).toContain('Hello Ana Asker')
    expect(mail.text).toContain(`${BASE_URL}/posts/${questionId}#post-${answer.json().id}`)
    expect(mail.text).toContain('Use idempotent writes.')
    expect(mail.text).toContain('in Data engineering')
    allToken = unsubscribeTokens(mail).all!
    expect(allToken).toBeTruthy()

    // Thanks are not among Raj's default mail choices: in the app only.
    expect((await ana.post(`/api/posts/${answer.json().id}/thanks`, { kind: 'thanks' })).statusCode).toBe(201)
    await jobsSettled(t.app)
    expect(mailsTo('raj@example.com')).toEqual([])
    expect((await raj.get('/api/notifications')).json().items[0]).toMatchObject({ kind: 'thanks' })

    // A choice made later is honoured.
    await raj.put('/api/notifications/preferences', { emailKinds: ['learned'], digest: 'none' })
    expect((await ana.post(`/api/posts/${answer.json().id}/thanks`, { kind: 'learned' })).statusCode).toBe(201)
    const learned = await smtp.waitFor((m) => m.to.includes('raj@example.com'))
    expect(learned.subject).toBe('Ana Asker says they learned from you: How do we backfill safely?')
    expect(mailsTo('raj@example.com')).toHaveLength(1)
  })

  it('stops all notification mail from the link, without logging in; twice is the same as once', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await unsubscribe(allToken)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['content-security-policy']).toContain("script-src 'self'")
      expect(res.body).toContain('Notification mail stopped')
      expect(res.body).not.toMatch(/<script|<style|\sstyle=|\son\w+=/i)
    }
    expect(await prefsOf(ana)).toEqual({ emailKinds: [], digest: 'none' })
    const before = mailsTo('ana@example.com').length
    expect((await sam.post(`/api/posts/${questionId}/answers`, { body: 'Or snapshots' })).statusCode).toBe(201)
    await jobsSettled(t.app)
    expect(mailsTo('ana@example.com')).toHaveLength(before)
    expect((await ana.get('/api/notifications')).json().items[0]).toMatchObject({ kind: 'answer', actor: { name: 'Sam Steward' } })
  })

  it('refuses a tampered or malformed link with a 400 and changes nothing', async () => {
    await raj.put('/api/notifications/preferences', { emailKinds: ['mention'], digest: 'daily' })
    const [person, scope, mac] = allToken.split('.') as [string, string, string]
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1)
    for (const bad of [
      `${person}.${scope}.${flip(mac)}`,
      `${person}.digest.${mac}`,
      `${Buffer.from(raj.id).toString('base64url')}.${scope}.${mac}`,
      `${person}.${scope}`,
      'nonsense',
    ]) {
      const res = await unsubscribe(bad)
      expect(res.statusCode, bad).toBe(400)
      expect(res.body).toContain('Link not valid')
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications/unsubscribe' })).statusCode).toBe(400)
    expect(await prefsOf(raj)).toEqual({ emailKinds: ['mention'], digest: 'daily' })
  })

  it('signs with a secret every app node shares, kept in the database', async () => {
    const other = await buildApp(t.config)
    try {
      expect((await unsubscribe(allToken, other)).statusCode).toBe(200)
    } finally {
      await other.close()
    }
    expect((await getSetting(t.app.db, 'notify_secret'))?.length).toBeGreaterThanOrEqual(32)
  })

  it('does not mail content the person can no longer read when the mail goes out', async () => {
    expect((await leo.post('/api/communities/testing/join', {})).statusCode).toBe(200)
    const request = (await sam.get('/api/communities/testing/requests')).json().items[0]
    expect((await sam.post(`/api/communities/testing/requests/${request.id}/approve`)).statusCode).toBe(200)
    await jobsSettled(t.app)
    await t.app.jobs.stop()
    expect(
      (await sam.post('/api/communities/testing/posts', { kind: 'question', title: 'Closed question for @leo', body: 'Hi @leo' }))
        .statusCode,
    ).toBe(201)
    expect((await leo.post('/api/communities/testing/leave')).statusCode).toBe(200)
    t.app.jobs.start()
    await jobsSettled(t.app)
    expect(mailsTo('leo@example.com', /Closed question/)).toEqual([])
  })

  it('mails a digest when due, with only what the person can read at send time, once, and stops it from its link', async () => {
    // The first run gives everyone a digest clock starting now: nothing is due yet.
    await runDigests()
    expect(smtp.messages.filter((m) => m.subject.includes('digest'))).toEqual([])

    expect((await leo.post('/api/communities/testing/join', {})).statusCode).toBe(200)
    const request = (await sam.get('/api/communities/testing/requests')).json().items[0]
    expect((await sam.post(`/api/communities/testing/requests/${request.id}/approve`)).statusCode).toBe(200)
    expect((await leo.post('/api/communities/data-engineering/join', {})).statusCode).toBe(200)
    expect(
      (await sam.post('/api/communities/testing/posts', { kind: 'practice', title: 'Closed release plan', body: '' })).statusCode,
    ).toBe(201)
    expect(
      (await sam.post('/api/communities/data-engineering/posts', { kind: 'story', title: 'Open roadmap story', body: '' })).statusCode,
    ).toBe(201)
    expect((await raj.post(`/api/posts/${questionId}/comments`, { body: 'See @leo' })).statusCode).toBe(201)
    await jobsSettled(t.app)
    const titles = (await leo.get('/api/notifications?limit=100')).json().items.map((n: { title: string }) => n.title)
    expect(titles).toEqual(expect.arrayContaining(['Closed release plan', 'Open roadmap story', 'How do we backfill safely?']))
    // Leo leaves the closed community before the digest goes out.
    expect((await leo.post('/api/communities/testing/leave')).statusCode).toBe(200)

    await backdateDigest(leo, 8)
    await runDigests(2)
    const digests = mailsTo('leo@example.com', /digest/)
    expect(digests).toHaveLength(1)
    const digest = digests[0]!
    expect(digest.subject).toBe('Your weekly Wellspring digest: 3 for you, 1 new post')
    expect(digest.text).toContain('Open roadmap story')
    expect(digest.text).toContain('Raj Answerer mentioned you: “How do we backfill safely?”')
    expect(digest.text).toContain('Your request to join Testing was approved')
    expect(digest.text).not.toContain('Closed release plan')
    expect(digest.text).not.toContain('Closed question')

    // Due again only after another week: running the job again mails nothing.
    await runDigests()
    expect(mailsTo('leo@example.com', /digest/)).toHaveLength(1)

    const token = unsubscribeTokens(digest).digest!
    const res = await unsubscribe(token)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Digest stopped')
    expect(await prefsOf(leo)).toEqual({ emailKinds: ['mention', 'answer', 'connection'], digest: 'none' })
    await backdateDigest(leo, 30)
    await runDigests()
    expect(mailsTo('leo@example.com', /digest/)).toHaveLength(1)
  })

  it('sends a daily digest after a day, and nothing when there is nothing to tell', async () => {
    await sam.put('/api/notifications/preferences', { emailKinds: [], digest: 'daily' })
    // Leo's requests were decided, so they are done; Raj's waits for a steward.
    expect((await raj.post('/api/communities/testing/join', {})).statusCode).toBe(200)
    await jobsSettled(t.app)
    await backdateDigest(sam, 2)
    await runDigests()
    const daily = mailsTo('sam@example.com', /digest/)
    expect(daily.map((m) => m.subject)).toEqual(['Your daily Wellspring digest: 1 for you, 1 new post'])
    expect(daily[0]!.text).toContain('Raj Answerer asks to join Testing')
    expect(daily[0]!.text).not.toContain('Leo Learner asks to join Testing')
    expect(daily[0]!.text).toContain(`${BASE_URL}/communities/testing/requests`)

    // Read notifications are left out; new posts are listed read or not, so move them before the window.
    expect((await sam.post('/api/notifications/read-all')).statusCode).toBe(200)
    const longAgo = new Date(Date.now() - 3 * 24 * 3600_000).toISOString()
    await t.app.db
      .updateTable('notification')
      .set({ created_at: longAgo })
      .where('person_id', '=', sam.id)
      .where('kind', '=', 'new_post')
      .execute()
    await backdateDigest(sam, 2)
    await runDigests()
    expect(mailsTo('sam@example.com', /digest/)).toHaveLength(1)
  })
})
