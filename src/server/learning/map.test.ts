import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotTables } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson, updatePersonRow } from '../../../test/helpers/factories.js'
import type { LearningMap } from '../../shared/learning-map.js'

const MAP_TABLES = ['learning_map_node', 'learning_map_edge', 'learning_map_resource', 'learning_map_goal']
const URL = '/api/learning/maps/platform-ops'

describe.each(DIALECTS)('learning maps on %s', (dialect) => {
  let t: TestApp
  let admin: Client
  let sam: Client // steward of both communities
  let ana: Client // the learner
  let raj: Client // answers well on observability
  let oli: Client // answers well, opted out of analytics
  let hid: Client // answers well, hides the topic
  let off: Client // answers well, opted out of being asked
  let leo: Client // in no community
  let mia: Client // learning staff
  let ids: Record<string, string>

  const map = async (c: Client, url = URL) => (await c.get(url)).json<LearningMap>()
  const nodeId = (m: LearningMap, title: string) => m.nodes.find((n) => n.title === title)!.id

  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam Steward', email: 'sam@example.com' })
    ana = await loggedInPerson(t.app, { name: 'Ana Learner', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj Expert', email: 'raj@example.com' })
    oli = await loggedInPerson(t.app, { name: 'Oli Optout', email: 'oli@example.com' })
    hid = await loggedInPerson(t.app, { name: 'Hid Hidden', email: 'hid@example.com' })
    off = await loggedInPerson(t.app, { name: 'Off Away', email: 'off@example.com' })
    leo = await loggedInPerson(t.app, { name: 'Leo Outsider', email: 'leo@example.com' })
    mia = await loggedInPerson(t.app, { name: 'Mia Staff', email: 'mia@example.com', manager_granted: 1 })
    await sam.post('/api/communities', { name: 'Platform ops', purpose: 'Running the platform', visibility: 'open' })
    await sam.post('/api/communities', { name: 'Release eng', purpose: 'Shipping', visibility: 'closed' })
    for (const c of [ana, raj, oli, hid, off]) await c.post('/api/communities/platform-ops/join', {})
    const post = (c: Client, body: object) => c.post('/api/communities/platform-ops/posts', body)
    const practice = { body: 'Do it', fields: { context: 'ops', steps: '1. do', evidence: 'works' } }
    await post(sam, { kind: 'practice', title: 'Golden signals dashboards', tags: ['observability', 'on-call'], ...practice })
    await post(sam, { kind: 'practice', title: 'Trace every request', tags: ['observability'], ...practice })
    const q = (await post(ana, { kind: 'question', title: 'Which metrics matter?', body: 'x', tags: ['observability'] })).json().id
    const answer = async (c: Client, question: number) =>
      (await c.post(`/api/posts/${question}/answers`, { body: `From ${c.email}` })).json().id
    await ana.post(`/api/posts/${q}/accept`, { answerId: await answer(raj, q) })
    for (const c of [oli, hid, off]) await ana.post(`/api/posts/${await answer(c, q)}/vote`, { value: 1 })
    const pager = (await post(sam, { kind: 'question', title: 'Who pages whom?', body: 'x', tags: ['on-call'] })).json().id
    await answer(ana, pager)
    await updatePersonRow(t.app, oli.id, { analytics_opt_out: 1 })
    await hid.put('/api/me/hidden-topics', { tags: ['observability'] })
    await off.put('/api/me/availability', { maxPerWeek: 3, awayFrom: null, awayUntil: null, optedOut: true })
  })
  afterAll(async () => t.close())

  it('lets stewards build the map from practices and by hand, and nobody else', async () => {
    expect((await ana.post(`${URL}/seed`)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401)
    expect((await sam.post(`${URL}/seed`)).json()).toEqual({ added: 2 })
    expect((await sam.post(`${URL}/seed`)).json()).toEqual({ added: 0 })
    const added = await sam.post(`${URL}/nodes`, { title: 'Incident command', description: 'Lead an incident' })
    expect(added.statusCode).toBe(201)
    expect((await ana.post(`${URL}/nodes`, { title: 'Chaos' })).statusCode).toBe(403)
    expect((await admin.post(`${URL}/nodes`, { title: 'Capacity planning', tags: ['capacity'] })).statusCode).toBe(201)
    const m = await map(sam)
    expect(m.canEdit).toBe(true)
    expect(m.nodes.map((n) => n.title)).toEqual(['Capacity planning', 'Incident command', 'observability', 'on-call'])
    ids = {
      incident: nodeId(m, 'Incident command'),
      obs: nodeId(m, 'observability'),
      oncall: nodeId(m, 'on-call'),
      capacity: nodeId(m, 'Capacity planning'),
    }
    expect(m.nodes.find((n) => n.id === ids.incident)!.tags).toEqual(['incident-command'])
    for (const p of [ids.obs, ids.oncall])
      expect((await sam.post(`${URL}/nodes/${ids.incident}/prerequisites`, { prerequisiteId: p })).statusCode).toBe(204)
    expect((await ana.post(`${URL}/nodes/${ids.incident}/prerequisites`, { prerequisiteId: ids.capacity })).statusCode).toBe(403)
    expect((await sam.patch(`${URL}/nodes/${ids.capacity}`, { title: 'Capacity' })).statusCode).toBe(204)
    expect((await sam.delete(`${URL}/nodes/${ids.capacity}`)).statusCode).toBe(204)
    expect((await map(ana)).nodes.find((n) => n.id === ids.incident)!.prerequisites.sort()).toEqual([ids.obs, ids.oncall].sort())
  })

  it('refuses bad edits with a 4xx and changes nothing', async () => {
    const before = await snapshotTables(t.app, MAP_TABLES)
    const cases: [() => Promise<{ statusCode: number; body: string }>, number, string][] = [
      [() => sam.post(`${URL}/nodes/${ids.obs}/prerequisites`, { prerequisiteId: ids.incident }), 400, 'map_cycle'],
      [() => sam.post(`${URL}/nodes/${ids.obs}/prerequisites`, { prerequisiteId: ids.obs }), 400, 'map_cycle'],
      [() => sam.post(`${URL}/nodes/${ids.obs}/prerequisites`, { prerequisiteId: 'nope' }), 404, 'map_node_not_found'],
      [() => sam.post(`${URL}/nodes`, { title: 'x' }), 400, 'validation_failed'],
      [() => sam.post(`${URL}/nodes`, { title: 'Incident command' }), 409, 'map_node_exists'],
      [() => sam.post(`${URL}/nodes`, { title: 'Chaos', tags: ['  '] }), 400, 'no_tags'],
      [() => sam.patch(`${URL}/nodes/${ids.obs}`, { title: 'on-call' }), 409, 'map_node_exists'],
      [() => sam.post(`${URL}/nodes/${ids.obs}/resources`, { kind: 'quiz', id: 'nope' }), 400, 'unknown_catalogue_item'],
      [() => sam.post(`${URL}/nodes/${ids.obs}/resources`, { kind: 'book', id: 'x' }), 400, 'validation_failed'],
      [() => sam.delete(`${URL}/nodes/${ids.obs}/prerequisites/${ids.oncall}`), 404, 'map_edge_not_found'],
      [() => ana.put(`${URL}/goal`, { nodeId: 'nope' }), 400, 'unknown_map_node'],
      [() => ana.put(`${URL}/goal`, { node: ids.obs }), 400, 'validation_failed'],
    ]
    for (const [send, status, code] of cases) {
      const r = await send()
      expect([r.statusCode, r.body]).toEqual([status, expect.stringContaining(`"code":"${code}"`)])
    }
    expect(await snapshotTables(t.app, MAP_TABLES)).toEqual(before)
  })

  it("keeps a closed community's map from non-members", async () => {
    const closed = '/api/learning/maps/release-eng'
    expect((await sam.post(`${closed}/nodes`, { title: 'Feature flags' })).statusCode).toBe(201)
    for (const res of [await leo.get(closed), await leo.post(`${closed}/seed`), await ana.put(`${closed}/goal`, { nodeId: null })])
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'community_not_found'])
    expect((await map(sam, closed)).nodes.map((n) => n.title)).toEqual(['Feature flags'])
    // An open community's map is there for everyone signed in, to read but not to edit.
    expect((await leo.get(URL)).statusCode).toBe(200)
    expect((await leo.post(`${URL}/nodes`, { title: 'Leo was here' })).statusCode).toBe(403)
  })

  it('lists resources and the people who know each node, never those who opted out or hid the topic', async () => {
    const obs = (await map(leo)).nodes.find((n) => n.id === ids.obs)!
    expect(obs.posts.map((p) => p.title).sort()).toEqual(['Golden signals dashboards', 'Trace every request', 'Which metrics matter?'])
    expect(obs.people).toEqual([expect.objectContaining({ person: expect.objectContaining({ id: raj.id }), accepted: 1, upvoted: 0 })])
    const oncall = (await map(leo)).nodes.find((n) => n.id === ids.oncall)!
    expect(oncall.posts.map((p) => p.title)).toEqual(['Who pages whom?', 'Golden signals dashboards'])
    // Ana's answer there was not accepted nor voted up: it makes her position, not an expert.
    expect(oncall.people).toEqual([])
  })

  it('places the learner from evidence and draws the path to their goal', async () => {
    const quiz = (await mia.post('/api/learning/quizzes', { title: 'Observability basics', community: 'platform-ops' })).json<{
      id: string
    }>()
    await mia.post(`/api/learning/quizzes/${quiz.id}/questions`, {
      kind: 'single',
      prompt: 'Latency is',
      options: ['a signal', 'a log'],
      correct: [0],
    })
    await mia.post('/api/communities', { name: 'Databases', purpose: 'Data', visibility: 'open' })
    const other = (await mia.post('/api/learning/quizzes', { title: 'Indexes', community: 'databases' })).json<{ id: string }>()
    expect((await sam.post(`${URL}/nodes/${ids.obs}/resources`, { kind: 'quiz', id: other.id })).json().error.code).toBe(
      'unknown_catalogue_item',
    )
    expect((await sam.post(`${URL}/nodes/${ids.obs}/resources`, { kind: 'quiz', id: quiz.id })).statusCode).toBe(204)
    expect((await sam.get(`${URL}/attachable`)).json().items).toContainEqual({ kind: 'quiz', id: quiz.id, title: 'Observability basics' })
    expect((await ana.get(`${URL}/attachable`)).statusCode).toBe(403)

    let m = await map(ana)
    expect(m.position).toEqual([ids.oncall])
    expect(m.nodes.find((n) => n.id === ids.oncall)!.evidence).toEqual(['1 answer on #on-call'])
    expect(m).toMatchObject({ goal: null, path: [] })
    expect((await ana.put(`${URL}/goal`, { nodeId: ids.incident })).statusCode).toBe(204)
    m = await map(ana)
    expect(m).toMatchObject({ goal: ids.incident, path: [ids.obs, ids.incident] })
    // Another learner's goal is their own.
    expect((await map(leo)).goal).toBeNull()

    const played = (await ana.get(`/api/learning/quizzes/${quiz.id}`)).json<{
      items: { id: string; options: { id: string; text: string }[] }[]
    }>()
    const q = played.items[0]!
    await ana.post(`/api/learning/quizzes/${quiz.id}/questions/${q.id}/answer`, {
      choices: [q.options.find((o) => o.text === 'a signal')!.id],
    })
    m = await map(ana)
    expect(m.position.sort()).toEqual([ids.obs, ids.oncall].sort())
    expect(m.nodes.find((n) => n.id === ids.obs)!.evidence).toEqual(['completed Observability basics'])
    expect(m.nodes.find((n) => n.id === ids.obs)!.catalogue).toEqual([
      { kind: 'quiz', id: quiz.id, title: 'Observability basics', href: `/learning/quizzes/${quiz.id}`, done: true },
    ])
    expect(m.path).toEqual([ids.incident])
  })

  it("exports and erases the learner's goals; a removed node takes the goals set on it", async () => {
    const exported = (await ana.get('/api/me/export')).json<{ learning: { mapGoals: unknown[] } }>()
    expect(exported.learning.mapGoals).toEqual([expect.objectContaining({ nodeId: ids.incident })])
    expect((await leo.put(`${URL}/goal`, { nodeId: ids.incident })).statusCode).toBe(204)
    expect((await ana.post('/api/me/erasure', { reason: 'leaving' })).statusCode).toBe(201)
    const erasure = (await admin.get('/api/admin/erasures')).json<{ items: { id: string }[] }>().items[0]!
    expect((await admin.post(`/api/admin/erasures/${erasure.id}/confirm`)).statusCode).toBe(200)
    expect(await t.app.db.selectFrom('learning_map_goal').select('person_id').execute()).toEqual([{ person_id: leo.id }])
    expect((await sam.delete(`${URL}/nodes/${ids.incident}`)).statusCode).toBe(204)
    expect((await map(leo)).goal).toBeNull()
  })
})
