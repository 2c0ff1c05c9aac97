import crypto from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { openStream, type SseEvent, type Stream } from '../../../test/helpers/sse.js'
import { buildApp } from '../app.js'
import { insertNotifications } from './store.js'

const isNotification = (kind: string, title?: string) => (e: SseEvent) => {
  if (e.event !== 'notification') return false
  const n = JSON.parse(e.data) as { kind: string; title: string }
  return n.kind === kind && (title === undefined || n.title === title)
}

describe.each(DIALECTS)('%s: live notifications over server-sent events', (dialect) => {
  let t: TestApp
  let other: FastifyInstance
  let baseUrl: string
  let ana: Client
  let raj: Client
  let questionId: number
  const streams: Stream[] = []

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana Asker', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj Answerer', email: 'raj@example.com' })
    await ana.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })
    questionId = (await ana.post('/api/communities/data-engineering/posts', { kind: 'question', title: 'Backfills?', body: '' })).json().id
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 })
    // A second app node on the same database: it shares nothing with the first but the database.
    other = await buildApp(t.config)
  })
  afterAll(async () => {
    for (const s of streams) s.close()
    await other.close()
    await t.close()
  })

  const open = async (client: Client, headers: Record<string, string> = {}) => {
    const s = await openStream(baseUrl, client.cookie, headers)
    streams.push(s)
    return s
  }

  it('refuses anonymous callers', async () => {
    const res = await fetch(`${baseUrl}/api/notifications/stream`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: { code: 'authentication_required', message: expect.any(String) } })
  })

  it('pushes a notification to the person it is for, the moment it is made on this node', async () => {
    const anaStream = await open(ana)
    const rajStream = await open(raj)
    expect(anaStream.status).toBe(200)
    expect(anaStream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(anaStream.headers.get('cache-control')).toBe('no-store, no-transform')
    // Security headers set before the stream took over the response are kept.
    expect(anaStream.headers.get('x-content-type-options')).toBe('nosniff')
    expect(JSON.parse((await anaStream.next((e) => e.event === 'ready')).data)).toEqual({ unreadCount: 0 })
    await rajStream.next((e) => e.event === 'ready')

    expect((await raj.post(`/api/posts/${questionId}/answers`, { body: 'Idempotent writes' })).statusCode).toBe(201)
    const event = await anaStream.next(isNotification('answer'))
    expect(JSON.parse(event.data)).toMatchObject({
      kind: 'answer',
      text: 'Raj Answerer answered your question',
      title: 'Backfills?',
      read: false,
      actor: { name: 'Raj Answerer' },
    })
    expect(event.id).toMatch(/^\d{4}-\d\d-\d\dT.*\|.+$/)

    // Raj's stream carries only Raj's notifications: the first one it gets is his own.
    expect((await ana.post(`/api/posts/${questionId}/comments`, { body: 'Thanks @raj' })).statusCode).toBe(201)
    const first = await rajStream.next((e) => e.event === 'notification')
    expect(JSON.parse(first.data)).toMatchObject({ kind: 'mention', actor: { name: 'Ana Asker' } })
    expect(rajStream.events.filter((e) => e.event === 'notification').map((e) => JSON.parse(e.data).kind)).toEqual(['mention'])
  })

  it('delivers notifications made by another app node, found by polling the database', async () => {
    const anaStream = await open(ana)
    await anaStream.next((e) => e.event === 'ready')
    const res = await other.inject({
      method: 'POST',
      url: `/api/posts/${questionId}/comments`,
      payload: { body: 'From the other node' },
      headers: { cookie: raj.cookie, 'x-csrf-token': raj.csrfToken },
    })
    expect(res.statusCode).toBe(201)
    const event = await anaStream.next(isNotification('reply'))
    expect(JSON.parse(event.data)).toMatchObject({ excerpt: 'From the other node', actor: { name: 'Raj Answerer' } })
    // Exactly once, although every poll looks back over a window: wait past the next poll and count.
    await new Promise((r) => setTimeout(r, 3_500))
    expect(anaStream.events.filter(isNotification('reply'))).toHaveLength(1)
  })

  it('sends one stamped before the stream opened that committed after the count was read, and none it already had', async () => {
    // A notification's time is taken when it is made; its transaction may commit a moment later, after a stream
    // that opened meanwhile has read the unread count. Such a row is not in that count, so it must come live.
    expect((await raj.post(`/api/people/${ana.id}/thanks`, { kind: 'thanks', note: 'already there' })).statusCode).toBe(201)
    const stampedBefore = new Date(Date.now() - 2_000).toISOString()
    const anaStream = await open(ana)
    const before = await t.app.db
      .selectFrom('notification')
      .selectAll()
      .where('person_id', '=', ana.id)
      .orderBy('created_at', 'desc')
      .execute()
    expect(before.length).toBeGreaterThan(0)
    await anaStream.next((e) => e.event === 'ready')
    const late = { ...before[0]!, id: crypto.randomUUID(), created_at: stampedBefore, read_at: null, emailed_at: null }
    await insertNotifications(t.app.db, [late])
    const event = await anaStream.next((e) => e.event === 'notification')
    expect(JSON.parse(event.data)).toMatchObject({ id: late.id, read: false })
    // The thanks made a moment before it opened was already there (and in the count): never sent.
    await new Promise((r) => setTimeout(r, 3_500))
    expect(anaStream.events.filter((e) => e.event === 'notification').map((e) => JSON.parse(e.data).id)).toEqual([late.id])
  })

  it('replays what was missed when the browser reconnects with Last-Event-ID', async () => {
    const first = await open(ana)
    await first.next((e) => e.event === 'ready')
    expect((await raj.post(`/api/people/${ana.id}/thanks`, { kind: 'thanks', note: 'one' })).statusCode).toBe(201)
    const seen = await first.next(isNotification('thanks'))
    first.close()
    expect((await raj.post(`/api/people/${ana.id}/thanks`, { kind: 'learned', note: 'two' })).statusCode).toBe(201)

    const again = await open(ana, { 'last-event-id': seen.id! })
    const missed = await again.next(isNotification('learned'))
    expect(JSON.parse(missed.data)).toMatchObject({ excerpt: 'two' })
    expect(again.events.filter(isNotification('thanks'))).toHaveLength(0)
  })

  it('ends open streams when the app closes, so shutdown does not hang', async () => {
    const node = await buildApp(t.config)
    const url = await node.listen({ host: '127.0.0.1', port: 0 })
    const s = await openStream(url, ana.cookie)
    await s.next((e) => e.event === 'ready')
    const hung = new Promise((_, reject) => setTimeout(() => reject(new Error('app.close() waited on the open stream')), 10_000).unref())
    await Promise.race([node.close(), hung])
    await s.ended
    const after = await fetch(`${url}/api/notifications/stream`, { headers: { cookie: ana.cookie } }).then(
      () => 'answered',
      () => 'refused',
    )
    expect(after).toBe('refused')
  })
})
