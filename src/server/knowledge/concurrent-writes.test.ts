import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionClient } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, twoPgNodes, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'

// Requests that write the same rows at once (a question's counters, a community's counters) must neither
// deadlock nor lose an update: on PostgreSQL each runs in its own transaction, side by side, and with two
// app nodes the requests meet only in the database. Each scenario sends its requests with Promise.all.

interface Nodes {
  apps: FastifyInstance[]
}

const statuses = (responses: LightMyRequestResponse[]) =>
  responses.map((r) => (r.statusCode >= 500 ? `${r.statusCode} ${r.body}` : r.statusCode))

/** `n` people, each with a session on every node (clients[i][node]). */
async function people(nodes: Nodes, n: number, prefix: string): Promise<Client[][]> {
  const [first] = nodes.apps as [FastifyInstance]
  const rows = await Promise.all(
    Array.from({ length: n }, (_, i) => buildPerson(first, { name: `${prefix} ${i}`, email: `${prefix}${i}@example.com` })),
  )
  return Promise.all(rows.map((row) => Promise.all(nodes.apps.map((app) => sessionClient(app, row)))))
}

/** The client of person i on the node that serves request i (round robin). */
const on = (clients: Client[][], i: number) => {
  const mine = clients[i] as Client[]
  return mine[i % mine.length] as Client
}

