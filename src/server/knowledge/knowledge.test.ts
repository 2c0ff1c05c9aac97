import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { listInteractions } from '../insights/lookup.js'

describe.each(DIALECTS)('%s: knowledge', (dialect) => {
  let t: TestApp
  let sam: Client
  let ana: Client
  let raj: Client
  let out: Client
  let questionId: number
  let answerId: number
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam', email: 'sam@example.com' })
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj', email: 'raj.k@example.com' })
    out = await loggedInPerson(t.app, { name: 'Out', email: 'out@example.com' })
    await sam.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })
    await sam.post('/api/communities', { name: 'Testing', purpose: 'Tests', visibility: 'closed' })
  })
  afterAll(async () => t.close())

  const interactions = async () =>
    (await listInteractions(t.app.db)).map(({ actor_id, target_id, kind, topics, community_id }) => ({
      actor_id,
      target_id,
      kind,
      topics,
      community_id,
    }))

  it('asks a question (joining the open community as a newcomer) and answers it, logging the help', async () => {
    const q = await ana.post('/api/communities/data-engineering/posts', {
      kind: 'question',
      title: 'How do we backfill a partition safely?',
      body: 'Asking for @raj.k',
      tags: ['Backfill', 'partitions'],
    })
    expect(q.statusCode).toBe(201)
    questionId = q.json().id
    expect(q.json()).toMatchObject({ kind: 'question', tags: ['backfill', 'partitions'], author: { name: 'Ana' }, canAccept: true })
    expect((await ana.get('/api/communities/data-engineering')).json().myRole).toBe('newcomer')
    const a = await raj.post(`/api/posts/${questionId}/answers`, { body: 'Use **idempotent** writes.' })
    expect(a.statusCode).toBe(201)
    answerId = a.json().id
    expect((await raj.get('/api/communities/data-engineering')).json().myRole).toBe('member')
    expect(a.json().html).toContain('<strong>idempotent</strong>')
    const log = await interactions()
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor_id: ana.id, target_id: raj.id, kind: 'mention' }),
        expect.objectContaining({ actor_id: raj.id, target_id: ana.id, kind: 'answer', topics: '["backfill","partitions"]' }),
      ]),
    )
    expect((await raj.post(`/api/posts/${answerId}/answers`, { body: 'x' })).statusCode).toBe(400)
  })

  it('accepts an answer, only by the asker or a steward', async () => {
    expect((await raj.post(`/api/posts/${questionId}/accept`, { answerId })).statusCode).toBe(403)
    const res = await ana.post(`/api/posts/${questionId}/accept`, { answerId })
    expect(res.json().acceptedAnswerId).toBe(answerId)
    const thread = (await out.get(`/api/posts/${questionId}`)).json()
    expect(thread.answers[0].id).toBe(answerId)
    expect((await interactions()).filter((i) => i.kind === 'accept')).toEqual([
      expect.objectContaining({ actor_id: ana.id, target_id: raj.id }),
    ])
  })

  it('thanks and "I learned this from you" show on learned-from pages', async () => {
    expect((await ana.post(`/api/posts/${answerId}/thanks`, { kind: 'thanks', note: 'Saved my day' })).statusCode).toBe(201)
    expect((await ana.post(`/api/posts/${answerId}/thanks`, { kind: 'thanks' })).statusCode).toBe(409)
    expect((await ana.post(`/api/posts/${answerId}/thanks`, { kind: 'learned' })).statusCode).toBe(201)
    expect((await raj.post(`/api/posts/${answerId}/thanks`, { kind: 'thanks' })).statusCode).toBe(400)
    expect((await out.post(`/api/people/${raj.id}/thanks`, { kind: 'learned', note: 'Taught me SQL at lunch' })).statusCode).toBe(201)
    const rajPage = (await out.get(`/api/people/${raj.id}/learned-from`)).json()
    expect(rajPage.counts).toEqual({ thanksReceived: 1, learnedFromThem: 2, answers: 1, accepted: 1 })
    expect(rajPage.helped.map((h: { person: { name: string } }) => h.person.name).sort()).toEqual(['Ana', 'Ana', 'Out'])
    const anaPage = (await raj.get(`/api/people/${ana.id}/learned-from`)).json()
    expect(anaPage.learned).toEqual([
      expect.objectContaining({
        kind: 'learned',
        person: expect.objectContaining({ name: 'Raj' }),
        post: expect.objectContaining({ id: answerId }),
      }),
    ])
  })

  it('keeps closed-community content from outsiders', async () => {
    const p = await sam.post('/api/communities/testing/posts', {
      kind: 'practice',
      title: 'Contract tests for every service',
      body: 'Do it',
      fields: { context: 'microservices', steps: '1. write', evidence: 'fewer outages' },
    })
    expect(p.statusCode).toBe(201)
    const id = p.json().id
    expect((await out.get(`/api/posts/${id}`)).statusCode).toBe(404)
    expect((await out.post(`/api/posts/${id}/answers`, { body: 'x' })).statusCode).toBe(404)
    expect((await out.post('/api/communities/testing/posts', { kind: 'question', title: 'Can I?', body: '' })).statusCode).toBe(403)
    expect((await out.get('/api/communities/testing/feed')).statusCode).toBe(403)
    expect((await out.post(`/api/posts/${id}/thanks`, { kind: 'thanks' })).statusCode).toBe(404)
    await out.post(`/api/people/${sam.id}/thanks`, { kind: 'thanks', note: 'general thanks' })
    const samThanks = await sam.post(`/api/posts/${id}/adoptions`, { note: 'we use it', communitySlug: 'testing' })
    expect(samThanks.statusCode).toBe(201)
    const thread = (await sam.get(`/api/posts/${id}`)).json()
    expect(thread.post.fieldsHtml.evidence).toContain('fewer outages')
    expect(thread.adoptions).toEqual([expect.objectContaining({ community: { slug: 'testing', name: 'Testing' }, note: 'we use it' })])
    expect((await ana.post(`/api/posts/${questionId}/adoptions`, {})).statusCode).toBe(400)
  })

  it('posts lessons anonymously, hiding the author everywhere', async () => {
    const l = await ana.post('/api/communities/data-engineering/posts', {
      kind: 'lesson',
      title: 'We dropped a table',
      body: 'Blameless write-up',
      anonymous: true,
      fields: { whatHappened: 'A migration ran twice', whatWeLearned: 'Idempotency', whatWeWouldDoDifferently: 'Dry runs' },
    })
    expect(l.statusCode).toBe(201)
    expect(l.json()).toMatchObject({ author: null, anonymous: true, canEdit: true })
    const seen = (await raj.get(`/api/posts/${l.json().id}`)).json().post
    expect(seen.author).toBeNull()
    expect(JSON.stringify(seen)).not.toContain(ana.id)
    await raj.post(`/api/posts/${l.json().id}/thanks`, { kind: 'learned' })
    expect((await raj.get(`/api/people/${ana.id}/learned-from`)).json().helped).toHaveLength(0)
    expect(
      (await ana.post('/api/communities/data-engineering/posts', { kind: 'question', title: 'Anon?', body: '', anonymous: true }))
        .statusCode,
    ).toBe(400)
  })

  it('keeps edit history and soft-deletes', async () => {
    const edited = await ana.patch(`/api/posts/${questionId}`, { body: 'Edited body', tags: ['backfill'] })
    expect(edited.json()).toMatchObject({ body: 'Edited body', tags: ['backfill'] })
    expect(edited.json().editedAt).not.toBeNull()
    expect((await raj.patch(`/api/posts/${questionId}`, { body: 'vandal' })).statusCode).toBe(403)
    const revs = (await raj.get(`/api/posts/${questionId}/revisions`)).json().items
    expect(revs[0]).toMatchObject({ body: 'Asking for @raj.k', tags: ['backfill', 'partitions'] })
    const c = await raj.post(`/api/posts/${questionId}/comments`, { body: 'typo?' })
    expect((await sam.delete(`/api/posts/${c.json().id}`)).statusCode).toBe(200)
    expect((await raj.get(`/api/posts/${c.json().id}`)).statusCode).toBe(404)
    expect((await raj.get(`/api/posts/${questionId}`)).json().comments).toHaveLength(0)
  })

  it('renders Markdown inert: no script, handler or javascript: URL survives', async () => {
    const body =
      '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) [y](JAVASCRIPT:alert(4)) ![z](data:text/html;base64,PHNjcmlwdD4=)'
    const p = (await ana.post('/api/communities/data-engineering/posts', { kind: 'story', title: 'XSS story', body })).json()
    expect(p.html).not.toMatch(/<script|<img[^>]*onerror|href="javascript|src="data:text/i)
    expect(p.html).toContain('&lt;script&gt;')
  })

  it('serves a community feed with a cursor, and a home with waiting questions newcomers first', async () => {
    const newbie = await loggedInPerson(t.app, { name: 'Newbie' })
    await sam.post('/api/communities/data-engineering/posts', { kind: 'question', title: 'Steward question', body: '' })
    await newbie.post('/api/communities/data-engineering/posts', { kind: 'question', title: 'Newcomer question', body: '' })
    const home = (await out.get('/api/communities/data-engineering/home')).json()
    expect(home.waiting.map((w: { title: string }) => w.title)).toEqual(['Newcomer question', 'Steward question'])
    expect(home.waiting[0].askedByNewcomer).toBe(true)
    expect(home.members.steward.map((p: { name: string }) => p.name)).toEqual(['Sam'])
    const page1 = (await out.get('/api/communities/data-engineering/feed?limit=2')).json()
    expect(page1.items).toHaveLength(2)
    const page2 = (await out.get(`/api/communities/data-engineering/feed?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)).json()
    const ids = [...page1.items, ...page2.items].map((p: { id: number }) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect((await out.get('/api/communities/data-engineering/feed?cursor=garbage')).statusCode).toBe(400)
  })
})
