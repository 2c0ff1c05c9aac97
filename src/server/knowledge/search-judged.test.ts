import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { editDistance, rebuildSearchVocabulary } from './search-vocabulary.js'

describe('editDistance', () => {
  it('counts edits, transpositions as one, and stops past the maximum', () => {
    expect(editDistance('partiton', 'partition', 2)).toBe(1)
    expect(editDistance('backfil', 'backfill', 2)).toBe(1)
    expect(editDistance('pipelnie', 'pipeline', 2)).toBe(1)
    expect(editDistance('kafka', 'kafka', 1)).toBe(0)
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3)
  })
})

describe.each(DIALECTS)('%s: search results you can judge', (dialect) => {
  let t: TestApp
  let ana: Client
  let raj: Client
  let sam: Client
  const ids: Record<string, number> = {}
  beforeAll(async () => {
    t = await createTestApp(dialect)
    await setupAdmin(t.app)
    ana = await loggedInPerson(t.app, { name: 'Ana', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj', email: 'raj@example.com' })
    sam = await loggedInPerson(t.app, { name: 'Sam', email: 'sam@example.com' })
    await ana.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })
    const post = async (key: string, kind: string, title: string, body: string) =>
      (ids[key] = (await ana.post('/api/communities/data-engineering/posts', { kind, title, body })).json().id)
    await post('old', 'question', 'How do we backfill a partition safely?', 'A day of events without duplicates.')
    await post('story', 'story', 'The night the partition backfill ran twice', 'Our backfill story.')
    await post('new', 'question', 'Backfill one partition of a Kafka topic?', 'Replaying the topic.')
    await post('typo', 'story', 'Pruning old data', 'We dropped a partiton by mistake.')
    await post('nigth', 'story', 'Late deploys', 'Deploying at nigth is risky.')
    const answer = (await raj.post(`/api/posts/${ids.old}/answers`, { body: 'Write each partition idempotently.' })).json().id
    await ana.post(`/api/posts/${ids.old}/accept`, { answerId: answer })
    await raj.post(`/api/posts/${ids.story}/vote`, { value: 1 })
    await sam.post(`/api/posts/${ids.new}/vote`, { value: 1 })
    await raj.post(`/api/posts/${ids.new}/vote`, { value: 1 })
    await rebuildSearchVocabulary(t.app.db)
  })
  afterAll(async () => t.close())

  const search = (q: string, extra = '') => sam.get(`/api/search?q=${encodeURIComponent(q)}${extra}`)

  it('shows each result’s kind, answers, accepted state and score', async () => {
    const items = (await search('backfill partition')).json().items
    const old = items.find((i: { post: { id: number } }) => i.post.id === ids.old).post
    expect(old).toMatchObject({ kind: 'question', answerCount: 1, accepted: true, score: 0 })
    const fresh = items.find((i: { post: { id: number } }) => i.post.id === ids.new).post
    expect(fresh).toMatchObject({ kind: 'question', answerCount: 0, accepted: false, score: 2 })
  })

  it('sorts by newest and by votes', async () => {
    const order = async (sort: string) =>
      (await search('backfill partition', `&sort=${sort}`)).json().items.map((i: { post: { id: number } }) => i.post.id)
    expect(await order('newest')).toEqual([ids.new, ids.story, ids.old])
    expect(await order('votes')).toEqual([ids.new, ids.story, ids.old])
    expect((await order('relevance')).sort()).toEqual([ids.old, ids.story, ids.new].sort())
    expect(
      (await search('backfill partition', '&sort=votes&limit=1&offset=1')).json().items.map((i: { post: { id: number } }) => i.post.id),
    ).toEqual([ids.story])
    const bad = await search('backfill', '&sort=best')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBeDefined()
  })

  it('tolerates typos: "backfil partiton" finds the backfill and partition posts, and says what it searched for', async () => {
    const res = (await search('backfil partiton')).json()
    expect(res.correction).toEqual({ q: 'backfill partition', applied: true })
    expect(res.items.map((i: { post: { id: number } }) => i.post.id).sort()).toEqual([ids.old, ids.story, ids.new].sort())
  })

  it('offers "did you mean" when a misspelt word still finds a little, and corrects nothing that is spelt right', async () => {
    // Only a body has the misspelling: one result as typed, four with the word spelt right.
    const some = (await search('partiton')).json()
    expect(some.items.map((i: { post: { id: number } }) => i.post.id)).toEqual([ids.typo])
    expect(some.correction).toEqual({ q: 'partition', applied: false })
    expect((await search('kafka partiton')).json().correction).toEqual({ q: 'kafka partition', applied: true })
    const known = (await search('backfill partition')).json()
    expect(known.correction).toBeUndefined()
    expect((await search('zzzzqx')).json()).toEqual({ items: [], total: 0, capped: false })
  })

  it('keeps what a misspelt word finds, with no "did you mean", when the correction finds no more', async () => {
    // "nigth" is in one body; "night", its correction, in one title: as many, so nothing is offered.
    const res = (await search('nigth')).json()
    expect(res.items.map((i: { post: { id: number } }) => i.post.id)).toEqual([ids.nigth])
    expect(res).toMatchObject({ total: 1, capped: false })
    expect(res.correction).toBeUndefined()
    // Limited to the story kind, the misspelling finds the same one thread and the correction still no more.
    expect((await search('nigth', '&kind=story')).json().correction).toBeUndefined()
  })
})
