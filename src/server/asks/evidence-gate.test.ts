import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'
import { ManualClock } from '../platform/clock.js'

interface Offer {
  person: { id: string; name: string }
  slot: 'expert' | 'explore'
  why: { kind: string; post: { id: number; title: string } | null; tag: string | null; answers: number }[]
}

/**
 * One definition of evidence (the model's hasEvidence) serves the gate and the reasons: every offer outside an
 * explore slot shows its evidence, and an explore slot shows none. Without the gate, people with nothing to
 * show fill the rounds these questions get.
 */
describe.each(DIALECTS)('%s: no offer without evidence outside an explore slot', (dialect) => {
  let t: TestApp
  const clock = new ManualClock(Date.parse('2026-04-06T09:00:00Z'))
  const c: Record<string, Client> = {}

  async function ask(who: string, title: string, tags: string[]): Promise<Offer[]> {
    const res = await c[who]!.post('/api/asks', { title, body: title, tags, communitySlug: 'ops' })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<{ offers: Offer[] }>().offers
  }

  /** Each offer is either an expert's, with the answers or topics behind it, or the round's one explore slot. */
  function expectHonest(offers: Offer[]): void {
    for (const o of offers) {
      if (o.slot === 'explore') expect(o.why, o.person.name).toEqual([])
      else expect(o.why.length, `${o.person.name} was offered as an expert with no evidence`).toBeGreaterThan(0)
    }
    expect(offers.filter((o) => o.slot === 'explore').length).toBeLessThanOrEqual(1)
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock })
    c.Admin = await setupAdmin(t.app)
    for (const name of ['Sam', 'Raj', 'Mei', 'Ana', 'Bo', 'Cy', 'Di']) {
      const p = await buildPerson(t.app, { name, email: `${name.toLowerCase()}@example.com` })
      c[name] = await login(t.app, p.email)
    }
    await c.Sam!.post('/api/communities', { name: 'Operations', slug: 'ops', purpose: 'Running things', visibility: 'open' })
    const history: [string, string, string[], string][] = [
      ['Sam', 'Rotating the TLS certificates on the load balancer', ['certificates'], 'Raj'],
      ['Sam', 'Certificate renewal failed on the edge proxy', ['certificates'], 'Raj'],
      // Mei's one answer shares a single common word ("the") with what is asked below, and no tag.
      ['Ana', 'Booking the large meeting room for the offsite', ['facilities'], 'Mei'],
    ]
    for (const [asker, title, tags, answerer] of history) {
      const q = (await c[asker]!.post('/api/communities/ops/posts', { kind: 'question', title, body: title, tags })).json()
      expect((await c[answerer]!.post(`/api/posts/${q.id}/answers`, { body: `Answer: ${title}` })).statusCode).toBe(201)
    }
    for (const name of ['Bo', 'Cy', 'Di']) await c[name]!.post('/api/communities/ops/join', {})
  })
  afterAll(async () => t.close())

  it('offers the question to the expert only, with the reason, while exploring is off', async () => {
    const offers = await ask('Ana', 'When do the certificates on the proxy expire?', ['certificates'])
    expectHonest(offers)
    expect(offers.map((o) => o.person.name)).toEqual(['Raj'])
  })

  it('offers nobody a question no one has evidence for, while exploring is off', async () => {
    expect(await ask('Sam', 'Which vendor prints the badges?', ['badges'])).toEqual([])
  })

  it('keeps people without evidence to one labelled explore slot once exploring is on', async () => {
    expect((await c.Sam!.put('/api/communities/ops/routing', { explore: 'on' })).statusCode).toBe(200)
    for (const [title, tags] of [
      ['Renew the certificates for the new domain', ['certificates']],
      ['Who orders the badges for visitors?', ['badges']],
      ['Where is the runbook for the pager?', []],
    ] as const) {
      const offers = await ask('Ana', title, [...tags])
      expectHonest(offers)
    }
  })
})
