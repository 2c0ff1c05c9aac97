import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { jobsSettled } from '../../../test/helpers/jobs.js'
import type { PersonRow } from './store.js'

/** Export and erasure reach every domain's data about a person, not only the profile. */
describe.each(DIALECTS)('%s: personal data across domains', (dialect) => {
  let t: TestApp
  let admin: Client
  let ana: PersonRow
  let bob: PersonRow
  let anaClient: Client
  let bobClient: Client
  let answerId = 0
  beforeAll(async () => {
    t = await createTestApp(dialect)
    t.app.jobs.start()
    admin = await setupAdmin(t.app)
    ana = await buildPerson(t.app, { name: 'Ana Asker' })
    bob = await buildPerson(t.app, { name: 'Bob Helper' })
    anaClient = await login(t.app, ana.email)
    bobClient = await login(t.app, bob.email)
    await anaClient.post('/api/communities', { name: 'Data engineering', slug: 'data', purpose: 'Pipelines', visibility: 'open' })
    expect((await bobClient.post('/api/communities/data/join', {})).statusCode).toBeLessThan(300)
    const q = (
      await anaClient.post('/api/communities/data/posts', {
        kind: 'question',
        title: 'Backfill a partition?',
        body: 'How?',
        tags: ['backfill'],
      })
    ).json()
    answerId = (await bobClient.post(`/api/posts/${q.id}/answers`, { body: 'Re-run the day, idempotently.' })).json().id
    expect((await anaClient.post(`/api/posts/${answerId}/thanks`, { kind: 'learned', note: 'Now I re-run days myself' })).statusCode).toBe(
      201,
    )
    expect(
      (await bobClient.put('/api/me/availability', { maxPerWeek: 3, awayFrom: null, awayUntil: null, optedOut: false })).statusCode,
    ).toBe(200)
    expect((await bobClient.put('/api/me/hidden-topics', { tags: ['backfill'] })).statusCode).toBe(200)
    await jobsSettled(t.app)
  })
  afterAll(async () => t.close())

  it('exports what each domain holds: memberships, posts, thanks, availability, notifications', async () => {
    const bobData = (await bobClient.get('/api/me/export')).json()
    expect(bobData.communities.memberships).toEqual([expect.objectContaining({ slug: 'data' })])
    expect(bobData.communities.trajectory.length).toBeGreaterThan(0)
    expect(bobData.knowledge.posts).toEqual([
      expect.objectContaining({ id: answerId, kind: 'answer', body: 'Re-run the day, idempotently.' }),
    ])
    expect(bobData.knowledge.thanksReceived).toEqual([
      expect.objectContaining({ kind: 'learned', giver_id: ana.id, note: 'Now I re-run days myself' }),
    ])
    expect(bobData.asks.availability).toMatchObject({ max_per_week: 3 })
    expect(bobData.asks.hiddenTopics).toEqual([expect.objectContaining({ tag: 'backfill' })])
    expect(bobData.notifications.items.length).toBeGreaterThan(0)
    expect(bobData.interactions.log).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'answer', actor_id: bob.id })]))
    const anaData = (await anaClient.get('/api/me/export')).json()
    expect(anaData.knowledge.thanksGiven).toEqual([expect.objectContaining({ receiver_id: bob.id, note: 'Now I re-run days myself' })])
    // Someone else's export holds none of Bob's own settings.
    expect(anaData.asks.availability).toBeNull()
    expect(anaData.asks.hiddenTopics).toEqual([])
  })

  /** One domain's part of a person's data, as that domain exports it (each domain reads only its own tables). */
  const part = async (name: string, personId: string) =>
    (await t.app.personalData.find((p) => p.name === name)!.export(t.app.db, personId)) as {
      items: unknown[]
      posts: { id: number | string; body: string; status: string }[]
      thanksGiven: { note: string }[]
    }

  it('erasure removes what is only about the person, and keeps what they wrote for others', async () => {
    expect((await part('notifications', bob.id)).items.length).toBeGreaterThan(0)
    const request = (await bobClient.post('/api/me/erasure', { reason: 'leaving' })).json()
    expect((await admin.post(`/api/admin/erasures/${request.id}/confirm`)).statusCode).toBe(200)
    expect(await part('notifications', bob.id)).toEqual({ items: [], mailChoices: null })
    expect(await part('asks', bob.id)).toMatchObject({ availability: null, hiddenTopics: [] })
    expect(await part('communities', bob.id)).toMatchObject({ memberships: [], joinRequests: [] })
    const answer = (await part('knowledge', bob.id)).posts.find((p) => Number(p.id) === answerId)
    expect(answer).toMatchObject({ body: 'Re-run the day, idempotently.', status: 'active' })
    // Ana's thanks to Bob is hers: it stays, with her note.
    expect((await part('knowledge', ana.id)).thanksGiven).toEqual([expect.objectContaining({ note: 'Now I re-run days myself' })])
  })

  it('erasure blanks the notes the person wrote on thanks they gave', async () => {
    const carl = await buildPerson(t.app, { name: 'Carl Curious' })
    const carlClient = await login(t.app, carl.email)
    expect((await carlClient.post(`/api/posts/${answerId}/thanks`, { kind: 'thanks', note: 'Thanks, from Carl' })).statusCode).toBe(201)
    const request = (await carlClient.post('/api/me/erasure', {})).json()
    expect((await admin.post(`/api/admin/erasures/${request.id}/confirm`)).statusCode).toBe(200)
    expect((await part('knowledge', carl.id)).thanksGiven).toEqual([expect.objectContaining({ note: '' })])
  })
})
