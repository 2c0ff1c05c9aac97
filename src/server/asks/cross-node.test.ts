import pg from 'pg'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionClient } from '../../../test/api/support.js'
import { through, twoPgNodes, type Client } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { communityRefBySlug } from '../communities/lookup.js'
import { ExpertiseService } from './expertise-service.js'

// Each node keeps its own routing model (expertise-service.ts). What a person hides or declines on one node must
// reach the model of every other node, not only the one that served the change.
describe('postgres: the routing model of every node follows hidden topics and declines', () => {
  const nodes = twoPgNodes()
  let sam: Client
  let raj: Client
  let mei: Client
  beforeAll(async () => {
    const { t } = nodes
    sam = await sessionClient(t.app, await buildPerson(t.app, { name: 'Sam' }))
    raj = await sessionClient(t.app, await buildPerson(t.app, { name: 'Raj' }))
    mei = await sessionClient(t.app, await buildPerson(t.app, { name: 'Mei' }))
    expect((await sam.post('/api/communities', { name: 'Data', slug: 'data', purpose: 'Pipelines', visibility: 'open' })).statusCode).toBe(
      201,
    )
    for (const title of ['How to backfill a partition', 'Backfill of daily partitions failed', 'Backfill without downtime']) {
      const q = (await sam.post('/api/communities/data/posts', { kind: 'question', title, body: title, tags: ['backfill'] })).json<{
        id: number
      }>()
      const a = (await raj.post(`/api/posts/${q.id}/answers`, { body: `Answer to ${title}` })).json<{ id: number }>()
      expect((await sam.post(`/api/posts/${q.id}/accept`, { answerId: a.id })).statusCode).toBe(200)
    }
  })

  it('stops showing a topic hidden through the other node, and shows it again', async () => {
    const { second } = nodes
    const topicsOnSecond = async () =>
      (await through(second, mei).get(`/api/people/${raj.id}/known-for`)).json<{ topics: { tag: string }[] }>().topics.map((x) => x.tag)
    // The second node builds its model (and reads hidden topics) now, before Raj hides anything.
    expect(await topicsOnSecond()).toContain('backfill')

    expect((await raj.put('/api/me/hidden-topics', { tags: ['backfill'] })).statusCode).toBe(200)
    // The notification arrives after the first node's commit; nothing else would tell the second node.
    await vi.waitFor(async () => expect(await topicsOnSecond()).not.toContain('backfill'), { timeout: 3000, interval: 50 })

    expect((await raj.put('/api/me/hidden-topics', { tags: [] })).statusCode).toBe(200)
    await vi.waitFor(async () => expect(await topicsOnSecond()).toContain('backfill'), { timeout: 3000, interval: 50 })
  })

  it('learns from a "not my area" declined through the other node', async () => {
    const { t, second } = nodes
    // A model of the second node, as its routing holds one.
    const model = new ExpertiseService(second.db, second.caches)
    const question = { title: 'Backfill a huge partition', body: 'backfill', tags: ['backfill'], askerId: sam.id }
    const scoreOfRaj = async () => (await model.current()).rank(question, [raj.id, mei.id]).find((r) => r.personId === raj.id)?.score ?? 0
    const asked = await sam.post('/api/asks', { title: 'Backfill again', body: 'backfill', tags: ['backfill'], communitySlug: 'data' })
    expect(asked.statusCode).toBe(201)
    const offer = await t.app.db
      .selectFrom('route_offer')
      .select('id')
      .where('person_id', '=', raj.id)
      .where('question_id', '=', asked.json<{ questionId: number }>().questionId)
      .executeTakeFirstOrThrow()
    // Read after the question exists, so only the decline can move the score.
    const before = await scoreOfRaj()
    expect((await raj.post(`/api/asks/offers/${offer.id}/decline`, { reason: 'not_my_area' })).statusCode).toBe(200)
    await vi.waitFor(async () => expect(await scoreOfRaj()).toBeLessThan(before), { timeout: 3000, interval: 50 })
  })

  it('takes in a question that commits after a later one was read (ids are drawn before commit)', async () => {
    const { t, second } = nodes
    const model = new ExpertiseService(second.db, second.caches)
    await model.current()
    const community = (await communityRefBySlug(t.app.db, 'data'))!
    // A slow transaction (an import, another node under load) draws its post id first and commits last.
    const slow = new pg.Client({ connectionString: t.config.databaseUrl })
    await slow.connect()
    try {
      await slow.query('begin')
      const now = new Date().toISOString()
      const inserted = await slow.query<{ id: string }>(
        `insert into post (community_id, kind, author_id, title, body, tags, created_at, updated_at, last_activity_at)
         values ($1, 'question', $2, 'Slow backfill question', 'backfill', '["backfill"]', $3, $3, $3) returning id`,
        [community.id, sam.id, now],
      )
      const slowId = String(inserted.rows[0]?.id)
      const later = await sam.post('/api/communities/data/posts', { kind: 'question', title: 'Quick question', body: 'quick', tags: [] })
      expect(later.statusCode).toBe(201)
      expect((await model.current()).hasQuestion(String(later.json<{ id: number }>().id))).toBe(true)
      await slow.query('commit')
      expect((await model.current()).hasQuestion(slowId)).toBe(true)
    } finally {
      await slow.end()
    }
  })
})
