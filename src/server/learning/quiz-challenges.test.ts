import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { ManualClock } from '../platform/clock.js'

const T0 = Date.parse('2026-03-02T09:00:00.000Z')
const DAY = 86_400_000
const at = (ms: number) => new Date(ms).toISOString()

interface Progress {
  overall: { people: number; taking: number; averageRight: number } | null
  teams: { team: string; people: number; taking: number; averageRight: number }[]
  withheldTeams: number
  leaderboard: { name: string; points: number }[] | null
  mine: { answered: number; right: number }
}

// A steward runs a quiz for their community over a week; members see the community's and its teams' progress,
// in aggregate only (MIN_AGGREGATE is 3 here), with opted-out people left out of every figure.
describe.each(DIALECTS)('team challenges on %s', (dialect) => {
  let t: TestApp
  let clock: ManualClock
  let admin: Client
  let sam: Client // the community's steward, in Platform
  let platform: Client[] // three more in Platform, the third opted out of analytics
  let design: Client[] // two in Design: too few to show as a team
  let outsider: Client
  let quizId = ''
  let questions: { id: string; options: { id: string; text: string }[] }[] = []
  let challengeId = ''

  const answer = (c: Client, i: number, right: boolean) => {
    const q = questions[i]!
    return c.post(`/api/learning/quizzes/${quizId}/questions/${q.id}/answer`, {
      choices: [q.options.find((o) => o.text === (right ? 'Yes' : 'No'))!.id],
    })
  }
  const progress = async (c: Client, id = challengeId) => (await c.get(`/api/learning/challenges/${id}`)).json<Progress>()

  beforeAll(async () => {
    clock = new ManualClock(T0)
    t = await createTestApp(dialect, { minAggregate: 3 }, { clock })
    admin = await setupAdmin(t.app)
    const mia = await loggedInPerson(t.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    sam = await loggedInPerson(t.app, { name: 'Sam Steward', email: 'sam@example.com', department: 'Platform' })
    platform = []
    for (const [name, optOut] of [
      ['Ana', 0],
      ['Raj', 0],
      ['Olu', 1],
    ] as const)
      platform.push(
        await loggedInPerson(t.app, {
          name: `${name} Platform`,
          email: `${name.toLowerCase()}@example.com`,
          department: 'Platform',
          analytics_opt_out: optOut,
        }),
      )
    design = [
      await loggedInPerson(t.app, { name: 'Dee Design', email: 'dee@example.com', department: 'Design' }),
      await loggedInPerson(t.app, { name: 'Eli Design', email: 'eli@example.com', department: 'Design' }),
    ]
    outsider = await loggedInPerson(t.app, { name: 'Out Sider', email: 'out@example.com', department: 'Design' })
    expect(
      (await sam.post('/api/communities', { name: 'Reliability', purpose: 'Keeping things up', visibility: 'closed' })).statusCode,
    ).toBe(201)
    for (const c of [...platform, ...design]) {
      await c.post('/api/communities/reliability/join', { message: 'hi' })
    }
    const requests = (await sam.get('/api/communities/reliability/requests')).json<{ items: { id: string }[] }>().items
    for (const r of requests) await sam.post(`/api/communities/reliability/requests/${r.id}/approve`)
    quizId = (await mia.post('/api/learning/quizzes', { title: 'On-call habits' })).json<{ id: string }>().id
    for (const prompt of ['Page early?', 'Write it down?'])
      await mia.post(`/api/learning/quizzes/${quizId}/questions`, { kind: 'single', prompt, options: ['Yes', 'No'], correct: [0] })
    questions = (await sam.get(`/api/learning/quizzes/${quizId}`)).json<{ items: typeof questions }>().items
  })
  afterAll(async () => {
    await t.close()
  })

  it('is started by a steward of the community only, for a sane period', async () => {
    const body = { community: 'reliability', startsAt: at(T0 + DAY), endsAt: at(T0 + 8 * DAY) }
    const url = `/api/learning/quizzes/${quizId}/challenges`
    expect((await platform[0]!.post(url, body)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401)
    expect((await sam.post(url, { ...body, endsAt: body.startsAt })).json()).toMatchObject({ error: { code: 'ends_before_start' } })
    expect((await sam.post(url, { ...body, community: 'no-such' })).json()).toMatchObject({ error: { code: 'unknown_community' } })
    expect((await sam.post(url, { ...body, startsAt: 'soon' })).statusCode).toBe(400)
    expect((await sam.post(`/api/learning/quizzes/no-such/challenges`, body)).statusCode).toBe(404)
    expect((await sam.get(`/api/learning/quizzes/${quizId}`)).json()).toMatchObject({
      canChallengeIn: [{ slug: 'reliability' }],
      challenges: [],
    })
    expect((await platform[0]!.get(`/api/learning/quizzes/${quizId}`)).json()).toMatchObject({ canChallengeIn: [] })
    const res = await sam.post(url, body)
    expect(res.statusCode).toBe(201)
    challengeId = res.json<{ id: string }>().id
    expect((await platform[1]!.get(`/api/learning/quizzes/${quizId}`)).json()).toMatchObject({ challenges: [{ id: challengeId }] })
    // People outside the closed community see neither the challenge nor its progress.
    expect((await outsider.get(`/api/learning/quizzes/${quizId}`)).json()).toMatchObject({ challenges: [] })
    expect((await outsider.get(`/api/learning/challenges/${challengeId}`)).statusCode).toBe(404)
  })

  it("shows the community's and its teams' progress in aggregate, counting answers in the period only", async () => {
    const [ana, raj, olu] = platform as [Client, Client, Client]
    // Before the challenge starts: not counted.
    await answer(ana, 0, true)
    clock.set(T0 + 2 * DAY)
    await answer(ana, 0, true)
    await answer(ana, 1, false)
    await answer(raj, 0, true)
    await answer(raj, 1, true)
    await answer(olu, 0, true)
    await answer(olu, 1, true)
    await answer(design[0]!, 0, true)
    const seen = await progress(raj)
    // Counted: Sam, Ana, Raj (Platform) and Dee, Eli (Design); Olu opted out.
    expect(seen.overall).toEqual({ people: 5, taking: 3, averageRight: 0.667 })
    expect(seen.teams).toEqual([{ team: 'Platform', people: 3, taking: 2, averageRight: 0.75 }])
    expect(seen.withheldTeams).toBe(1)
    expect(seen.leaderboard).toBeNull()
    expect(seen.mine).toEqual({ answered: 2, right: 2 })
    expect((await progress(ana)).mine).toEqual({ answered: 2, right: 1 })
    // After the period, answers no longer count.
    clock.set(T0 + 9 * DAY)
    await answer(sam, 0, true)
    expect((await progress(sam)).overall).toMatchObject({ taking: 3 })
  })

  it('shows a leaderboard only when the quiz has points, leaving out people who opted out', async () => {
    await admin.patch(`/api/learning/quizzes/${quizId}`, { points: true })
    const board = (await progress(sam)).leaderboard
    expect(board).toEqual([
      { name: 'Raj Platform', points: 2 },
      expect.objectContaining({ points: 1 }),
      expect.objectContaining({ points: 1 }),
    ])
    expect(board!.map((b) => b.name)).not.toContain('Olu Platform')
  })

  it('withholds the whole figure when the community has fewer countable people than the minimum', async () => {
    await admin.patch(`/api/learning/quizzes/${quizId}`, { points: false })
    expect((await sam.post('/api/communities', { name: 'Tiny', purpose: 'Two people', visibility: 'open' })).statusCode).toBe(201)
    const res = await sam.post(`/api/learning/quizzes/${quizId}/challenges`, {
      community: 'tiny',
      startsAt: at(T0),
      endsAt: at(T0 + 30 * DAY),
    })
    const p = await progress(sam, res.json<{ id: string }>().id)
    expect(p.overall).toBeNull()
    expect(p.teams).toEqual([])
    expect(p.withheldTeams).toBe(1)
  })
})
