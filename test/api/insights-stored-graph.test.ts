import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PracticeSpread, ReorgResult } from '../../src/shared/insights-manage.js'
import { approximateBetweenness } from '../../src/graph/network/betweenness.js'
import { buildInteractionGraph, type TieGraph } from '../../src/server/insights/discovery-graph.js'
import { findTiesSince } from '../../src/server/insights/discovery-store.js'
import { loadRunContext, loadRunGraph, runBetweenness } from '../../src/server/insights/manage-context.js'
import { simulateReorg } from '../../src/server/insights/reorg.js'
import { interactionsPersonalData } from '../../src/server/insights/personal-data.js'
import { computeSpread } from '../../src/server/insights/spread.js'
import { practiceAdoptions } from '../../src/server/knowledge/lookup.js'
import { createTestApp, DIALECTS, login, type Client, type TestApp } from '../helpers/app.js'
import { updatePersonRow } from '../helpers/factories.js'
import { runDiscovery, seedInsightsOrg, type InsightsOrg } from '../helpers/insights-org.js'

// The reorg simulation and practice spread read the graph the discovery job stored instead of rebuilding it
// from the interaction log on every request. On the same data they show what the per-request rebuild showed:
// the stored graph is the rebuilt one to the bit, the run's betweenness gives the same brokerage share as a
// fresh estimate, and the answers match what the old computation gives. Someone who opts out after the run is
// in neither.
const DAY_MS = 86_400_000