function scenarios(nodes: () => Nodes) {
  let steward: Client
  let members: Client[][]
  let outsiders: Client[][]

  beforeAll(async () => {
    const n = nodes()
    const [app] = n.apps as [FastifyInstance]
    steward = await sessionClient(app, await buildPerson(app, { name: 'Steward' }))
    expect((await steward.post('/api/communities', { name: 'Busy', purpose: 'Many hands', visibility: 'open' })).statusCode).toBe(201)
    members = await people(n, 30, 'member')
    outsiders = await people(n, 30, 'outsider')
    const joins = await Promise.all(members.map((_, i) => on(members, i).post('/api/communities/busy/join', {})))
    expect(statuses(joins)).toEqual(joins.map(() => 200))
  })

  const community = async () => (await steward.get('/api/communities/busy')).json<{ memberCount: number; postCount: number }>()
  const thread = async (id: number) =>
    (await steward.get(`/api/posts/${id}`)).json<{ post: { answerCount: number; commentCount: number }; answers: unknown[] }>()

  it('counts members who joined at the same moment', async () => {
    expect((await community()).memberCount).toBe(31)
  })

  it('answers 30 times at once, one author joining by answering, without a deadlock or a lost count', async () => {
    const before = await community()
    const q = await steward.post('/api/communities/busy/posts', { kind: 'question', title: 'Who knows?', body: 'Anyone.' })
    expect(q.statusCode).toBe(201)
    const id = q.json<{ id: number }>().id
    // Person 0 is not a member yet: answering joins them, which writes the community row first.
    const authors = [on(outsiders, 0), ...members.slice(1).map((_, i) => on(members, i + 1))]
    const answers = await Promise.all(authors.map((c) => c.post(`/api/posts/${id}/answers`, { body: 'Try this.' })))
    expect(statuses(answers)).toEqual(answers.map(() => 201))
    const after = await thread(id)
    expect(after.answers).toHaveLength(30)
    expect(after.post.answerCount).toBe(30)
    expect(await community()).toMatchObject({ postCount: before.postCount + 31, memberCount: before.memberCount + 1 })
  })

  it('joins 29 people by answering at once, and counts them', async () => {
    const before = await community()
    const q = await steward.post('/api/communities/busy/posts', { kind: 'question', title: 'Newcomers?', body: 'Say hi.' })
    const id = q.json<{ id: number }>().id
    const answers = await Promise.all(
      outsiders.slice(1).map((_, i) => on(outsiders, i + 1).post(`/api/posts/${id}/answers`, { body: 'Hi.' })),
    )
    expect(statuses(answers)).toEqual(answers.map(() => 201))
    expect((await thread(id)).post.answerCount).toBe(29)
    expect(await community()).toMatchObject({ postCount: before.postCount + 30, memberCount: before.memberCount + 29 })
  })

  it('comments, deletes and posts at once and keeps every count', async () => {
    const q = await steward.post('/api/communities/busy/posts', { kind: 'question', title: 'Mixed', body: 'Load.' })
    const id = q.json<{ id: number }>().id
    const first = await Promise.all(members.slice(0, 20).map((_, i) => on(members, i).post(`/api/posts/${id}/answers`, { body: 'A.' })))
    const answerIds = first.map((r) => r.json<{ id: number }>().id)
    const before = await community()
    // Ten answers go, ten comments and ten answers come, and ten new questions, all at once.
    const mixed = await Promise.all([
      ...answerIds.slice(0, 10).map((a, i) => on(members, i).delete(`/api/posts/${a}`)),
      ...answerIds.slice(10).map((a, i) => on(members, i + 10).post(`/api/posts/${a}/comments`, { body: 'C.' })),
      ...members.slice(20).map((_, i) => on(members, i + 20).post(`/api/posts/${id}/answers`, { body: 'B.' })),
      ...members
        .slice(0, 10)
        .map((_, i) => on(members, i).post('/api/communities/busy/posts', { kind: 'story', title: `Story ${i}`, body: 'S.' })),
    ])
    expect(statuses(mixed)).toEqual([...Array(10).fill(200), ...Array(30).fill(201)])
    const after = await thread(id)
    expect(after.post.answerCount).toBe(20)
    expect(after.answers).toHaveLength(20)
    // 10 deleted, 10 comments, 10 answers and 10 stories written.
    expect((await community()).postCount).toBe(before.postCount - 10 + 30)
  })

  it('joins a newcomer once who answers 8 times at once', async () => {
    const before = await community()
    const q = await steward.post('/api/communities/busy/posts', { kind: 'question', title: 'Eager?', body: 'Go.' })
    const id = q.json<{ id: number }>().id
    const [newcomer] = (await people(nodes(), 1, 'eager')) as [Client[]]
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (newcomer[i % newcomer.length] as Client).post(`/api/posts/${id}/answers`, { body: 'Me!' })),
    )
    expect(statuses(answers)).toEqual(answers.map(() => 201))
    expect((await thread(id)).post.answerCount).toBe(8)
    expect(await community()).toMatchObject({ postCount: before.postCount + 9, memberCount: before.memberCount + 1 })
  })

  it('deletes an answer once when asked 8 times at once', async () => {
    const q = await steward.post('/api/communities/busy/posts', { kind: 'question', title: 'Once?', body: 'Go.' })
    const id = q.json<{ id: number }>().id
    const answer = await on(members, 0).post(`/api/posts/${id}/answers`, { body: 'Gone soon.' })
    await on(members, 1).post(`/api/posts/${id}/answers`, { body: 'Stays.' })
    const before = await community()
    const answerId = answer.json<{ id: number }>().id
    const deletes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (members[0]?.[i % nodes().apps.length] as Client).delete(`/api/posts/${answerId}`)),
    )
    expect(statuses(deletes).sort()).toEqual([200, 404, 404, 404, 404, 404, 404, 404])
    expect((await thread(id)).post.answerCount).toBe(1)
    expect((await community()).postCount).toBe(before.postCount - 1)
  })

  it('keeps the member count when people leave and join at once', async () => {
    const before = await community()
    const moves = await Promise.all([
      ...members.slice(0, 15).map((_, i) => on(members, i).post('/api/communities/busy/leave', {})),
      ...members.slice(0, 15).map((_, i) => on(members, i + 1).post('/api/communities/busy/follow', { following: false })),
    ])
    expect(statuses(moves).filter((s) => typeof s === 'string')).toEqual([])
    expect((await community()).memberCount).toBe(before.memberCount - 15)
    const rejoin = await Promise.all(members.slice(0, 15).map((_, i) => on(members, i).post('/api/communities/busy/join', {})))
    expect(statuses(rejoin)).toEqual(rejoin.map(() => 200))
    expect((await community()).memberCount).toBe(before.memberCount)
  })
  it('lets only one of the last two stewards leave when both leave at once', async () => {
    const [app] = nodes().apps as [FastifyInstance]
    const [other] = (await people(nodes(), 1, 'steward')) as [Client[]]
    const founder = await sessionClient(app, await buildPerson(app, { name: 'Founder' }))
    expect((await founder.post('/api/communities', { name: 'Pair', purpose: 'Two stewards', visibility: 'open' })).statusCode).toBe(201)
    expect((await (other[0] as Client).post('/api/communities/pair/join', {})).statusCode).toBe(200)
    expect((await founder.patch(`/api/communities/pair/members/${(other[0] as Client).id}`, { role: 'steward' })).statusCode).toBe(200)
    const leaves = await Promise.all([
      founder.post('/api/communities/pair/leave', {}),
      (other[other.length - 1] as Client).post('/api/communities/pair/leave', {}),
    ])
    expect(statuses(leaves).sort()).toEqual([200, 409])
    expect(leaves.find((r) => r.statusCode === 409)?.json()).toMatchObject({ error: { code: 'last_steward' } })
  })

  it('takes an erased person out of the member count', async () => {
    const [app] = nodes().apps as [FastifyInstance]
    const admin = await sessionClient(app, await buildPerson(app, { name: 'Admin', role: 'admin' }))
    const [leaver] = (await people(nodes(), 1, 'erased')) as [Client[]]
    const client = leaver[0] as Client
    expect((await client.post('/api/communities/busy/join', {})).statusCode).toBe(200)
    const before = await community()
    const request = (await client.post('/api/me/erasure', {})).json<{ id: string }>()
    expect((await admin.post(`/api/admin/erasures/${request.id}/confirm`)).statusCode).toBe(200)
    expect((await community()).memberCount).toBe(before.memberCount - 1)
  })
}

describe.each(DIALECTS)('%s: concurrent writes to shared counters', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
  })
  afterAll(async () => t.close())
  scenarios(() => ({ apps: [t.app] }))
})

describe('postgres, two app nodes: concurrent writes to shared counters', () => {
  const pair = twoPgNodes()
  scenarios(() => ({ apps: [pair.t.app, pair.second] }))
})
