import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NewSimulation, SimulationForAuthor, SimulationPaths, SimulationPlay } from '../../shared/simulation.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson, updatePersonRow } from '../../../test/helpers/factories.js'
import { SAMPLE_SIMULATION } from '../../../test/helpers/simulation.js'
import { findJobs } from '../platform/jobs/store.js'
import { XAPI_JOB } from './xapi.js'

const S = SAMPLE_SIMULATION
const without = (key: string): NewSimulation => ({ ...S, choices: S.choices.filter((c) => c.key !== key) })

/** Graphs that break a rule, each with the error code it must get. */
const BAD: [string, NewSimulation][] = [
  ['unknown_start', { ...S, start: 'nowhere' }],
  ['start_is_ending', { ...S, start: 'good' }],
  ['duplicate_situation', { ...S, situations: [...S.situations, { ...S.situations[0]! }] }],
  ['duplicate_choice', { ...S, choices: [...S.choices, { ...S.choices[0]! }] }],
  ['unknown_situation', { ...S, choices: [...S.choices, { key: 'x', from: 'call', to: 'ghost', label: 'Hang up', score: 0 }] }],
  ['ending_has_choices', { ...S, choices: [...S.choices, { key: 'x', from: 'good', to: 'call', label: 'Again', score: 0 }] }],
  ['unreachable_situation', without('vendor')],
  [
    'no_way_to_end',
    { ...without('mend'), choices: [...without('mend').choices, { key: 'x', from: 'blame', to: 'blame', label: 'Wait', score: 0 }] },
  ],
  ['no_open_choice', { ...S, choices: S.choices.map((c) => (c.key === 'promise' ? { ...c, maxScore: 0 } : c)) }],
  ['bad_condition', { ...S, choices: S.choices.map((c) => (c.key === 'workaround' ? { ...c, minScore: 3, maxScore: 1 } : c)) }],
  ['no_ending', { ...S, situations: S.situations.map((s) => ({ ...s, ending: false })), choices: S.choices }],
]

