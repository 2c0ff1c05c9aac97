import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { ancestorsOf } from './map-graph.js'

// Links added to one learning map at the same moment (issue 14): the loop check and the insert are one
// transaction under the map's lock, so two requests that would close a loop together cannot both pass.

const URL = '/api/learning/maps/platform-ops'
const ROUNDS = 5

describe.each(DIALECTS)('learning map links added at once on %s', (dialect) => {
  let t: TestApp
  let sam: Client

  /** Adds `n` nodes to the map; their ids, in order. */
  async function nodes(prefix: string, n: number): Promise<string[]> {
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      const res = await sam.post(`${URL}/nodes`, { title: `${prefix} ${i}`, tags: [`${prefix}-${i}`] })
      expect(res.statusCode, res.body).toBe(201)
      ids.push(res.json<{ id: string }>().id)
    }
    return ids
  }

  /** Adds every link at once; the status of each, in order. */
  async function linkAtOnce(links: [node: string, prerequisite: string][]): Promise<number[]> {
    const replies = await Promise.all(
      links.map(([node, prerequisiteId]) => sam.post(`${URL}/nodes/${node}/prerequisites`, { prerequisiteId })),
    )
    for (const r of replies) if (r.statusCode !== 204) expect(r.json<{ error: { code: string } }>().error.code).toBe('map_cycle')
    return replies.map((r) => r.statusCode)
  }

  /** The map's edges as stored; no node may build on itself through them. */
  async function expectNoLoop(): Promise<{ nodeId: string; prerequisiteId: string }[]> {
    const rows = await t.app.db.selectFrom('learning_map_edge').select(['node_id', 'prerequisite_id']).execute()
    const edges = rows.map((r) => ({ nodeId: r.node_id, prerequisiteId: r.prerequisite_id }))
    for (const e of edges) expect(ancestorsOf(edges, e.nodeId).has(e.nodeId), `${e.nodeId} builds on itself`).toBe(false)
    return edges
  }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    sam = await loggedInPerson(t.app, { name: 'Sam Steward', email: 'sam@example.com' })
    expect(
      (await sam.post('/api/communities', { name: 'Platform ops', purpose: 'Running the platform', visibility: 'open' })).statusCode,
    ).toBe(201)
  })
  afterAll(async () => t?.close())

  it('takes one of "A builds on B" and "B builds on A" sent together, refuses the other, and makes no loop', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = (await nodes(`pair ${round}`, 2)) as [string, string]
      const statuses = await linkAtOnce([
        [a, b],
        [b, a],
      ])
      expect([...statuses].sort(), `round ${round}`).toEqual([204, 400])
      const between = (await expectNoLoop()).filter((e) => [a, b].includes(e.nodeId))
      expect(between, `round ${round}`).toHaveLength(1)
    }
  })

  it('serialises a whole map, not only the two nodes of a link: of a ring of four sent together, one is refused', async () => {
    // A → B, B → C, C → D and D → A share no node pairwise across the ring, so locking only a link's two nodes
    // would let A → B with C → D, then B → C with D → A, through together.
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b, c, d] = (await nodes(`ring ${round}`, 4)) as [string, string, string, string]
      const statuses = await linkAtOnce([
        [a, b],
        [b, c],
        [c, d],
        [d, a],
      ])
      expect([...statuses].sort(), `round ${round}`).toEqual([204, 204, 204, 400])
      expect(
        (await expectNoLoop()).filter((e) => [a, b, c, d].includes(e.nodeId)),
        `round ${round}`,
      ).toHaveLength(3)
    }
  })
})
