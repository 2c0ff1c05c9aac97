import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CatalogueItem, CatalogueList } from '../../shared/catalogue.js'
import type { SearchResults } from '../../shared/search.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { ManualClock } from '../platform/clock.js'

// The learning catalogue in the global search and on community pages: each kind is found, a closed
// community's items only by its members, upcoming sessions before past ones, edits and cancellations followed.

const T0 = Date.parse('2026-03-02T09:00:00.000Z')
const DAY = 86_400_000
const at = (ms: number) => new Date(ms).toISOString()

describe.each(DIALECTS)('%s: the catalogue in search and on community pages', (dialect) => {
  let t: TestApp
  let clock: ManualClock
  let admin: Client
  let ana: Client // a member of the closed community
  let raj: Client // not a member
  const ids: Record<string, string> = {}
  let scormTitle = ''

  const catalogue = async (c: Client, q: string): Promise<CatalogueItem[]> => {
    const res = await c.get(`/api/search?q=${encodeURIComponent(q)}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<SearchResults>().catalogue ?? []
  }
  const found = async (c: Client, q: string) => (await catalogue(c, q)).map((i) => `${i.kind}:${i.title}`)

  beforeAll(async () => {
    clock = new ManualClock(T0)
    t = await createTestApp(dialect, {}, { clock })
    admin = await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana Pilot', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj Outside', email: 'raj@example.com' })
    expect(
      (await admin.post('/api/communities', { name: 'Harbour pilots', purpose: 'Bringing ships in', visibility: 'closed' })).statusCode,
    ).toBe(201)
    await ana.post('/api/communities/harbour-pilots/join', { message: 'hello' })
    const requests = (await admin.get('/api/communities/harbour-pilots/requests')).json<{ items: { id: string }[] }>().items
    for (const r of requests) await admin.post(`/api/communities/harbour-pilots/requests/${r.id}/approve`)

    const lesson = async (title: string, body: string, community?: string) =>
      (await admin.post('/api/learning/lessons', { title, description: '', pages: [{ title: 'Page one', body }], community })).json<{
        id: string
      }>().id
    ids.open = await lesson('Landing in a crosswind', 'Crab on final, then straighten the nose before touchdown.')
    ids.closed = await lesson('Harbour approach', 'Expect gusts at the breakwater; slow early.', 'harbour-pilots')
    const quiz = (await admin.post('/api/learning/quizzes', { title: 'Crosswind check', description: 'Five minutes.' })).json<{
      id: string
    }>()
    ids.quiz = quiz.id
    await admin.post(`/api/learning/quizzes/${quiz.id}/questions`, {
      kind: 'single',
      prompt: 'Which limit is merely demonstrated, not structural?',
      options: ['The crosswind figure', 'The flap speed'],
      correct: [0],
    })
    const session = async (title: string, startsMs: number, community?: string) =>
      (
        await admin.post('/api/learning/sessions', {
          title,
          startsAt: at(startsMs),
          endsAt: at(startsMs + 3_600_000),
          location: 'Simulator bay',
          capacity: 6,
          community,
        })
      ).json<{ id: string }>().id
    ids.soon = await session('Simulator hour: gusty days', T0 + DAY, 'harbour-pilots')
    ids.later = await session('Simulator hour: gusty nights', T0 + 5 * DAY, 'harbour-pilots')
    const upload = await admin.request({
      method: 'POST',
      url: '/api/learning/scorm',
      headers: { 'content-type': 'application/zip' },
      payload: fs.readFileSync(path.resolve('test/fixtures/scorm/singlesco_scorm12.zip')),
    })
    expect(upload.statusCode, upload.body).toBe(201)
    ids.scorm = upload.json<{ id: string }>().id
    scormTitle = upload.json<{ title: string }>().title
  })
  afterAll(async () => {
    await t?.close()
  })

  it('finds each kind: lessons by title and body, SCORM modules, quizzes by their questions, sessions', async () => {
    expect(await found(raj, 'crosswind')).toEqual(expect.arrayContaining(['lesson:Landing in a crosswind', 'quiz:Crosswind check']))
    expect(await found(raj, 'touchdown')).toEqual(['lesson:Landing in a crosswind'])
    expect(await found(raj, 'demonstrated')).toEqual(['quiz:Crosswind check'])
    expect(await found(raj, scormTitle)).toContain(`scorm:${scormTitle}`)
    const [lesson] = await catalogue(raj, 'touchdown')
    expect(lesson).toEqual({
      kind: 'lesson',
      id: ids.open,
      title: 'Landing in a crosswind',
      summary: expect.stringContaining('Crab on final') as string,
      href: `/learning/lessons/${ids.open}`,
      community: null,
      startsAt: null,
    })
    const module = (await catalogue(raj, scormTitle)).find((i) => i.kind === 'scorm')
    expect(module?.href).toBe(`/learning/${ids.scorm}`)
    expect((await catalogue(raj, 'demonstrated'))[0]?.href).toBe(`/learning/quizzes/${ids.quiz}`)
  })

  it("shows a closed community's items to its members only", async () => {
    expect(await found(ana, 'breakwater')).toEqual(['lesson:Harbour approach'])
    expect((await catalogue(ana, 'breakwater'))[0]?.community).toEqual({ slug: 'harbour-pilots', name: 'Harbour pilots' })
    expect(await found(raj, 'breakwater')).toEqual([])
    expect(await found(raj, 'simulator')).toEqual([])
    expect(await found(ana, 'simulator')).toHaveLength(2)
  })

  it('puts upcoming sessions before past ones', async () => {
    clock.set(T0 + 2 * DAY)
    const items = await catalogue(ana, 'simulator gusty')
    expect(items.map((i) => [i.title, i.href])).toEqual([
      ['Simulator hour: gusty nights', `/learning/sessions/${ids.later}`],
      ['Simulator hour: gusty days', `/learning/sessions/${ids.soon}`],
    ])
    expect(items[0]?.startsAt).toBe(at(T0 + 5 * DAY))
  })

  it('follows edits and cancellations', async () => {
    await admin.put(`/api/learning/lessons/${ids.open}`, {
      title: 'Landing with a side wind',
      pages: [{ title: 'Page one', body: 'Wing down into the wind.' }],
    })
    expect(await found(raj, 'touchdown')).toEqual([])
    expect(await found(raj, 'wing')).toEqual(['lesson:Landing with a side wind'])
    expect((await admin.post(`/api/learning/sessions/${ids.later}/cancel`)).statusCode).toBeLessThan(300)
    expect(await found(ana, 'nights')).toEqual([])
  })

  it('refuses bad input and strangers, and leaves the catalogue out of filtered or later pages', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/search?q=crosswind' })).statusCode).toBe(401)
    for (const q of ['q=', `q=${'x'.repeat(201)}`, 'q=wind&limit=0', 'q=wind&nonsense=1'])
      expect((await raj.get(`/api/search?${q}`)).json()).toMatchObject({ error: { code: expect.any(String) as string } })
    expect((await raj.get('/api/search?q=%22%29%28*')).json<SearchResults>().catalogue).toBeUndefined()
    expect((await raj.get('/api/search?q=crosswind')).json<SearchResults>().catalogue).toEqual([expect.objectContaining({ kind: 'quiz' })])
    expect((await raj.get('/api/search?q=crosswind&offset=20')).json<SearchResults>().catalogue).toBeUndefined()
    expect((await raj.get('/api/search?q=crosswind&kind=story')).json<SearchResults>().catalogue).toBeUndefined()
  })

  it("lists a community's learning on its page, for those who may read it", async () => {
    const res = await ana.get('/api/learning/communities/harbour-pilots')
    expect(res.statusCode, res.body).toBe(200)
    // The past session and the cancelled one are gone; the lesson stays.
    expect(res.json<CatalogueList>().items.map((i) => `${i.kind}:${i.title}`)).toEqual(['lesson:Harbour approach'])
    await admin.post('/api/learning/sessions', {
      title: 'Night pilotage briefing',
      startsAt: at(T0 + 9 * DAY),
      endsAt: at(T0 + 9 * DAY + 3_600_000),
      location: 'Pilot station',
      capacity: 10,
      community: 'harbour-pilots',
    })
    const items = (await ana.get('/api/learning/communities/harbour-pilots')).json<CatalogueList>().items
    expect(items.map((i) => i.kind)).toEqual(['session', 'lesson'])
    expect((await raj.get('/api/learning/communities/harbour-pilots')).json()).toMatchObject({ error: { code: 'members_only' } })
    expect((await raj.get('/api/learning/communities/no-such-place')).statusCode).toBe(404)
    expect((await raj.get('/api/learning/communities/Not_A_Slug')).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/api/learning/communities/harbour-pilots' })).statusCode).toBe(401)
  })
})