describe.each(DIALECTS)('%s: manager tools read the graph the discovery run stored', (dialect) => {
  let t: TestApp
  let org: InsightsOrg
  let admin: Client

  beforeAll(async () => {
    t = await createTestApp(dialect)
    org = await seedInsightsOrg(t.app)
    t.app.jobs.start()
    admin = await login(t.app, org.admin.email)
    await runDiscovery(admin)
  }, 180_000)
  afterAll(async () => t?.close())

  /** What each request computed before: the graph rebuilt from the log over today's roster, at request time. */
  async function rebuiltGraph() {
    const context = (await loadRunContext(t.app.db))!
    const now = new Date()
    const rows = await findTiesSince(t.app.db, new Date(now.getTime() - context.run.window_days * DAY_MS).toISOString())
    const graph = buildInteractionGraph(
      rows,
      context.roster.map((p) => p.id),
      now,
      { windowDays: context.run.window_days, halfLifeDays: context.run.half_life_days },
    )
    return { context, graph }
  }
  const shape = (g: TieGraph) => ({
    ids: g.ids,
    offsets: [...g.graph.offsets],
    targets: [...g.graph.targets],
    weights: [...g.graph.weights],
  })

  it('stores the graph the run ran on, and it is the graph a request used to rebuild, to the bit', async () => {
    const { context, graph } = await rebuiltGraph()
    const stored = await loadRunGraph(t.app.db, context)
    expect(stored.graph.targets.length).toBeGreaterThan(0)
    expect(shape(stored)).toEqual(shape(graph))
    expect(await t.app.db.selectFrom('discovered_edge').select('run_id').distinct().execute()).toEqual([{ run_id: context.run.id }])
  })

  it('reorg: the same outcome as the per-request computation, with the run’s betweenness', async () => {
    const { context, graph } = await rebuiltGraph()
    const stored = await loadRunGraph(t.app.db, context)
    for (const [mode, people] of [
      ['leave', org.design.map((p) => p.id)],
      ['move', org.design.map((p) => p.id)],
      ['leave', [org.platform[0]!.id, ...org.data.slice(0, 4).map((p) => p.id)]],
    ] as const) {
      const chosen = new Set<string>(people)
      const before = simulateReorg(
        graph,
        approximateBetweenness(graph.graph, { samples: 256 }),
        context.communities,
        chosen,
        mode,
        new Map(),
        5,
      )
      const now = simulateReorg(stored, runBetweenness(context, stored), context.communities, chosen, mode, new Map(), 5)
      expect(now).toEqual(before)
      const res = await admin.post('/api/insights/reorg', { mode, people })
      expect(res.statusCode).toBe(200)
      const { run: _run, minAggregate: _min, topics: _topics, ...answered } = res.json<ReorgResult>()
      const { topics: _none, ...computed } = before
      expect(answered).toEqual(computed)
    }
  })

  it('practice spread: the same communities likely to adopt next as the per-request computation', async () => {
    const { context, graph } = await rebuiltGraph()
    const seen = new Set<string>()
    const adoptions = (await practiceAdoptions(t.app.db, [org.practiceId]))
      .filter((r) => r.person_id && context.rosterById.has(r.person_id) && !seen.has(r.person_id) && seen.add(r.person_id))
      .map((r) => ({ personId: r.person_id!, at: r.at }))
    const before = computeSpread(graph, context.communities, adoptions, ['kubernetes', 'deploys'], 5, new Date())
    expect(before.next.length).toBeGreaterThan(0)
    const res = await admin.get(`/api/insights/practices/${org.practiceId}`)
    expect(res.statusCode).toBe(200)
    const s = res.json<PracticeSpread>()
    expect(s.next).toEqual(before.next)
    expect(s.communities).toEqual(before.communities)
    expect(s.curve).toEqual(before.curve)
  })

  it('a run from before graphs were stored: rebuilt once from the log over the run’s window, same answers', async () => {
    const body = { mode: 'leave', people: org.design.map((p) => p.id) }
    const withStored = (await admin.post('/api/insights/reorg', body)).json<ReorgResult>()
    const spread = (await admin.get(`/api/insights/practices/${org.practiceId}`)).json<PracticeSpread>()
    const edges = await t.app.db.selectFrom('discovered_edge').selectAll().execute()
    await t.app.db.deleteFrom('discovered_edge').execute()
    try {
      expect((await admin.post('/api/insights/reorg', body)).json<ReorgResult>()).toEqual(withStored)
      expect((await admin.get(`/api/insights/practices/${org.practiceId}`)).json<PracticeSpread>().next).toEqual(spread.next)
    } finally {
      await t.app.db.insertInto('discovered_edge').values(edges).execute()
    }
  })

  it('someone who opts out after the run is in no stored graph a request reads, nor in any answer', async () => {
    const gone = org.platform[4]!
    const before = (await admin.post('/api/insights/reorg', { mode: 'leave', departments: ['Design'] })).json<ReorgResult>()
    await updatePersonRow(t.app, gone.id, { analytics_opt_out: 1 })
    const { context, graph } = await rebuiltGraph()
    const stored = await loadRunGraph(t.app.db, context)
    expect(stored.index.has(gone.id)).toBe(false)
    expect(shape(stored)).toEqual(shape(graph))
    const after = await admin.post('/api/insights/reorg', { mode: 'leave', departments: ['Design'] })
    expect(after.statusCode).toBe(200)
    const r = after.json<ReorgResult>()
    expect(r.before.people).toBe(before.before.people - 1)
    expect(r.before.ties).toBeLessThan(before.before.ties)
    const spread = await admin.get(`/api/insights/practices/${org.practiceId}`)
    for (const text of [after.body, spread.body]) {
      expect(text).not.toContain(gone.id)
      expect(text).not.toContain(gone.name)
    }
    // Choosing them is refused like choosing anyone outside the scope.
    expect((await admin.post('/api/insights/reorg', { mode: 'leave', people: [gone.id] })).statusCode).toBe(403)
  })

  it("a person's stored ties are in their export (without the other person) and go on erasure", async () => {
    const person = org.design[2]!
    const exported = (await interactionsPersonalData.export(t.app.db, person.id)) as { discoveredEdges: Record<string, unknown>[] }
    // Six designers, each tie once.
    expect(exported.discoveredEdges).toHaveLength(6)
    for (const e of exported.discoveredEdges) expect(Object.keys(e).sort()).toEqual(['finished_at', 'weight'])
    await interactionsPersonalData.erase(t.app.db, person.id)
    const left = await t.app.db
      .selectFrom('discovered_edge')
      .select('run_id')
      .where((eb) => eb.or([eb('person_a', '=', person.id), eb('person_b', '=', person.id)]))
      .execute()
    expect(left).toEqual([])
    expect(await t.app.db.selectFrom('discovered_edge').select('run_id').execute()).not.toEqual([])
  })
})
