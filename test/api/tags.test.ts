import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type Client, type TestApp } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'

/**
 * One tag rule (src/shared/tags.ts) at every door that takes tags: a community's topics, a profile's lists, a
 * post's tags, hidden topics and the search filter all store and match "Data Quality" as data-quality.
 * Before, communities kept "data quality", profiles kept "Data Quality" as typed, and hidden topics kept only
 * the first ten.
 */
describe.each(DIALECTS)('%s: one tag rule everywhere', (dialect) => {
  let t: TestApp
  let ana: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    ana = await loggedInPerson(t.app, { name: 'Ana' })
  })
  afterAll(async () => t.close())

  it("stores a community's topics in the canonical form", async () => {
    const res = await ana.post('/api/communities', {
      name: 'Data',
      purpose: '',
      tags: ['Data Quality', 'data-quality', 'SQL'],
      visibility: 'open',
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().tags).toEqual(['data-quality', 'sql'])
    const edited = await ana.patch('/api/communities/data', { tags: ['Data  Pipelines ', 'dbt'] })
    expect(edited.json().tags).toEqual(['data-pipelines', 'dbt'])
  })

  it("stores a profile's lists in the canonical form", async () => {
    const res = await ana.patch(`/api/people/${ana.id}`, {
      aspirationTags: ['Data Quality', 'data-quality'],
      skillsOffered: ['SQL', 'Public speaking'],
      skillsWanted: ['ＳＱＬ Server'],
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      aspirationTags: ['data-quality'],
      skillsOffered: ['sql', 'public-speaking'],
      skillsWanted: ['sql-server'],
    })
  })

  it('matches a post tagged one way with a search filter and a hidden topic written another', async () => {
    const q = await ana.post('/api/communities/data/posts', {
      kind: 'question',
      title: 'Checks for nulls',
      body: 'nulls everywhere',
      tags: ['Data Quality'],
    })
    expect(q.json().tags).toEqual(['data-quality'])
    const found = (await ana.get(`/api/search?${new URLSearchParams({ q: 'nulls', tag: 'DATA quality' }).toString()}`)).json()
    expect(found.items.map((i: { post: { id: number } }) => i.post.id)).toEqual([q.json().id])
    const hidden = await ana.put('/api/me/hidden-topics', { tags: ['Data Quality'] })
    expect(hidden.json().tags).toEqual(['data-quality'])
  })

  it('keeps every hidden topic, not only the first ten', async () => {
    const tags = Array.from({ length: 12 }, (_, i) => `Topic ${i}`)
    const res = await ana.put('/api/me/hidden-topics', { tags })
    expect(res.json().tags).toHaveLength(12)
    expect((await ana.get('/api/me/hidden-topics')).json().tags).toHaveLength(12)
  })
})
