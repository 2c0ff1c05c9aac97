import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson } from '../../../test/helpers/factories.js'

type Why = { kind: string; tag?: string | null; thanks?: number; learned?: number; practice?: { id: number; title: string } }
interface Offer {
  person: { id: string; name: string }
  slot: 'expert' | 'explore'
  why: Why[]
}

/**
 * Honest reasons (issue 11): beside the answers the router chose someone for, the asker's confirmation and
 * the offer card name the thanks they received and the practices they wrote on the question's topics, from
 * communities the viewer can read only.
 */
describe.each(DIALECTS)('%s: thanks and practices among the reasons', (dialect) => {
  let t: TestApp
  const c: Record<string, Client> = {}
  let openPractice = 0
  let closedPractice = 0

  beforeAll(async () => {
    t = await createTestApp(dialect)
    c.Admin = await setupAdmin(t.app)
    for (const name of ['Sam', 'Raj', 'Mei', 'Leo', 'Ana']) {
      const p = await buildPerson(t.app, { name, email: `${name.toLowerCase()}@example.com` })
      c[name] = await login(t.app, p.email)
    }
    await c.Sam!.post('/api/communities', { name: 'Data engineering', slug: 'data', purpose: 'Pipelines', visibility: 'open' })
    for (const who of ['Raj', 'Mei', 'Leo', 'Ana']) await c[who]!.post('/api/communities/data/join', {})
    // Raj answers two backfill questions; Sam thanks both answers and Leo learned from one.
    for (const title of ['How to backfill a partition in the warehouse', 'Backfill of daily partitions failed halfway']) {
      const q = (await c.Sam!.post('/api/communities/data/posts', { kind: 'question', title, body: title, tags: ['backfill'] })).json()
      const a = (await c.Raj!.post(`/api/posts/${q.id}/answers`, { body: `Answer to ${title}` })).json()
      expect((await c.Sam!.post(`/api/posts/${a.id}/thanks`, { kind: 'thanks' })).statusCode).toBe(201)
      if (title.startsWith('Backfill')) expect((await c.Leo!.post(`/api/posts/${a.id}/thanks`, { kind: 'learned' })).statusCode).toBe(201)
    }
    // Thanks on another topic are not a reason for a backfill question.
    const other = (
      await c.Sam!.post('/api/communities/data/posts', { kind: 'question', title: 'Logs', body: 'Where?', tags: ['logging'] })
    ).json()
    const otherAnswer = (await c.Raj!.post(`/api/posts/${other.id}/answers`, { body: 'In the bucket' })).json()
    await c.Mei!.post(`/api/posts/${otherAnswer.id}/thanks`, { kind: 'thanks' })
    const practice = (title: string, slug: string, tags = ['backfill']) =>
      c.Raj!.post(`/api/communities/${slug}/posts`, { kind: 'practice', title, body: 'Steps.', tags })
    openPractice = (await practice('Backfill one partition at a time', 'data')).json().id
    expect((await practice('Log every run', 'data', ['logging'])).statusCode).toBe(201)
    // A practice in a closed community Raj belongs to and Ana does not: Raj sees it on his card, Ana never.
    await c.Raj!.post('/api/communities', { name: 'Platform', slug: 'platform', purpose: 'Inner', visibility: 'closed' })
    closedPractice = (await practice('Backfill runbook of the platform team', 'platform')).json().id
  })
  afterAll(async () => t.close())

  it('names thanks received and practices written on the topic, as far as the viewer may see them', async () => {
    const res = await c.Ana!.post('/api/asks', {
      title: 'How do we backfill a partition after a grain change?',
      body: 'The model changed its grain.',
      tags: ['backfill'],
      communitySlug: 'data',
    })
    expect(res.statusCode, res.body).toBe(201)
    const r = res.json<{ questionId: number; offers: Offer[] }>()
    const raj = r.offers.find((o) => o.person.name === 'Raj')!
    expect(raj.slot).toBe('expert')
    expect(raj.why.filter((w) => w.kind === 'answer').length).toBeGreaterThan(0)
    expect(raj.why.filter((w) => w.kind === 'thanks')).toEqual([{ kind: 'thanks', tag: 'backfill', thanks: 2, learned: 1 }])
    // The practice on logging is no reason here; the closed community's is not shown to Ana.
    expect(raj.why.filter((w) => w.kind === 'practice')).toEqual([
      { kind: 'practice', tag: 'backfill', practice: { id: openPractice, title: 'Backfill one partition at a time' } },
    ])
    // Raj's card names his closed community's practice too (he can read it), newest first.
    const card = (await c.Raj!.get('/api/asks/inbox'))
      .json()
      .items.find((i: { question: { id: number } }) => i.question.id === r.questionId)
    expect(card.why.filter((w: Why) => w.kind === 'practice').map((w: Why) => w.practice!.id)).toEqual([closedPractice, openPractice])
    expect(card.why.filter((w: Why) => w.kind === 'thanks')).toEqual([{ kind: 'thanks', tag: 'backfill', thanks: 2, learned: 1 }])
  })

  it('shows no thanks or practices for a question on other topics', async () => {
    const res = await c.Ana!.post('/api/asks', {
      title: 'Backfill the orders partition again',
      body: 'Same as before.',
      tags: ['orders'],
      communitySlug: 'data',
    })
    expect(res.statusCode, res.body).toBe(201)
    for (const o of res.json<{ offers: Offer[] }>().offers) {
      expect(
        o.why.filter((w) => w.kind === 'thanks' || w.kind === 'practice'),
        o.person.name,
      ).toEqual([])
    }
  })
})
