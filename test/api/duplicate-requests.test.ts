import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, twoPgNodes, type Client, type TestApp } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { sessionClient } from './support.js'

// The same request sent several times at once (a double click, a retrying client, two tabs) gets the answer
// a repeat would get: one succeeds and the others are 409 with a stable code, or all succeed where the
// operation is idempotent. Never a 500, and the duplicate is never written.

const N = 8

interface Nodes {
  apps: FastifyInstance[]
}

/** The same person on every node; request i goes to node i mod n. */
async function person(nodes: Nodes, name: string, role: 'member' | 'admin' = 'member'): Promise<(i: number) => Client> {
  const [first] = nodes.apps as [FastifyInstance]
  const row = await buildPerson(first, { name, role })
  const clients = await Promise.all(nodes.apps.map((app) => sessionClient(app, row)))
  return (i) => clients[i % clients.length] as Client
}

/** Status and error code of each response, sorted. */
const outcomes = (responses: LightMyRequestResponse[]) =>
  responses
    .map((r) => (r.statusCode < 300 ? `${r.statusCode}` : `${r.statusCode} ${r.json<{ error: { code: string } }>().error.code}`))
    .sort()

const once = (ok: string, code: string) => [ok, ...Array<string>(N - 1).fill(`409 ${code}`)]

async function times(send: (i: number) => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]> {
  return Promise.all(Array.from({ length: N }, (_, i) => send(i)))
}

function scenarios(nodes: () => Nodes) {
  let steward: (i: number) => Client
  let db: FastifyInstance['db']

  beforeAll(async () => {
    steward = await person(nodes(), 'Steward')
    db = (nodes().apps[0] as FastifyInstance).db
    expect((await steward(0).post('/api/communities', { name: 'Open', purpose: 'Anyone', visibility: 'open' })).statusCode).toBe(201)
    expect((await steward(0).post('/api/communities', { name: 'Closed', purpose: 'Ask first', visibility: 'closed' })).statusCode).toBe(201)
  })

  const count = async (
    table: 'membership' | 'thanks' | 'adoption' | 'join_request' | 'erasure_request',
    personColumn: string,
    id: string,
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(personColumn as 'person_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('joins an open community once', async () => {
    const ana = await person(nodes(), 'Ana')
    const before = (await steward(0).get('/api/communities/open')).json<{ memberCount: number }>().memberCount
    expect(outcomes(await times((i) => ana(i).post('/api/communities/open/join', {})))).toEqual(once('200', 'already_member'))
    expect(await count('membership', 'person_id', ana(0).id)).toBe(1)
    expect((await steward(0).get('/api/communities/open')).json<{ memberCount: number }>().memberCount).toBe(before + 1)
  })

  it('asks to join a closed community once', async () => {
    const raj = await person(nodes(), 'Raj')
    expect(outcomes(await times((i) => raj(i).post('/api/communities/closed/join', { message: 'Hi' })))).toEqual(
      once('200', 'request_pending'),
    )
    expect(await count('join_request', 'person_id', raj(0).id)).toBe(1)
    const [request] = (await steward(0).get('/api/communities/closed/requests')).json<{ items: { id: string }[] }>().items
    const url = `/api/communities/closed/requests/${request?.id}/approve`
    expect(outcomes(await times((i) => steward(i).post(url, {})))).toEqual(once('200', 'request_decided'))
    expect(await count('membership', 'person_id', raj(0).id)).toBe(1)
  })

  it('invites one email once, however often it is sent at once', async () => {
    const admin = await person(nodes(), 'Admin', 'admin')
    const responses = await times((i) => admin(i).post('/api/admin/invitations', { email: 'Nadia@Example.com', name: 'Nadia' }))
    expect(outcomes(responses)).toEqual(Array(N).fill('201'))
    expect(new Set(responses.map((r) => r.json<{ personId: string }>().personId)).size).toBe(1)
    const people = await db.selectFrom('person').select('id').where('email', '=', 'nadia@example.com').execute()
    expect(people).toHaveLength(1)
  })

  it('thanks for a post once, and adopts a practice once', async () => {
    const author = await person(nodes(), 'Author')
    const giver = await person(nodes(), 'Giver')
    const practice = await author(0).post('/api/communities/open/posts', { kind: 'practice', title: 'Pairing', body: 'Pair up.' })
    expect(practice.statusCode).toBe(201)
    const id = practice.json<{ id: number }>().id
    expect(outcomes(await times((i) => giver(i).post(`/api/posts/${id}/thanks`, { kind: 'thanks' })))).toEqual(
      once('201', 'already_thanked'),
    )
    expect(await count('thanks', 'giver_id', giver(0).id)).toBe(1)
    expect(outcomes(await times((i) => giver(i).post(`/api/posts/${id}/adoptions`, {})))).toEqual(once('201', 'already_adopted'))
    expect(await count('adoption', 'person_id', giver(0).id)).toBe(1)
  })

  it('asks for erasure once', async () => {
    const leaver = await person(nodes(), 'Leaver')
    expect(outcomes(await times((i) => leaver(i).post('/api/me/erasure', { reason: 'bye' })))).toEqual(once('201', 'erasure_pending'))
    expect(await count('erasure_request', 'person_id', leaver(0).id)).toBe(1)
  })

  it('replaces hidden topics with one of the sets sent at once', async () => {
    const sam = await person(nodes(), 'Sam')
    const sets = Array.from({ length: N }, (_, i) => ['shared', `own-${i}`])
    expect(outcomes(await times((i) => sam(i).put('/api/me/hidden-topics', { tags: sets[i] })))).toEqual(Array(N).fill('200'))
    const stored = (await sam(0).get('/api/me/hidden-topics')).json<{ tags: string[] }>().tags
    expect(sets.map((s) => [...s].sort().join())).toContain([...stored].sort().join())
  })

  it('starts a community at one address once', async () => {
    const ana = await person(nodes(), 'Founder')
    const responses = await times((i) =>
      ana(i).post('/api/communities', { name: 'Twins', slug: 'twins', purpose: 'Once', visibility: 'open' }),
    )
    expect(outcomes(responses)).toEqual(once('201', 'slug_taken'))
  })
}

describe.each(DIALECTS)('%s: duplicate requests racing', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
  })
  afterAll(async () => t.close())
  scenarios(() => ({ apps: [t.app] }))
})

describe('postgres, two app nodes: duplicate requests racing', () => {
  const pair = twoPgNodes()
  scenarios(() => ({ apps: [pair.t.app, pair.second] }))
})
