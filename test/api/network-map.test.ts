import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommunityTrajectory, NetworkMap, PersonTrajectory } from '../../src/shared/insights-map.js'
import { recordInteractions, type InteractionInput } from '../../src/server/insights/service.js'
import { interactionsPersonalData } from '../../src/server/insights/personal-data.js'
import { findAuditEntries } from '../../src/server/platform/audit.js'
import { ManualClock } from '../../src/server/platform/clock.js'
import { createTestApp, DIALECTS, type Client, type TestApp } from '../helpers/app.js'
import { buildPerson, loggedInPerson } from '../helpers/factories.js'
import { runDiscovery } from '../helpers/insights-org.js'
import { eventually, holdSchedule } from '../helpers/jobs.js'

const DAY_MS = 86_400_000
type PersonRow = Awaited<ReturnType<typeof buildPerson>>

/**
 * Two communities that the org chart does not show: "platform" (eight people, two of them Morgan's reports,
 * one of whom, Edge, is only lightly tied: at the edge run after run) and "design" (seven, one of them Morgan's
 * third report). Two people carry the only ties across: a fragile link. Olive is tied into platform as much as
 * anyone but opted out of analytics.
 */
describe.each(DIALECTS)('%s: the network map and trajectories', (dialect) => {
  let t: TestApp
  const clock = new ManualClock(Date.parse('2026-06-01T09:00:00Z'))
  let admin: Client
  let morgan: Client
  let outsider: Client
  let olive: PersonRow
  let edge: PersonRow
  let design: PersonRow[]
  let platform: PersonRow[]
  let reports: PersonRow[]

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock })
    admin = await loggedInPerson(t.app, { role: 'admin', name: 'Ada Admin' })
    morgan = await loggedInPerson(t.app, { name: 'Morgan Manager' })
    outsider = await loggedInPerson(t.app, { name: 'Oscar Outsider' })
    platform = []
    for (let i = 0; i < 7; i++) platform.push(await buildPerson(t.app, { name: `Platform ${i}`, manager_id: i === 0 ? morgan.id : null }))
    edge = await buildPerson(t.app, { name: 'Edge Person', manager_id: morgan.id })
    olive = await buildPerson(t.app, { name: 'Olive Optout', analytics_opt_out: 1 })
    design = []
    for (let i = 0; i < 7; i++) design.push(await buildPerson(t.app, { name: `Designer ${i}`, manager_id: i === 0 ? morgan.id : null }))
    reports = [platform[0]!, edge, design[0]!]
    const ties: InteractionInput[] = []
    const at = (days: number) => new Date(clock.now() - days * DAY_MS).toISOString()
    const dense = (group: PersonRow[], topics: string[]) => {
      for (const a of group)
        for (const b of group)
          if (a.id < b.id)
            for (let k = 0; k < 3; k++)
              ties.push({ actorId: a.id, targetId: b.id, kind: 'answer', communityId: null, topics, at: at(k * 20 + 5) })
    }
    dense([...platform, olive], ['kubernetes', 'terraform'])
    dense(design, ['accessibility', 'typography'])
    ties.push({ actorId: edge.id, targetId: platform[1]!.id, kind: 'thanks', communityId: null, at: at(30) })
    ties.push({ actorId: platform[2]!.id, targetId: design[2]!.id, kind: 'thanks', communityId: null, at: at(10) })
    ties.push({ actorId: platform[3]!.id, targetId: design[3]!.id, kind: 'thanks', communityId: null, at: at(12) })
    await recordInteractions(t.app.db, ties)
    t.app.jobs.start()
    // The test makes its own weekly runs: the app's weekly schedule, due as the clock moves, would add a fourth.
    // Its row is written when the jobs start; it is then pushed out of the test's reach.
    await holdSchedule(t.app, 'insights-discovery-weekly')
    // Three weekly runs: the trajectories have three points.
    for (let week = 0; week < 3; week++) {
      await runDiscovery(admin, 60_000)
      clock.advance(7 * DAY_MS)
    }
  }, 240_000)
  afterAll(async () => t?.close())

  it('draws communities as aggregate nodes with places, a fragile link between them, and only the manager and their reports', async () => {
    const res = await morgan.get('/api/insights/map')
    expect(res.statusCode).toBe(200)
    const map = res.json<NetworkMap>()
    expect(map.runs).toHaveLength(3)
    expect(map.run!.id).toBe(map.runs[2]!.id)
    expect(map.communities.map((c) => c.size).sort()).toEqual([7, 8])
    for (const c of map.communities) {
      expect(c.size).toBeGreaterThanOrEqual(map.minAggregate)
      expect(Number.isFinite(c.x) && Number.isFinite(c.y) && c.radius > 0).toBe(true)
      expect(c.previousSize).toBe(c.size)
    }
    const [a, b] = map.communities
    expect(Math.hypot(a!.x - b!.x, a!.y - b!.y)).toBeGreaterThanOrEqual(a!.radius + b!.radius)
    // Two people carry the only ties across: fewer than the minimum, so no figures, and marked fragile.
    expect(map.links).toEqual([expect.objectContaining({ people: null, weight: null, fragile: true })])
    expect(map.people.map((p) => p.id).sort()).toEqual(reports.map((r) => r.id).sort())
    const edgeOnMap = map.people.find((p) => p.id === edge.id)!
    expect(edgeOnMap.position).toBe(0)
    expect(edgeOnMap.ties.length).toBeGreaterThan(0)
  })

  it('leaves an opted-out person out of every map and count, and counts a later opt-out at once', async () => {
    const map = (await admin.get('/api/insights/map')).json<NetworkMap>()
    expect(JSON.stringify(map)).not.toContain(olive.id)
    expect(map.people).toEqual([])
    await t.app.db.updateTable('person').set({ analytics_opt_out: 1 }).where('id', '=', platform[4]!.id).execute()
    const after = (await admin.get('/api/insights/map')).json<NetworkMap>()
    expect(after.communities.map((c) => c.size).sort()).toEqual([7, 7])
    await t.app.db.updateTable('person').set({ analytics_opt_out: 0 }).where('id', '=', platform[4]!.id).execute()
  })

  it('withholds communities below the minimum from the map', async () => {
    const strict = await createStrictView()
    expect(strict.communities.map((c) => c.size)).toEqual([8])
    expect(strict.withheld).toBe(1)
    expect(strict.links).toEqual([])
  })

  async function createStrictView(): Promise<NetworkMap> {
    const { getNetworkMap } = await import('../../src/server/insights/map-service.js')
    const viewer = { id: admin.id, name: '', email: '', isAdmin: true, isManager: true, csrfToken: '' }
    return getNetworkMap(t.app.db, viewer, 8)
  }

  it('shows an earlier run when asked, and answers 404 for a run without a map', async () => {
    const map = (await morgan.get('/api/insights/map')).json<NetworkMap>()
    const first = (await morgan.get(`/api/insights/map?run=${map.runs[0]!.id}`)).json<NetworkMap>()
    expect(first.run!.id).toBe(map.runs[0]!.id)
    expect(first.communities.every((c) => c.previousSize === null)).toBe(true)
    const missing = await morgan.get('/api/insights/map?run=00000000-0000-4000-8000-000000000000')
    expect(missing.statusCode).toBe(404)
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('map_run_not_found')
  })

  it("gives a person their own trajectory and a manager their report's, and nobody else's", async () => {
    const mine = await morgan.get(`/api/insights/trajectory/${edge.id}`)
    expect(mine.statusCode).toBe(200)
    const trajectory = mine.json<PersonTrajectory>()
    expect(trajectory.communities).toHaveLength(1)
    const c = trajectory.communities[0]!
    expect(c.points.map((p) => p.tenure)).toEqual([1, 2, 3])
    expect(c.points.every((p) => p.position < 1 / 3)).toBe(true)
    expect(c.typical.map((s) => s.tenure)).toEqual([1, 2, 3])
    expect(c.typical[2]!.median).toBeGreaterThan(c.points[2]!.position)
    expect(c.stuckAtEdge).toBe(true)
    expect(c.topics).toContain('kubernetes')
    // Not Morgan's report, not the viewer: as if it did not exist, for a member, a manager and an admin.
    for (const who of [outsider, admin]) expect((await who.get(`/api/insights/trajectory/${edge.id}`)).statusCode).toBe(404)
    expect((await morgan.get(`/api/insights/trajectory/${platform[3]!.id}`)).statusCode).toBe(404)
    // Someone in no community has an empty trajectory; an opted-out person is told nothing is computed.
    expect((await outsider.get('/api/insights/trajectory')).json<PersonTrajectory>()).toMatchObject({ optedOut: false, communities: [] })
    const opted = await loggedInPerson(t.app, { name: 'Opted Out', analytics_opt_out: 1 })
    expect((await opted.get('/api/insights/trajectory')).json<PersonTrajectory>()).toMatchObject({ optedOut: true, communities: [] })
  })

  it("names stuck people to their own manager only, in a community's typical path", async () => {
    const map = (await morgan.get('/api/insights/map')).json<NetworkMap>()
    const home = map.people.find((p) => p.id === edge.id)!.communityId
    const forMorgan = (await morgan.get(`/api/insights/discovery/communities/${home}/trajectory`)).json<CommunityTrajectory>()
    expect(forMorgan.stuckAtEdge).toBeGreaterThanOrEqual(1)
    expect(forMorgan.reportsStuck.map((r) => r.id)).toEqual([edge.id])
    for (const step of forMorgan.typical) expect(step.people).toBeGreaterThanOrEqual(forMorgan.minAggregate)
    const forAdmin = (await admin.get(`/api/insights/discovery/communities/${home}/trajectory`)).json<CommunityTrajectory>()
    expect(forAdmin.stuckAtEdge).toBe(forMorgan.stuckAtEdge)
    expect(forAdmin.reportsStuck).toEqual([])
    expect(JSON.stringify(forAdmin)).not.toContain(edge.id)
  })

  it('audit-logs every view of the map and of trajectories', async () => {
    const views = async () =>
      (await findAuditEntries(t.app.db, 'insights.view'))
        .filter((r) => r.actor_id === morgan.id)
        .map((r) => (JSON.parse(r.detail) as { view: string }).view)
    const before = await views()
    await morgan.get('/api/insights/map')
    await morgan.get(`/api/insights/trajectory/${edge.id}`)
    const after = await views()
    expect(after.filter((v) => v === 'map').length).toBe(before.filter((v) => v === 'map').length + 1)
    expect(after.filter((v) => v === 'trajectory').length).toBe(before.filter((v) => v === 'trajectory').length + 1)
  })

  it('keeps the time slider to runs over one window, and lists the windows', async () => {
    const started = await admin.post('/api/insights/discovery', { windowDays: 90 })
    const { jobId } = started.json<{ jobId: string }>()
    await eventually(async () => {
      const j = (await admin.get(`/api/jobs/${jobId}`)).json<{ status: string }>()
      if (j.status !== 'done') throw new Error(`job ${j.status}`)
    }, 60_000)
    const latest = (await morgan.get('/api/insights/map')).json<NetworkMap>()
    expect(latest.run).toMatchObject({ id: jobId, windowDays: 90 })
    expect(latest.runs.map((r) => r.id)).toEqual([jobId])
    expect(latest.windows.map((w) => w.windowDays)).toEqual([90, 365])
    const year = latest.windows.find((w) => w.windowDays === 365)!
    const before = (await morgan.get(`/api/insights/map?run=${year.latestRunId}`)).json<NetworkMap>()
    expect(before.runs).toHaveLength(3)
    expect(before.runs.every((r) => r.windowDays === 365)).toBe(true)
  })

  it("puts a person's ties into communities in their export, and erases them", async () => {
    const exported = (await interactionsPersonalData.export(t.app.db, edge.id)) as { discoveredTies: unknown[] }
    expect(exported.discoveredTies.length).toBeGreaterThan(0)
    await interactionsPersonalData.erase(t.app.db, edge.id)
    const again = (await interactionsPersonalData.export(t.app.db, edge.id)) as { discoveredTies: unknown[] }
    expect(again.discoveredTies).toEqual([])
  })
})
