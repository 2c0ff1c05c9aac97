import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'

describe.each(DIALECTS)('%s: community suggestions that make sense', (dialect) => {
  let t: TestApp
  let mia: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    const sam = await loggedInPerson(t.app, { name: 'Sam', email: 'sam@example.com' })
    mia = await loggedInPerson(t.app, { name: 'Mia', email: 'mia@example.com' })
    const make = (name: string, purpose: string, tags: string[]) =>
      sam.post('/api/communities', { name, purpose, visibility: 'open', tags })
    await make('Accessibility', 'We build accessible products for everyone.', ['a11y'])
    await make('Streaming', 'Event streams in production.', ['kafka', 'flink'])
    await make('Data pipelines', 'Batch and streaming jobs.', ['etl'])
    await make('Ops chat', 'Everything about running things.', [])
    await make('Home', 'Where Mia already posts', [])
    await mia.post('/api/communities/home/join', {})
    for (const title of ['Kafka consumer lag', 'Kafka retention']) {
      await mia.post('/api/communities/home/posts', { kind: 'question', title, body: 'x', tags: ['kafka'] })
    }
    await mia.patch(`/api/people/${mia.id}`, { wantToBecome: 'someone who can build data pipelines', skillsWanted: ['ETL'] })
  })
  afterAll(async () => t.close())

  it('explains each suggestion with the person’s own words and what they did, never stems', async () => {
    const res = await mia.get('/api/communities/recommended')
    expect(res.statusCode).toBe(200)
    const recs = res.json().items as { community: { slug: string }; reasons: string[] }[]
    const bySlug = new Map(recs.map((r) => [r.community.slug, r.reasons]))
    expect(bySlug.get('streaming')).toEqual(['You post about “kafka”'])
    expect(bySlug.get('data-pipelines')).toEqual(['You want to become “someone who can build data pipelines”', 'You want to learn “etl”'])
    // One common word in a purpose ("build") is no reason to join.
    expect(bySlug.has('accessibility')).toBe(false)
    expect(bySlug.has('home')).toBe(false)
    const text = recs.flatMap((r) => r.reasons).join(' ')
    expect(text).not.toMatch(/pipelin[^e]|matches/)
  })
})
