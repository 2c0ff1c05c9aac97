import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, insertOffer } from '../../../test/helpers/factories.js'
import { ManualClock } from '../platform/clock.js'

const DAY = 24 * 3600_000

interface Offer {
  person: { id: string; name: string }
  slot: 'expert' | 'explore'
  why: { kind: string; post: { id: number; title: string; answerId: number | null } | null; tag: string | null; answers: number }[]
}

/**
 * Routing people can trust (issue 11): nobody without evidence is offered a question except in a labelled
 * explore slot; a "not my area" decline keeps similar questions from that person for a week, "busy" only adds
 * load; the asker and the person offered see the actual reason.
 */
describe.each(DIALECTS)('%s: routing people can trust', (dialect) => {
  let t: TestApp
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'))
  const c: Record<string, Client> = {}
  const names = new Map<string, string>()
  const strangers = ['Bo', 'Cy', 'Di', 'Eve']

  async function ask(who: string, title: string, tags: string[], slug = 'data') {
    const res = await c[who]!.post('/api/asks', { title, body: title, tags, communitySlug: slug })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<{ questionId: number; offers: Offer[]; offeredTo: { name: string }[]; status: string }>()
  }
  const offeredNames = (r: { offers: Offer[] }) => r.offers.map((o) => o.person.name)

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock })
    // The admin is active too, with no evidence: a stranger like the others.
    c.Admin = await setupAdmin(t.app)
    for (const name of ['Sam', 'Raj', 'Mei', 'Leo', 'Ana', ...strangers]) {
      const p = await buildPerson(t.app, { name, email: `${name.toLowerCase()}@example.com` })
      names.set(p.id, name)
      c[name] = await login(t.app, p.email)
    }
    await c.Sam!.post('/api/communities', { name: 'Data engineering', slug: 'data', purpose: 'Pipelines', visibility: 'open' })
    const history: [string, string, string[], string][] = [
      ['Sam', 'How to backfill a partition in the warehouse', ['backfill', 'partitions'], 'Raj'],
      ['Leo', 'Backfill of daily partitions failed halfway', ['backfill', 'partitions'], 'Raj'],
      ['Sam', 'Contract tests for the ingestion service', ['testing'], 'Mei'],
      ['Sam', 'Flaky integration tests in the pipeline', ['testing'], 'Mei'],
    ]
    for (const [asker, title, tags, answerer] of history) {
      const q = (await c[asker]!.post('/api/communities/data/posts', { kind: 'question', title, body: title, tags })).json()
      const a = (await c[answerer]!.post(`/api/posts/${q.id}/answers`, { body: `Answer to ${title}` })).json()
      await c[asker]!.post(`/api/posts/${q.id}/accept`, { answerId: a.id })
    }
    for (const s of strangers) await c[s]!.post('/api/communities/data/join', {})
  })
  afterAll(async () => t.close())

  it('offers a question only to people with evidence, whatever their load, and names each one’s reason', async () => {
    // Raj is loaded (two offers this week): the discount may reorder experts, never bring in a stranger.
    const other = await ask('Sam', 'Where do the pipeline logs go?', ['logging'])
    await insertOffer(t.app, other.questionId, c.Raj!.id, new Date(clock.now()).toISOString())
    const r = await ask('Ana', 'How do we backfill a partition when the model changed?', ['backfill'])
    expect(offeredNames(r)).toContain('Raj')
    for (const o of r.offers) {
      expect(o.slot).toBe('expert')
      expect(strangers).not.toContain(o.person.name)
      expect(o.why.length, o.person.name).toBeGreaterThan(0)
    }
    const raj = r.offers.find((o) => o.person.name === 'Raj')!
    const answer = raj.why.find((w) => w.kind === 'answer' && w.post)
    expect(answer?.post?.title).toMatch(/backfill/i)
    expect(answer?.post?.answerId).toEqual(expect.any(Number))
    // The card Raj sees says the same.
    const card = (await c.Raj!.get('/api/asks/inbox'))
      .json()
      .items.find((i: { question: { id: number } }) => i.question.id === r.questionId)
    expect(card.slot).toBe('expert')
    expect(card.why.length).toBeGreaterThan(0)
  })

  it('gives a round an explore slot only when the community turns it on, labelled, at most one', async () => {
    // Nobody has evidence for onboarding: with the default (a new community's first questions) nobody is asked.
    const none = await ask('Ana', 'Where is the onboarding checklist for interns?', ['onboarding'])
    expect(none.offers).toEqual([])
    expect((await c.Sam!.get('/api/communities/data/routing')).json()).toEqual({ explore: 'default', exploreNow: false, canChange: true })
    // Only a steward (or admin) may change it; bad input changes nothing.
    expect((await c.Ana!.put('/api/communities/data/routing', { explore: 'on' })).statusCode).toBe(403)
    const bad = await c.Sam!.put('/api/communities/data/routing', { explore: 'sometimes' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toEqual(expect.any(String))
    expect((await c.Ana!.get('/api/communities/data/routing')).json()).toEqual({ explore: 'default', exploreNow: false, canChange: false })
    expect((await c.Sam!.put('/api/communities/data/routing', { explore: 'on' })).json().exploreNow).toBe(true)
    const one = await ask('Ana', 'Who orders the onboarding laptops for interns?', ['onboarding'])
    expect(one.offers).toHaveLength(1)
    expect(one.offers[0]!.slot).toBe('explore')
    expect(one.offers[0]!.why).toEqual([])
    const explorer = Object.values(c).find((x) => x.id === one.offers[0]!.person.id)!
    const card = (await explorer.get('/api/asks/inbox'))
      .json()
      .items.find((i: { question: { id: number } }) => i.question.id === one.questionId)
    expect(card).toMatchObject({ slot: 'explore', why: [] })
    // With experts who fill the round, nobody explores: Raj and any other expert come before any stranger.
    const full = await ask('Ana', 'Backfill partitions after a late file', ['backfill'])
    expect(full.offers.filter((o) => o.slot === 'explore').length).toBeLessThanOrEqual(1)
    const firstExplore = full.offers.findIndex((o) => o.slot === 'explore')
    if (firstExplore >= 0) expect(full.offers.slice(firstExplore + 1)).toEqual([])
    expect((await c.Sam!.put('/api/communities/data/routing', { explore: 'off' })).json()).toMatchObject({
      explore: 'off',
      exploreNow: false,
    })
    expect((await ask('Ana', 'Onboarding buddies for interns?', ['onboarding'])).offers).toEqual([])
  })

  it('never offers a similar question that week to someone who said "not my area"; a week later it may', async () => {
    clock.advance(8 * DAY) // a new week: Raj's offers so far no longer count towards his weekly limit
    const first = await ask('Leo', 'Backfill the orders partition after a grain change', ['backfill'])
    expect(offeredNames(first)).toContain('Raj')
    const card = (await c.Raj!.get('/api/asks/inbox'))
      .json()
      .items.find((i: { question: { id: number } }) => i.question.id === first.questionId)
    expect((await c.Raj!.post(`/api/asks/offers/${card.offerId}/decline`, { reason: 'not_my_area' })).statusCode).toBe(200)
    clock.advance(2 * DAY)
    // Same tag: similar. And wording alone, without the tag: similar too.
    expect(offeredNames(await ask('Sam', 'How to backfill one partition', ['backfill']))).not.toContain('Raj')
    expect(offeredNames(await ask('Ana', 'Backfill the orders partition after a grain change again', []))).not.toContain('Raj')
    clock.advance(6 * DAY)
    expect(offeredNames(await ask('Mei', 'Backfill a partition with late data', ['backfill']))).toContain('Raj')
  })

  it('counts "busy" as load only: a similar question still reaches the person', async () => {
    clock.advance(8 * DAY)
    const first = await ask('Leo', 'Flaky tests in the nightly pipeline', ['testing'])
    expect(offeredNames(first)).toContain('Mei')
    const card = (await c.Mei!.get('/api/asks/inbox'))
      .json()
      .items.find((i: { question: { id: number } }) => i.question.id === first.questionId)
    expect((await c.Mei!.post(`/api/asks/offers/${card.offerId}/decline`, { reason: 'busy' })).statusCode).toBe(200)
    expect(offeredNames(await ask('Sam', 'Flaky tests in the ingestion pipeline', ['testing']))).toContain('Mei')
    // Busy counted: one offer and one "busy" this week, plus this offer, reach the default limit of 3.
    expect(offeredNames(await ask('Ana', 'More flaky tests in the pipeline', ['testing']))).not.toContain('Mei')
  })
})
