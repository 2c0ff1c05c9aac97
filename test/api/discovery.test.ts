import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoTruth, generateDemo } from '../../scripts/demo/generate.js'
import { loadDemoOrganisation } from '../../scripts/demo/load.js'
import { normalizedMutualInformation } from '../../src/graph/network/compare.js'
import { RESOLUTION_DEFAULTS } from '../../src/graph/network/resolution.js'
import type { DiscoveryReport } from '../../src/shared/insights.js'
import { STABILITY_TOLERANCE } from '../../src/server/insights/discovery-job.js'
import { getDiscoveryReport } from '../../src/server/insights/discovery-service.js'
import { findMembersOfRun } from '../../src/server/insights/discovery-store.js'
import { interactionsPersonalData } from '../../src/server/insights/personal-data.js'
import { hashPassword } from '../../src/server/platform/auth/passwords.js'
import { findAuditEntries } from '../../src/server/platform/audit.js'
import { createTestApp, DIALECTS, login, type TestApp } from '../helpers/app.js'
import { eventually } from '../helpers/jobs.js'

// The demo's year ends today, so the discovery window (the last 365 days by the app's clock) covers it.
const TODAY = new Date().toISOString().slice(0, 10)
const org = generateDemo({ seed: 7, today: TODAY })
const truth = demoTruth(org, '')
/** The demo makes up a password per load; this test chooses its own. */
const DEMO_PASSWORD = 'discovery-test-password'

