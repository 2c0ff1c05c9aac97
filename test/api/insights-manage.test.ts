import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ExclusionReport,
  ManageView,
  PracticeList,
  PracticeSpread,
  ReorgOptions,
  ReorgResult,
} from '../../src/shared/insights-manage.js'
import { findAuditEntries } from '../../src/server/platform/audit.js'
import { createTestApp, DIALECTS, login, type Client, type TestApp } from '../helpers/app.js'
import { runDiscovery, seedInsightsOrg, type InsightsOrg } from '../helpers/insights-org.js'
import { addMember, createCommunity } from '../../src/server/communities/service.js'
import { createPost, createReply } from '../../src/server/knowledge/service.js'
import { updatePersonRow } from '../helpers/factories.js'
import { viewerOf } from './fixtures-domains.js'

// Insights' manager tools on a small organisation (test/helpers/insights-org.ts), on both dialects: who may
// call what, aggregates withheld below the minimum through every filter, the opted-out person nowhere, a
// manager's individual view only of their own reports, every view audited, and a one-click introduction that
// lands in connections.

describe.each(DIALECTS)('%s: insights manager tools', (dialect) => {
  let t: TestApp
  let org: InsightsOrg
  let admin: Client
  let morgan: Client

  beforeAll(async () => {
    t = await createTestApp(dialect)
    org = await seedInsightsOrg(t.app)
    t.app.jobs.start()
    admin = await login(t.app, org.admin.email)
    morgan = await login(t.app, org.morgan.email)
    await runDiscovery(admin)
    // Platform 6 opts out after the run: from now on they count nowhere either.
    await updatePersonRow(t.app, org.platform[6]!.id, { analytics_opt_out: 1 })
  }, 180_000)
  afterAll(async () => t?.close())

  /** Neither opted-out person's id nor name appears anywhere in a response. */
  const expectNoOscar = (body: unknown) => {
    const text = JSON.stringify(body)
    for (const p of [org.oscar, org.platform[6]!]) {
      expect(text).not.toContain(p.id)
      expect(text).not.toContain(p.name)
    }
  }

  it('exclusion: aggregates of at least five, withheld through every filter, and only my own reports by name', async () => {
    const res = await morgan.get('/api/insights/exclusion')
    expect(res.statusCode).toBe(200)
    const r = res.json<ExclusionReport>()
    expectNoOscar(r)
    expect(r.reports.map((p) => p.name)).toEqual(['Nia Newcomer', 'Uri Unconnected'])
    expect(r.reports.find((p) => p.name === 'Nia Newcomer')).toMatchObject({ newcomer: true, weeks: 10 })
    expect(r.me).toEqual({ unconnected: true })
    expect(r.unconnectedByDepartment).toContainEqual({ name: 'Sales', count: 6 })
    // Legal's two are below the minimum, in the list and through the department filter alike.
    expect(r.unconnectedByDepartment.some((d) => d.name === 'Legal')).toBe(false)
    expect(r.departments).not.toContain('Legal')
    // Nia and the six Sales newcomers started 8+ weeks ago and have no ties.
    expect(r.newcomers).toBe(7)
    expect(r.newcomersUnconnected).toBe(7)
    expect(r.unanswered).toEqual([
      expect.objectContaining({ community: expect.objectContaining({ slug: org.salesDesk.slug }), questions: 6, askers: 6 }),
    ])
    expect(r.unansweredFromNewcomers).toBe(6)
    expect(r.closedToNewcomers).toEqual([{ community: expect.objectContaining({ slug: org.salesDesk.slug }), newcomers: 6 }])

    const legal = (await morgan.get('/api/insights/exclusion?department=Legal')).json<ExclusionReport>()
    expect(legal).toMatchObject({ unconnected: null, people: null, newcomers: null, unconnectedByDepartment: [] })
    const engineering = (await morgan.get('/api/insights/exclusion?department=Engineering&newcomerWeeks=4')).json<ExclusionReport>()
    // Only Nia is an Engineering newcomer: withheld; Sales' questions and newcomers are outside the filter.
    expect(engineering).toMatchObject({
      newcomers: null,
      newcomersUnconnected: null,
      unanswered: [],
      closedToNewcomers: [],
      unansweredFromNewcomers: null,
    })
    expect(engineering.unansweredWithheld).toBe(0)
    // Twelve weeks: the Sales newcomers (started twelve weeks ago) still count, Nia (ten) not yet.
    const later = (await morgan.get('/api/insights/exclusion?newcomerWeeks=12')).json<ExclusionReport>()
    expect(later.newcomers).toBe(6)

    // Another manager's view names nobody: Nia and Uri are Morgan's.
    const other = (await admin.get('/api/insights/exclusion')).json<ExclusionReport>()
    expect(other.reports).toEqual([])
    expect((await morgan.get('/api/insights/exclusion?newcomerWeeks=0')).statusCode).toBe(400)
  })

  it('reorg: a manager chooses only their own part of the organisation; small choices only of their own reports', async () => {
    const options = (await morgan.get('/api/insights/reorg')).json<ReorgOptions>()
    expect(options.scope).toBe('subtree')
    expect(options.people.map((p) => p.name).sort()).toEqual(['Nia Newcomer', 'Platform 1', 'Platform 2', 'Uri Unconnected'])
    expectNoOscar(options)

    // A secret community's topic, answered only by Morgan's reports, is named to nobody outside it.
    const secret = await createCommunity(t.app.db, t.app.dialect, viewerOf(org.platform[1]!), {
      name: 'Skunkworks',
      purpose: 'Hidden',
      visibility: 'secret',
    })
    await addMember(t.app.db, viewerOf(org.platform[1]!), secret.slug, org.platform[2]!.id)
    const hidden = await createPost(
      t.app.db,
      viewerOf(org.platform[1]!),
      secret.slug,
      { kind: 'question', title: 'Codename?', body: 'Which?', tags: ['codename-x'] },
      t.app.bus,
    )
    await createReply(t.app.db, viewerOf(org.platform[2]!), hidden.id, 'answer', { body: 'This one.' }, t.app.bus)

    const mine = await morgan.post('/api/insights/reorg', { mode: 'leave', people: [org.platform[1]!.id, org.platform[2]!.id] })
    expect(mine.statusCode).toBe(200)
    const r = mine.json<ReorgResult>()
    expectNoOscar(r)
    expect(r.chosen).toBe(2)
    expect(r.topics).toContainEqual({ topic: 'terraform', answerersBefore: 2, answerersAfter: 0 })
    expect(JSON.stringify(r)).not.toContain('codename-x')
    // Seven platform people and Oscar, less the two who opted out (one of them after the run).
    expect(r.communities.find((c) => c.community.topics.includes('kubernetes'))).toMatchObject({ membersLost: 2, community: { size: 6 } })
    expect(r.before.people - r.after.people).toBe(2)

    const outside = await morgan.post('/api/insights/reorg', { mode: 'leave', people: [org.design[0]!.id] })
    expect(outside.statusCode).toBe(403)
    expect(outside.json<{ error: { code: string } }>().error.code).toBe('person_out_of_scope')
    expect((await morgan.post('/api/insights/reorg', { mode: 'move', departments: ['Design'] })).statusCode).toBe(403)
    // The opted-out person is refused like anyone outside the scope: the answer says nothing of them.
    expect((await morgan.post('/api/insights/reorg', { mode: 'leave', people: [org.oscar.id] })).statusCode).toBe(403)
    expect((await admin.post('/api/insights/reorg', { mode: 'leave', people: [org.oscar.id] })).statusCode).toBe(403)
    const small = await admin.post('/api/insights/reorg', { mode: 'leave', people: [org.design[0]!.id] })
    expect(small.statusCode).toBe(400)
    expect(small.json<{ error: { code: string } }>().error.code).toBe('too_few_people')
    expect((await admin.post('/api/insights/reorg', { mode: 'leave' })).statusCode).toBe(400)
    expect((await admin.post('/api/insights/reorg', { mode: 'fly', people: [] })).statusCode).toBe(400)
  })

  it('reorg: an admin moves a department and sees the design community lose its core and its links break', async () => {
    const res = await admin.post('/api/insights/reorg', { mode: 'leave', departments: ['Design'] })
    expect(res.statusCode).toBe(200)
    const r = res.json<ReorgResult>()
    const design = r.communities.find((c) => c.community.topics.includes('accessibility'))!
    expect(design).toMatchObject({ losesCore: true, membersLost: 7, tiesKept: 0 })
    expect(r.bridges.length).toBe(2)
    expect(r.bridges.every((b) => b.after === 0)).toBe(true)
    // The gardeners (three) are below the minimum: withheld, never listed.
    expect(r.withheld).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(r)).not.toContain('gardening')
    expect(r.after.components).toBe(r.before.components + 1)

    const moved = (await admin.post('/api/insights/reorg', { mode: 'move', departments: ['Design'] })).json<ReorgResult>()
    // Moved whole, the design community keeps its members and ties: it is not among the changed ones.
    expect(moved.communities.some((c) => c.community.topics.includes('accessibility'))).toBe(false)
    expect(moved.bridges.length).toBe(2)
  })

  it('practice spread: adoption across communities as a curve, adopters counted without the opted-out, and where next', async () => {
    const list = (await morgan.get('/api/insights/practices')).json<PracticeList>()
    const practice = list.practices.find((p) => p.id === org.practiceId)!
    // Five platform people and one designer; Oscar's adoption does not count.
    expect(practice).toMatchObject({ title: 'Blue-green deploys', adopters: 6, communities: 2 })
    const res = await morgan.get(`/api/insights/practices/${org.practiceId}`)
    expect(res.statusCode).toBe(200)
    const s = res.json<PracticeSpread>()
    expectNoOscar(s)
    expect(s.curve.at(-1)).toMatchObject({ communities: 2, adopters: 6 })
    expect(s.curve[0]).toMatchObject({ communities: 1, adopters: 5 })
    const platform = s.communities.find((c) => c.community.topics.includes('kubernetes'))!
    const design = s.communities.find((c) => c.community.topics.includes('accessibility'))!
    expect(platform).toMatchObject({ adopted: true, adopters: 5, community: { size: 6 } })
    // One designer adopted: the community shows as adopted, the count of one is withheld.
    expect(design).toMatchObject({ adopted: true, adopters: null })
    expect(s.next.map((n) => n.community.id)).not.toContain(platform.community.id)
    expect(s.next.every((n) => s.communities.find((c) => c.community.id === n.community.id)?.adopted === false)).toBe(true)
    expect(s.next[0]!.community.topics).toContain('sql')
    expect(JSON.stringify(s)).not.toContain('gardening')
    expect((await morgan.get('/api/insights/practices/999999')).statusCode).toBe(404)
    expect((await morgan.get('/api/insights/practices/abc')).statusCode).toBe(400)
  })

  it("manager's view: my reports' positions, and a one-click introduction that lands in connections", async () => {
    const view = (await morgan.get('/api/insights/manage')).json<ManageView>()
    expectNoOscar(view)
    expect(view.reports.map((r) => [r.name, r.connected])).toEqual([
      ['Nia Newcomer', false],
      ['Uri Unconnected', false],
      ['Platform 1', true],
      ['Platform 2', true],
    ])
    const nia = view.suggestions.find((s) => s.report.id === org.nia.id)!
    expect(nia.partner).toEqual({ id: org.platform[0]!.id, name: 'Platform 0' })
    expect(nia.home.slug).toBe(org.guild.slug)
    // Someone else's manager sees none of Morgan's team.
    expect((await admin.get('/api/insights/manage')).json<ManageView>()).toMatchObject({ reports: [], suggestions: [] })

    const refused = await morgan.post('/api/insights/manage/introductions', { reportId: org.nia.id, partnerId: org.design[0]!.id })
    expect(refused.statusCode).toBe(400)
    expect(await t.app.db.selectFrom('connection_match').select('id').execute()).toEqual([])
    expect(
      (await admin.post('/api/insights/manage/introductions', { reportId: org.nia.id, partnerId: org.platform[0]!.id })).statusCode,
    ).toBe(400)

    const made = await morgan.post('/api/insights/manage/introductions', { reportId: org.nia.id, partnerId: org.platform[0]!.id })
    expect(made.statusCode).toBe(201)
    const { matchId } = made.json<{ matchId: string }>()
    const nias = (await (await login(t.app, org.nia.email)).get('/api/connections/matches')).json<{
      items: { id: string; reasons: string[] }[]
    }>()
    expect(nias.items.map((m) => m.id)).toEqual([matchId])
    expect(nias.items[0]!.reasons[0]).toContain('Platform Guild')
    const actions = await findAuditEntries(t.app.db, 'insights.action')
    expect(actions.map((a) => JSON.parse(a.detail) as { match: string })).toContainEqual(expect.objectContaining({ match: matchId }))
  })

  it('audit-logs every view', async () => {
    const views = (await findAuditEntries(t.app.db, 'insights.view')).map((a) => (JSON.parse(a.detail) as { view: string }).view)
    for (const view of ['exclusion', 'reorg', 'practices', 'spread', 'manage']) expect(views).toContain(view)
  })
})
