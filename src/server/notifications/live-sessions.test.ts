import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionClient } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, login, setupAdmin, twoPgNodes, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, createResetToken, updatePersonRow } from '../../../test/helpers/factories.js'
import { openStream, type Stream } from '../../../test/helpers/sse.js'
import { isoIn } from '../platform/time.js'

/** Resolves when `stream` ends; rejects after `ms` (a stream outliving its session would run for 30 minutes). */
async function endsWithin(stream: Stream, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the stream was still open ${ms} ms after its session ended`)), ms)
  })
  try {
    await Promise.race([stream.ended, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Opens `client`'s stream on `baseUrl` and waits until it is live. */
async function liveStream(baseUrl: string, client: Client, streams: Stream[]): Promise<Stream> {
  const s = await openStream(baseUrl, client.cookie)
  streams.push(s)
  expect(s.status).toBe(200)
  await s.next((e) => e.event === 'ready')
  return s
}

// A stream checks the session when it opens, but lives up to 30 minutes: it must end when the session does.
describe.each(DIALECTS)('%s: a live notification stream ends with its session', (dialect) => {
  let t: TestApp
  let admin: Client
  let baseUrl: string
  const streams: Stream[] = []
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 })
  })
  afterAll(async () => {
    for (const s of streams) s.close()
    await t.close()
  })

  it('ends on logout, and delivers nothing after it', async () => {
    const ana = await login(t.app, (await buildPerson(t.app, { name: 'Ana' })).email)
    const raj = await login(t.app, (await buildPerson(t.app, { name: 'Raj' })).email)
    const stream = await liveStream(baseUrl, ana, streams)
    const other = await liveStream(baseUrl, raj, streams)
    expect((await ana.post('/api/auth/logout')).statusCode).toBe(200)
    await endsWithin(stream, 2000)
    // Thanks after the logout would carry an excerpt: it must not reach the ended stream.
    expect((await raj.post(`/api/people/${ana.id}/thanks`, { kind: 'thanks', note: 'after logout' })).statusCode).toBe(201)
    expect(stream.events.filter((e) => e.event === 'notification')).toEqual([])
    // Someone else's stream is untouched.
    const before = other.events.length
    expect((await ana.get('/api/auth/session')).json().viewer).toBeNull()
    expect(other.events.length).toBe(before)
    expect(await Promise.race([other.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('open'), 300))])).toBe('open')
    // Opening one with the ended session is refused.
    expect((await openStream(baseUrl, ana.cookie)).status).toBe(401)
  })

  it('ends when the person is deactivated or erased, or their password is reset', async () => {
    const deactivated = await sessionClient(t.app, await buildPerson(t.app))
    const s1 = await liveStream(baseUrl, deactivated, streams)
    // No route deactivates yet (a roster import may): the write it would make.
    await updatePersonRow(t.app, deactivated.id, { status: 'invited' })
    await endsWithin(s1, 2000)

    const erased = await sessionClient(t.app, await buildPerson(t.app))
    const s2 = await liveStream(baseUrl, erased, streams)
    const asked = await erased.post('/api/me/erasure', { reason: 'leaving' })
    expect(asked.statusCode).toBe(201)
    expect((await admin.post(`/api/admin/erasures/${asked.json<{ id: string }>().id}/confirm`)).statusCode).toBe(200)
    await endsWithin(s2, 2000)

    const resetting = await sessionClient(t.app, await buildPerson(t.app))
    const s3 = await liveStream(baseUrl, resetting, streams)
    const token = await createResetToken(t.app, resetting.id)
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'a brand new passphrase' },
    })
    expect(reset.statusCode).toBe(200)
    await endsWithin(s3, 2000)
  })

  it('ends when the session expires, with no write to tell it', async () => {
    const soon = await sessionClient(t.app, await buildPerson(t.app), isoIn(1500))
    const stream = await liveStream(baseUrl, soon, streams)
    await endsWithin(stream, 4000)
  })
})

describe('postgres: a logout on one node ends the stream another node serves', () => {
  const nodes = twoPgNodes()
  let secondUrl: string
  const streams: Stream[] = []
  beforeAll(async () => {
    secondUrl = await nodes.second.listen({ host: '127.0.0.1', port: 0 })
  })
  afterAll(() => {
    for (const s of streams) s.close()
  })

  it('ends the stream on the other node', async () => {
    const { t } = nodes
    const ana = await login(t.app, (await buildPerson(t.app, { name: 'Ana' })).email)
    const stream = await liveStream(secondUrl, ana, streams)
    expect((await ana.post('/api/auth/logout')).statusCode).toBe(200)
    // The other node hears of it through PostgreSQL's NOTIFY; nothing else would end it for 30 minutes.
    await endsWithin(stream, 3000)
  })
})
