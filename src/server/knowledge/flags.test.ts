import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { findAuditEntries } from '../platform/audit.js'

describe.each(DIALECTS)('%s: flag and review', (dialect) => {
  let t: TestApp
  let admin: Client
  let steward: Client
  let ana: Client
  let raj: Client
  let out: Client
  let questionId: number
  let answerId: number
  let storyId: number
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    steward = await loggedInPerson(t.app, { name: 'Stew', email: 'stew@example.com' })
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj', email: 'raj@example.com' })
    out = await loggedInPerson(t.app, { name: 'Out', email: 'out@example.com' })
    await steward.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })
    await steward.post('/api/communities', { name: 'Other', purpose: 'Other things', visibility: 'open' })
    await steward.post('/api/communities', { name: 'Secret ops', purpose: 'Ops', visibility: 'secret' })
    questionId = (
      await ana.post('/api/communities/data-engineering/posts', { kind: 'question', title: 'How to backfill?', body: 'x' })
    ).json().id
    answerId = (await raj.post(`/api/posts/${questionId}/answers`, { body: 'Buy cheap pills at spam.example' })).json().id
    storyId = (await ana.post('/api/communities/other/posts', { kind: 'story', title: 'A story', body: 'Once upon a time' })).json().id
  })
  afterAll(async () => t.close())

  it('lets any member flag a post they can read, once, and not their own; bad input changes nothing', async () => {
    expect((await ana.post(`/api/posts/${answerId}/flags`, { reason: 'spam' })).statusCode).toBe(201)
    expect((await out.post(`/api/posts/${answerId}/flags`, { reason: 'rude', note: 'Rude too' })).statusCode).toBe(201)
    const again = await ana.post(`/api/posts/${answerId}/flags`, { reason: 'spam' })
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_flagged'])
    expect((await raj.post(`/api/posts/${answerId}/flags`, { reason: 'spam' })).json().error.code).toBe('flag_own_post')
    expect((await out.post(`/api/posts/${storyId}/flags`, { reason: 'other' })).json().error.code).toBe('flag_note_required')
    for (const body of [{ reason: 'boring' }, {}, { reason: 'spam', note: 'x'.repeat(1001) }, { reason: 'spam', extra: 1 }])
      expect((await out.post(`/api/posts/${storyId}/flags`, body)).statusCode).toBe(400)
    const secret = (await steward.post('/api/communities/secret-ops/posts', { kind: 'story', title: 'Hush', body: 'x' })).json().id
    expect((await out.post(`/api/posts/${secret}/flags`, { reason: 'spam' })).statusCode).toBe(404)
    expect((await out.post(`/api/posts/${storyId}/flags`, { reason: 'off_topic' })).statusCode).toBe(201)
    expect((await out.get('/api/flags/mine')).json().items.map((f: { status: string }) => f.status)).toEqual(['open', 'open'])
  })

  it('shows the queue to stewards of the community and to admins only', async () => {
    const queue = (await steward.get('/api/review')).json().items
    expect(queue.map((i: { post: { id: number } }) => i.post.id)).toEqual([answerId, storyId])
    expect(queue[0].flags.map((f: { reason: string; flagger: { name: string } }) => [f.reason, f.flagger.name])).toEqual([
      ['spam', 'Ana'],
      ['rude', 'Out'],
    ])
    expect(queue[0].post).toMatchObject({ kind: 'answer', rootId: questionId, title: 'How to backfill?', author: { name: 'Raj' } })
    expect((await ana.get('/api/review')).json().items).toEqual([])
    expect((await admin.get('/api/review')).json().items).toHaveLength(2)
    const notSteward = await ana.post(`/api/review/${answerId}`, { decision: 'hide' })
    expect([notSteward.statusCode, notSteward.json().error.code]).toEqual([403, 'not_a_reviewer'])
    expect((await steward.post(`/api/review/${answerId}`, { decision: 'bury' })).statusCode).toBe(400)
    expect((await steward.post(`/api/review/${questionId}`, { decision: 'keep' })).json().error.code).toBe('nothing_to_review')
    expect((await out.get(`/api/posts/${questionId}`)).json().answers).toHaveLength(1)
  })

  it('hides a post from readers, closes its flags for the flaggers to see, and audits the decision', async () => {
    expect((await steward.post(`/api/review/${answerId}`, { decision: 'hide' })).statusCode).toBe(200)
    const thread = (await out.get(`/api/posts/${questionId}`)).json()
    expect(thread.answers).toEqual([])
    expect(thread.post.answerCount).toBe(0)
    expect((await out.get(`/api/posts/${answerId}`)).statusCode).toBe(404)
    expect((await raj.get(`/api/posts/${answerId}`)).statusCode).toBe(404)
    const mine = (await out.get('/api/flags/mine')).json().items
    expect(mine.map((f: { postId: number; status: string }) => [f.postId, f.status])).toEqual([
      [storyId, 'open'],
      [answerId, 'hidden'],
    ])
    expect((await steward.get('/api/review')).json().items.map((i: { post: { id: number } }) => i.post.id)).toEqual([storyId])
    expect((await steward.post(`/api/review/${answerId}`, { decision: 'keep' })).statusCode).toBe(409)
    const audit = await findAuditEntries(t.app.db, 'post.review', `post:${answerId}`)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: steward.id })
  })

  it('keeps or deletes a post on the admin’s decision', async () => {
    expect((await admin.post(`/api/review/${storyId}`, { decision: 'keep' })).statusCode).toBe(200)
    expect((await out.get(`/api/posts/${storyId}`)).statusCode).toBe(200)
    expect((await out.get('/api/flags/mine')).json().items[0].status).toBe('kept')
    await out.post(`/api/posts/${storyId}/flags`, { reason: 'spam' })
    expect((await admin.post(`/api/review/${storyId}`, { decision: 'delete' })).statusCode).toBe(200)
    expect((await out.get(`/api/posts/${storyId}`)).statusCode).toBe(404)
    expect((await out.get('/api/communities/other/feed')).json().items).toEqual([])
  })
})