describe.each(DIALECTS)('%s: community discovery on the demo organisation', (dialect) => {
  let t: TestApp
  const ids = new Map<string, string>()
  const personId = (email: string) => ids.get(email)!
  // A planted core member who opts out before the run, and a manager with reports.
  const optedOut = truth.communities[0]!.core[0]!
  const manager = org.people.find((p) => org.people.filter((q) => q.managerEmail === p.email).length >= 3 && p.role !== 'admin')!

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const loaded = await loadDemoOrganisation(t.app.db, dialect, org, await hashPassword(DEMO_PASSWORD), new Date().toISOString())
    expect(loaded.status).toBe('loaded')
    for (const r of await t.app.db.selectFrom('person').select(['id', 'email']).execute()) ids.set(r.email, r.id)
    await t.app.db.updateTable('person').set({ analytics_opt_out: 1 }).where('email', '=', optedOut).execute()
    t.app.jobs.start()
  }, 300_000)
  afterAll(async () => t?.close())

  const admin = () => login(t.app, org.people.find((p) => p.role === 'admin')!.email, DEMO_PASSWORD)

  it('refuses bad settings with a 400 and starts nothing', async () => {
    const a = await admin()
    const res = await a.post('/api/insights/discovery', { windowDays: 2 })
    expect(res.statusCode).toBe(400)
    expect(res.json<{ error: { code: string } }>().error.code).toBeTruthy()
    expect(await t.app.db.selectFrom('job').select('id').where('kind', '=', 'insights.discovery').execute()).toEqual([])
  })

  it('recovers the planted communities (NMI ≥ 0.8), with progress, and leaves the opted-out person out', async () => {
    const a = await admin()
    // A declared community nobody has done anything in: the report names it as showing no life.
    const quiet = await a.post('/api/communities', { name: 'Quiet guild', slug: 'quiet-guild', purpose: 'never used', visibility: 'open' })
    expect(quiet.statusCode).toBe(201)
    const started = await a.post('/api/insights/discovery', {})
    expect(started.statusCode).toBe(202)
    const { jobId } = started.json<{ jobId: string }>()
    const job = await eventually(async () => {
      const j = (await a.get(`/api/jobs/${jobId}`)).json<{ status: string; progress: number; progressTotal: number }>()
      if (j.status === 'queued' || j.status === 'running') throw new Error(`job ${j.status}`)
      return j
    }, 240_000)
    expect(job).toMatchObject({ status: 'done', progress: 6, progressTotal: 6 })
    // Automatic by default: the resolution is the most stable candidate, recorded with the run.
    const run = (await a.get('/api/insights/discovery')).json<DiscoveryReport>().run!
    console.log(`${dialect}: automatic resolution ${run.resolution}, stability ${run.stability?.toFixed(3)}`)
    expect(run).toMatchObject({ id: jobId, resolutionMode: 'auto' })
    expect(run.resolutionTrials.map((c) => c.resolution)).toEqual(RESOLUTION_DEFAULTS.candidates)
    // The chosen one is stable within the tolerance of the most stable, and the closest to 1 of those.
    const best = Math.max(...run.resolutionTrials.map((c) => c.stability))
    const stable = run.resolutionTrials.filter((c) => c.stability >= best - STABILITY_TOLERANCE)
    const chosen = run.resolutionTrials.find((c) => c.resolution === run.resolution)!
    expect(stable).toContain(chosen)
    for (const c of stable) expect(Math.abs(chosen.resolution - 1)).toBeLessThanOrEqual(Math.abs(c.resolution - 1))
    expect(run.stability).toBeCloseTo(chosen.stability, 5)

    const members = await findMembersOfRun(t.app.db, jobId)
    expect(members.some((m) => m.person_id === personId(optedOut))).toBe(false)
    // NMI over the people planted in exactly one community (brokers belong to two; isolated people to none).
    const found = new Map(members.map((m) => [m.person_id, m.community_id]))
    const single = new Map<string, string>()
    const count = new Map<string, number>()
    for (const c of truth.communities) for (const e of c.members) count.set(e, (count.get(e) ?? 0) + 1)
    for (const c of truth.communities) for (const e of c.members) if (count.get(e) === 1 && e !== optedOut) single.set(e, c.slug)
    const people = [...single.keys()]
    const discovered = people.map((e) => found.get(personId(e)) ?? `none:${e}`)
    const planted = people.map((e) => single.get(e)!)
    const codes = new Map<string, number>()
    const code = (s: string) => codes.get(s) ?? (codes.set(s, codes.size), codes.size - 1)
    const nmi = normalizedMutualInformation(discovered.map(code), planted.map(code))
    console.log(`${dialect}: discovery NMI ${nmi.toFixed(3)} over ${people.length} people`)
    expect(nmi).toBeGreaterThanOrEqual(0.8)
  }, 300_000)

  it('shows managers aggregates only, their own reports individually, and audit-logs every view', async () => {
    const m = await login(t.app, manager.email, DEMO_PASSWORD)
    const res = await m.get('/api/insights/discovery')
    expect(res.statusCode).toBe(200)
    const report = res.json<DiscoveryReport>()
    expect(report.communities.length).toBeGreaterThan(0)
    for (const c of report.communities) {
      expect(c.size).toBeGreaterThanOrEqual(report.minAggregate)
      for (const d of c.departments) expect(d.count).toBeGreaterThanOrEqual(report.minAggregate)
    }
    // Only the declared community without activity in the window shows no life; the demo's are all in use.
    expect(report.dormant.map((d) => d.slug)).toEqual(['quiet-guild'])
    const reports = new Set(org.people.filter((p) => p.managerEmail === manager.email).map((p) => personId(p.email)))
    for (const r of report.reports) expect(reports.has(r.personId)).toBe(true)
    expect(JSON.stringify(report)).not.toContain(personId(optedOut))
    const detail = await m.get(`/api/insights/discovery/communities/${report.communities[0]!.id}`)
    expect(detail.statusCode).toBe(200)
    const audits = await findAuditEntries(t.app.db, 'insights.view')
    expect(audits.filter((x) => x.actor_id === personId(manager.email))).toHaveLength(2)
    // A member who manages no one may not read it.
    const plain = org.people.find((p) => p.role !== 'admin' && !org.people.some((q) => q.managerEmail === p.email))!
    expect((await (await login(t.app, plain.email, DEMO_PASSWORD)).get('/api/insights/discovery')).statusCode).toBe(403)
  })

  it('withholds communities below the minimum, and counts an opt-out after the run at once', async () => {
    const a = await admin()
    const before = (await a.get('/api/insights/discovery')).json<DiscoveryReport>()
    const biggest = before.communities[0]!
    const members = await findMembersOfRun(t.app.db, before.run!.id)
    const someone = members.find((x) => x.community_id === biggest.id)!.person_id
    await t.app.db.updateTable('person').set({ analytics_opt_out: 1 }).where('id', '=', someone).execute()
    const after = (await a.get('/api/insights/discovery')).json<DiscoveryReport>()
    expect(after.communities.find((c) => c.id === biggest.id)!.size).toBe(biggest.size - 1)
    // With the minimum raised to the largest community's size, only it is shown; the rest are counted as withheld.
    const viewer = { id: a.id, name: '', email: '', isAdmin: true, isManager: true, csrfToken: '' }
    const strict = await getDiscoveryReport(t.app.db, viewer, after.communities[0]!.size)
    expect(strict.communities.every((c) => c.size >= after.communities[0]!.size)).toBe(true)
    expect(strict.communities.length + strict.withheld).toBe(after.communities.length + after.withheld)
    expect(strict.withheld).toBeGreaterThan(after.withheld)
  })

  it('uses a fixed resolution when an admin gives one, and refuses a bad one', async () => {
    const a = await admin()
    for (const resolution of ['automatic', 0, 11]) expect((await a.post('/api/insights/discovery', { resolution })).statusCode).toBe(400)
    const started = await a.post('/api/insights/discovery', { resolution: 1.5 })
    expect(started.statusCode).toBe(202)
    const { jobId } = started.json<{ jobId: string }>()
    await eventually(async () => {
      const j = (await a.get(`/api/jobs/${jobId}`)).json<{ status: string }>()
      if (j.status !== 'done') throw new Error(`job ${j.status}`)
    }, 240_000)
    const run = (await a.get('/api/insights/discovery')).json<DiscoveryReport>().run!
    expect(run).toMatchObject({ id: jobId, resolution: 1.5, resolutionMode: 'fixed', stability: null, resolutionTrials: [] })
  }, 300_000)

  it("puts a person's positions in their export and removes them on erasure", async () => {
    const run = (await (await admin()).get('/api/insights/discovery')).json<DiscoveryReport>().run!
    const member = (await findMembersOfRun(t.app.db, run.id))[0]!.person_id
    const exported = (await interactionsPersonalData.export(t.app.db, member)) as { discoveredPositions: unknown[] }
    expect(exported.discoveredPositions.length).toBeGreaterThan(0)
    await interactionsPersonalData.erase(t.app.db, member)
    expect((await findMembersOfRun(t.app.db, run.id)).some((m) => m.person_id === member)).toBe(false)
  })
})
