import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import type { PostVotedEvent } from './events.js'
import { voteEvidence } from './lookup.js'

describe.each(DIALECTS)('%s: votes', (dialect) => {
  let t: TestApp
  let ana: Client
  let raj: Client
  let sam: Client
  let out: Client
  let questionId: number
  let answerIds: number[]
  const events: PostVotedEvent[] = []
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj', email: 'raj@example.com' })
    sam = await loggedInPerson(t.app, { name: 'Sam', email: 'sam@example.com' })
    out = await loggedInPerson(t.app, { name: 'Out', email: 'out@example.com' })
    t.app.bus.afterCommit('knowledge.post_voted', async (e) => {
      events.push(e)
    })
    await ana.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })
    await ana.post('/api/communities', { name: 'Secret ops', purpose: 'Ops', visibility: 'secret' })
    questionId = (
      await ana.post('/api/communities/data-engineering/posts', { kind: 'question', title: 'How to backfill?', body: 'x' })
    ).json().id
    answerIds = []
    for (const who of [raj, sam])
      answerIds.push((await who.post(`/api/posts/${questionId}/answers`, { body: `From ${who.email}` })).json().id)
  })
  afterAll(async () => t.close())

  const score = async (id: number) =>
    (await out.get(`/api/posts/${questionId}`)).json().answers.find((a: { id: number }) => a.id === id)?.score

  it('counts one vote per person, changeable and removable, and publishes each change', async () => {
    const [rajAnswer, samAnswer] = answerIds as [number, number]
    expect((await ana.post(`/api/posts/${samAnswer}/vote`, { value: 1 })).json()).toEqual({ postId: samAnswer, score: 1, myVote: 1 })
    expect((await ana.post(`/api/posts/${samAnswer}/vote`, { value: 1 })).json().score).toBe(1)
    expect((await out.post(`/api/posts/${samAnswer}/vote`, { value: 1 })).json().score).toBe(2)
    expect((await out.post(`/api/posts/${samAnswer}/vote`, { value: -1 })).json().score).toBe(0)
    expect((await out.post(`/api/posts/${samAnswer}/vote`, { value: 0 })).json()).toEqual({ postId: samAnswer, score: 1, myVote: 0 })
    expect(await score(samAnswer)).toBe(1)
    expect(await score(rajAnswer)).toBe(0)
    expect(events.map((e) => [e.postId, e.voterId, e.value, e.previous, e.score])).toEqual([
      [samAnswer, ana.id, 1, 0, 1],
      [samAnswer, out.id, 1, 0, 2],
      [samAnswer, out.id, -1, 1, 0],
      [samAnswer, out.id, 0, -1, 1],
    ])
    expect(events[0]).toMatchObject({ kind: 'answer', rootId: questionId, authorId: sam.id })
    // Each voter's own votes come with the thread, theirs only (out took theirs back).
    const mine = async (c: Client) => (await c.get(`/api/posts/${questionId}`)).json().mine.votes
    expect(await mine(ana)).toEqual([{ postId: samAnswer, value: 1 }])
    expect(await mine(out)).toEqual([])
  })

  it('orders answers accepted first, then by score', async () => {
    const [rajAnswer, samAnswer] = answerIds as [number, number]
    const order = async () => (await out.get(`/api/posts/${questionId}`)).json().answers.map((a: { id: number }) => a.id)
    expect(await order()).toEqual([samAnswer, rajAnswer])
    await ana.post(`/api/posts/${questionId}/accept`, { answerId: rajAnswer })
    expect(await order()).toEqual([rajAnswer, samAnswer])
  })

  it('refuses votes on your own post, on comments, and on posts you cannot read; bad values change nothing', async () => {
    const [, samAnswer] = answerIds as [number, number]
    const own = await sam.post(`/api/posts/${samAnswer}/vote`, { value: 1 })
    expect(own.statusCode).toBe(400)
    expect(own.json().error.code).toBe('vote_own_post')
    const comment = (await raj.post(`/api/posts/${questionId}/comments`, { body: 'nice' })).json().id
    expect((await ana.post(`/api/posts/${comment}/vote`, { value: 1 })).json().error.code).toBe('not_votable')
    const secret = (await ana.post('/api/communities/secret-ops/posts', { kind: 'question', title: 'Hidden one', body: 'x' })).json().id
    expect((await out.post(`/api/posts/${secret}/vote`, { value: 1 })).statusCode).toBe(404)
    expect((await out.get(`/api/posts/${secret}`)).statusCode).toBe(404)
    for (const body of [{ value: 2 }, { value: '1' }, {}, { value: 1, extra: true }])
      expect((await out.post(`/api/posts/${samAnswer}/vote`, body)).statusCode).toBe(400)
    expect((await out.post('/api/posts/99999999/vote', { value: 1 })).statusCode).toBe(404)
    expect(await score(samAnswer)).toBe(1)
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/posts/${samAnswer}/vote`, payload: { value: 1 } })
    expect(anonymous.statusCode).toBe(401)
  })

  it('exposes votes as evidence of expertise', async () => {
    const evidence = await voteEvidence(t.app.db, [sam.id, raj.id, ana.id, out.id])
    expect(evidence.get(sam.id)?.answer).toEqual({ up: 1, down: 0, score: 1, posts: 1 })
    expect(evidence.get(raj.id)?.answer).toEqual({ up: 0, down: 0, score: 0, posts: 1 })
    expect(evidence.has(out.id)).toBe(false)
  })

  it('keeps the score right under concurrent votes', async () => {
    const voters = await Promise.all(
      Array.from({ length: 12 }, (_, i) => loggedInPerson(t.app, { name: `Voter ${i}`, email: `voter${i}@example.com` })),
    )
    const [rajAnswer] = answerIds as [number]
    const before = await score(rajAnswer)
    const results = await Promise.all(voters.map((v, i) => v.post(`/api/posts/${rajAnswer}/vote`, { value: i % 3 === 0 ? -1 : 1 })))
    expect(results.map((r) => r.statusCode)).toEqual(voters.map(() => 200))
    expect(await score(rajAnswer)).toBe(before + 8 - 4)
  })

  it('puts a person’s votes in their export, and erasure forgets who voted while the score stays', async () => {
    const [, samAnswer] = answerIds as [number, number]
    const part = t.app.personalData.find((p) => p.name === 'knowledge')!
    const exported = (await part.export(t.app.db, ana.id)) as { votes: { post_id: number; value: number }[] }
    expect(exported.votes.map((v) => [Number(v.post_id), v.value])).toEqual([[samAnswer, 1]])
    await t.app.db.transaction().execute((tx) => part.erase(tx, ana.id))
    expect(((await part.export(t.app.db, ana.id)) as { votes: unknown[] }).votes).toEqual([])
    expect(await score(samAnswer)).toBe(1)
  })
})