describe.each(DIALECTS)('%s: branching simulations', (dialect) => {
  let t: TestApp
  let admin: Client
  let mia: Client // learning staff, the author
  let ana: Client
  let learners: Client[]
  let sim: SimulationForAuthor

  beforeAll(async () => {
    t = await createTestApp(dialect, { minAggregate: 3, baseUrl: 'https://wellspring.example' })
    admin = await setupAdmin(t.app)
    mia = await loggedInPerson(t.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    ana = await loggedInPerson(t.app, { name: 'Ana Learner', email: 'ana@example.com' })
    learners = []
    for (const name of ['Raj', 'Lee', 'Oscar'])
      learners.push(await loggedInPerson(t.app, { name: `${name} Learner`, email: `${name.toLowerCase()}@example.com` }))
  })
  afterAll(async () => {
    await t?.close()
  })

  const stored = async () =>
    [
      (await t.app.db.selectFrom('learning_module').select('id').execute()).length,
      (await t.app.db.selectFrom('simulation_situation').select('key').execute()).length,
      (await t.app.db.selectFrom('simulation_choice').select('key').execute()).length,
    ].reduce((a, b) => a + b)
  const play = (c: Client, path = '') =>
    path ? c.post(`/api/learning/simulations/${sim.id}/play/${path}`, {}) : c.get(`/api/learning/simulations/${sim.id}/play`)
  const pick = async (c: Client, choice: string) => c.post(`/api/learning/simulations/${sim.id}/play/choose`, { choice })

  it('is written by learning staff; a bad graph is a 400 that names the fault and stores nothing', async () => {
    expect((await ana.post('/api/learning/simulations', S)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/learning/simulations', payload: S })).statusCode).toBe(401)
    for (const [code, body] of BAD) {
      const res = await mia.post('/api/learning/simulations', body)
      expect([res.statusCode, res.json<{ error: { code: string } }>().error.code], code).toEqual([400, code])
    }
    expect((await mia.post('/api/learning/simulations', { ...S, start: 'bad key!' })).statusCode).toBe(400)
    expect(await stored()).toBe(0)
    const res = await mia.post('/api/learning/simulations', S)
    expect(res.statusCode, res.body).toBe(201)
    sim = res.json<SimulationForAuthor>()
    expect(sim.situations).toHaveLength(5)
    expect(sim.choices.find((c) => c.key === 'workaround')).toMatchObject({ minScore: 2, maxScore: null })
    const list = (await ana.get('/api/learning/modules')).json<{ items: { id: string; kind: string }[] }>().items
    expect(list).toContainEqual(expect.objectContaining({ id: sim.id, kind: 'simulation' }))
    // Search finds it by a word of a situation's text, and links to its player.
    const found = (await ana.get('/api/search?q=Acme')).json<{ catalogue?: { kind: string; href: string }[] }>().catalogue ?? []
    expect(found).toContainEqual(expect.objectContaining({ kind: 'simulation', href: `/learning/simulations/${sim.id}` }))
  })

  it('shows the graph, edits and paths to its author and admins only', async () => {
    expect((await ana.get(`/api/learning/simulations/${sim.id}`)).statusCode).toBe(403)
    expect((await ana.put(`/api/learning/simulations/${sim.id}`, S)).statusCode).toBe(403)
    expect((await ana.get(`/api/learning/simulations/${sim.id}/paths`)).statusCode).toBe(403)
    expect((await admin.get(`/api/learning/simulations/${sim.id}`)).statusCode).toBe(200)
    const bad = await mia.put(`/api/learning/simulations/${sim.id}`, without('vendor'))
    expect(bad.json()).toMatchObject({ error: { code: 'unreachable_situation' } })
    expect((await mia.get(`/api/learning/simulations/${sim.id}`)).json<SimulationForAuthor>().choices).toHaveLength(5)
    expect((await ana.get('/api/learning/simulations/nope/play')).statusCode).toBe(404)
  })

  it('scores choices, keeps closed choices closed, and lets learners go back only where the author allows', async () => {
    const start = (await play(ana)).json<SimulationPlay>()
    expect(start).toMatchObject({ situation: { key: 'call', ending: false }, score: 0, feedback: '', canGoBack: false, steps: 0 })
    expect(start.situation.html).toContain('<strong>Acme</strong>')
    expect((await play(ana, 'back')).json()).toMatchObject({ error: { code: 'nothing_to_undo' } })
    expect((await pick(ana, 'mend')).json()).toMatchObject({ error: { code: 'not_a_choice_here' } })
    const blamed = (await pick(ana, 'vendor')).json<SimulationPlay>()
    expect(blamed).toMatchObject({ situation: { key: 'blame' }, score: -1, feedback: 'Excuses sound like excuses.', canGoBack: false })
    const refused = await play(ana, 'back')
    expect([refused.statusCode, refused.json<{ error: { code: string } }>().error.code]).toEqual([409, 'no_going_back'])
    const mended = (await pick(ana, 'mend')).json<SimulationPlay>()
    expect(mended).toMatchObject({ situation: { key: 'sorry' }, score: 0, canGoBack: true })
    expect(mended.choices).toEqual([
      { key: 'workaround', label: 'Offer a workaround', open: false, condition: 'score ≥ 2' },
      { key: 'promise', label: 'Promise a new date', open: true, condition: '' },
    ])
    const closed = await pick(ana, 'workaround')
    expect([closed.statusCode, closed.json<{ error: { code: string } }>().error.code]).toEqual([409, 'choice_closed'])
    // Going back undoes the score of the choice taken back.
    expect((await play(ana, 'back')).json()).toMatchObject({ situation: { key: 'blame' }, score: -1, feedback: '', steps: 1 })
    expect((await play(ana, 'restart')).json()).toMatchObject({ situation: { key: 'call' }, score: 0, steps: 0 })
    await pick(ana, 'apologise')
    const end = (await pick(ana, 'workaround')).json<SimulationPlay>()
    expect(end).toMatchObject({
      situation: { key: 'good', ending: true, outcome: 'Dana agrees to the workaround.' },
      score: 3,
      choices: [],
    })
    expect(end.finishedAt).not.toBeNull()
    // Resumed where they left it.
    expect((await play(ana)).json()).toMatchObject({ situation: { key: 'good' }, score: 3, steps: 2, feedback: 'She can ship.' })
    expect((await play(ana, 'back')).json()).toMatchObject({ error: { code: 'no_going_back' } })
    expect(await t.app.db.selectFrom('simulation_step').select('id').where('person_id', '=', ana.id).execute()).toHaveLength(4)
  })

  it('counts as done for an assignment once an ending is reached, and stays done after starting over', async () => {
    const [raj] = learners as [Client]
    const assigned = await admin.post('/api/learning/assignments', { moduleId: sim.id, personIds: [ana.id, raj.id] })
    expect(assigned.statusCode, assigned.body).toBeLessThan(300)
    const mine = async (c: Client) =>
      (await c.get('/api/learning/assignments/mine')).json<{ items: { status: string; module: { kind: string } }[] }>().items[0]
    expect(await mine(ana)).toMatchObject({ status: 'done', module: { kind: 'simulation' } })
    expect(await mine(raj)).toMatchObject({ status: 'not_started' })
    await play(ana, 'restart')
    expect(await mine(ana)).toMatchObject({ status: 'done' })
  })

  it('hides the score and closed choices when the author does not show the score', async () => {
    const hidden = await mia.put(`/api/learning/simulations/${sim.id}`, { ...S, showScore: false })
    expect(hidden.statusCode, hidden.body).toBe(200)
    const [raj] = learners as [Client]
    await pick(raj, 'vendor')
    const state = (await pick(raj, 'mend')).json<SimulationPlay>()
    expect(state.score).toBeNull()
    expect(state.choices.map((c) => c.key)).toEqual(['promise'])
    expect((await mia.put(`/api/learning/simulations/${sim.id}`, S)).statusCode).toBe(200)
  })

  it('shows authors how many learners took each choice, withheld below the minimum and without opted-out people', async () => {
    const [raj, lee, oscar] = learners as [Client, Client, Client]
    for (const c of [lee, oscar]) for (const choice of ['apologise', 'promise']) await pick(c, choice)
    await pick(raj, 'promise') // raj: vendor, mend, promise
    await updatePersonRow(t.app, oscar.id, { analytics_opt_out: 1 })
    const paths = (await mia.get(`/api/learning/simulations/${sim.id}/paths`)).json<SimulationPaths>()
    const by = Object.fromEntries(paths.choices.map((c) => [c.key, c.learners]))
    // apologise: ana, lee (oscar opted out) → 2, withheld; promise: raj, lee (+oscar) → 2, withheld.
    expect(by).toEqual({ apologise: null, vendor: null, mend: null, workaround: null, promise: null })
    await updatePersonRow(t.app, oscar.id, { analytics_opt_out: 0 })
    const counted = (await admin.get(`/api/learning/simulations/${sim.id}/paths`)).json<SimulationPaths>()
    expect(Object.fromEntries(counted.choices.map((c) => [c.key, c.learners]))).toEqual({
      apologise: 3,
      vendor: null,
      mend: null,
      workaround: null,
      promise: 3,
    })
    expect(counted).toMatchObject({ minAggregate: 3, learners: 4 })
  })

  it('queues an xAPI statement per choice when an LRS is configured', async () => {
    expect(await findJobs(t.app.db, { kind: XAPI_JOB })).toEqual([])
    const settings = { endpoint: 'http://127.0.0.1:9/xapi', key: 'k', secret: 's', actor: 'account' }
    expect((await admin.put('/api/learning/xapi', settings)).statusCode).toBe(200)
    await play(ana, 'restart')
    await pick(ana, 'apologise')
    expect((await admin.put('/api/learning/xapi', { ...settings, endpoint: '' })).statusCode).toBe(200)
    const jobs = await findJobs(t.app.db, { kind: XAPI_JOB })
    expect(jobs).toHaveLength(1)
    const { statement } = JSON.parse(jobs[0]!.payload) as { statement: Record<string, unknown> }
    expect(statement).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/responded' },
      object: { id: `https://wellspring.example/learning/simulations/${sim.id}/situations/call` },
      result: { response: 'apologise', score: { raw: 2 } },
    })
  })

  it("puts a learner's attempt and choices in their export, and erases them with them", async () => {
    const exported = (await ana.get('/api/me/export')).json<{ learning: { simulationAttempts: unknown[]; simulationChoices: unknown[] } }>()
    expect(exported.learning.simulationAttempts).toEqual([expect.objectContaining({ moduleId: sim.id, situation: 'sorry', score: 2 })])
    expect(exported.learning.simulationChoices).toHaveLength(5)
    const request = await ana.post('/api/me/erasure', { reason: 'moving on' })
    expect(request.statusCode).toBe(201)
    expect((await admin.post(`/api/admin/erasures/${request.json<{ id: string }>().id}/confirm`)).statusCode).toBe(200)
    const left = await t.app.db.selectFrom('simulation_step').select('id').where('person_id', '=', ana.id).execute()
    const attempt = await t.app.db.selectFrom('simulation_attempt').select('person_id').where('person_id', '=', ana.id).execute()
    expect([left.length, attempt.length]).toEqual([0, 0])
    expect((await mia.get(`/api/learning/simulations/${sim.id}/paths`)).json<SimulationPaths>().learners).toBe(3)
  })
})
