import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, login, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { buildPerson, deleteCommunityRow, deletePersonRow, loggedInPerson } from '../../../test/helpers/factories.js'
import { communityIdsByVisibility } from '../communities/lookup.js'
import { searchPostIndex } from './search-store.js'

type Item = {
  post: { id: number; kind: string; title: string; community: { slug: string }; author: { id: string } | null; tags: string[] }
  match: { id: number; kind: string }
  snippet: string
  score: number
}
type Results = { items: Item[]; total: number; capped: boolean }

describe.each(DIALECTS)('%s: search', (dialect) => {
  let t: TestApp
  let admin: Client
  let sam: Client
  let ana: Client
  let raj: Client
  let out: Client
  let questionId: number
  let answerId: number
  let storyId: number

  const communityIds = (visibilities?: ('open' | 'closed' | 'secret')[]) => communityIdsByVisibility(t.app.db, visibilities)
  const search = (c: Client, params: Record<string, string>) => c.get(`/api/search?${new URLSearchParams(params).toString()}`)
  const found = async (c: Client, params: Record<string, string>): Promise<Results> => {
    const res = await search(c, params)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<Results>()
  }
  const suggest = async (c: Client, q: string): Promise<{ id: number; title: string; community: { slug: string } }[]> => {
    const res = await c.get(`/api/search/suggest?${new URLSearchParams({ q }).toString()}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json().items
  }
  const post = async (c: Client, slug: string, body: Record<string, unknown>): Promise<number> => {
    const res = await c.post(`/api/communities/${slug}/posts`, body)
    expect(res.statusCode, res.body).toBe(201)
    return res.json().id
  }
  const setCreated = (id: number, at: string) => t.app.db.updateTable('post').set({ created_at: at }).where('id', '=', id).execute()
  const yearsAgo = (n: number) => new Date(Date.now() - n * 365 * 86_400_000).toISOString()

  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
    sam = await loggedInPerson(t.app, { name: 'Sam' })
    ana = await loggedInPerson(t.app, { name: 'Ana' })
    raj = await loggedInPerson(t.app, { name: 'Raj' })
    out = await loggedInPerson(t.app, { name: 'Out' })
    for (const [name, visibility] of [
      ['Data engineering', 'open'],
      ['Operations', 'open'],
      ['Vault', 'secret'],
      ['Guild', 'closed'],
      // More readable communities than NARROW, so plain searches take the join plan on SQLite and
      // community searches the listing plan: both are exercised.
      ...['Spare a', 'Spare b', 'Spare c', 'Spare d'].map((n) => [n, 'open'] as const),
    ] as const) {
      expect((await sam.post('/api/communities', { name, purpose: `${name} people`, visibility })).statusCode).toBe(201)
    }
    for (const slug of ['vault', 'guild'])
      expect((await sam.post(`/api/communities/${slug}/members`, { personId: ana.id })).statusCode).toBe(200)

    questionId = await post(ana, 'data-engineering', {
      kind: 'question',
      title: 'How do we backfill a partition safely?',
      body: 'We need to rerun last week.',
      tags: ['backfill', 'partitions'],
    })
    const answer = await raj.post(`/api/posts/${questionId}/answers`, { body: 'Use idempotent writes into a staging table, then swap.' })
    answerId = answer.json().id
    storyId = await post(sam, 'data-engineering', {
      kind: 'story',
      title: 'Our migration year',
      body: 'Along the way we had to backfill a lot of data.',
      tags: ['migration'],
    })
    await post(sam, 'operations', {
      kind: 'practice',
      title: 'Backfill runbook',
      body: 'Steps to backfill in operations.',
      tags: ['runbook'],
    })
    // Closed and secret content with a word nobody else uses, and the common word as well.
    await post(sam, 'vault', {
      kind: 'question',
      title: 'Backfill the swordfish ledger',
      body: 'The swordfish backfill is secret.',
      tags: ['backfill'],
    })
    await post(sam, 'guild', {
      kind: 'practice',
      title: 'Guild swordfish backfill recipe',
      body: 'Closed swordfish backfill notes.',
      tags: ['backfill'],
    })
  })
  afterAll(async () => t.close())

  it('finds and marks a word written inside angle brackets in the body, as Markdown allows', async () => {
    const id = await post(sam, 'operations', {
      kind: 'practice',
      title: 'Collapsible runbook sections',
      body: 'Wrap each step in a <details> element so the page stays short.',
    })
    const { items } = await found(sam, { q: 'details' })
    const hit = items.find((h) => h.post.id === id)
    expect(hit?.snippet).toMatch(/<mark>details<\/mark>/)
  })

  it('ranks title matches above body matches, and finds stems ("backfilling" finds "backfill")', async () => {
    const res = await found(ana, { q: 'backfilling' })
    const ids = res.items.map((i) => i.post.id)
    expect(ids).toContain(questionId)
    expect(ids).toContain(storyId)
    expect(ids.indexOf(questionId)).toBeLessThan(ids.indexOf(storyId))
    expect(res.items.every((i) => i.score > 0)).toBe(true)
    expect(res.items.map((i) => i.score)).toEqual([...res.items.map((i) => i.score)].sort((a, b) => b - a))
  })

  it('boosts recent posts when relevance is equal', async () => {
    const fresh = await post(raj, 'data-engineering', { kind: 'story', title: 'Quokka handling guide', body: 'Quokka care.' })
    const stale = await post(raj, 'data-engineering', { kind: 'story', title: 'Quokka handling guide', body: 'Quokka care.' })
    await setCreated(stale, yearsAgo(3))
    const res = await found(ana, { q: 'quokka' })
    expect(res.items.map((i) => i.post.id)).toEqual([fresh, stale])
    expect(res.items[0]!.score).toBeGreaterThan(res.items[1]!.score * 1.3)
  })

  it('leads an answer hit to its question, with the answer highlighted in the snippet', async () => {
    const res = await found(ana, { q: 'idempotent staging' })
    expect(res.total).toBe(1)
    expect(res.items[0]).toMatchObject({
      post: {
        id: questionId,
        kind: 'question',
        title: 'How do we backfill a partition safely?',
        tags: ['backfill', 'partitions'],
        author: { id: ana.id },
      },
      match: { id: answerId, kind: 'answer' },
    })
    expect(res.items[0]!.snippet).toContain('<mark>idempotent</mark>')
    expect(res.items[0]!.snippet).toContain('<mark>staging</mark>')
    // A question whose words match in both it and its answer is one result, not two.
    const both = await found(ana, { q: 'backfill', community: 'data-engineering', kind: 'question' })
    expect(both.items.map((i) => i.post.id)).toEqual([questionId])
  })

  it('escapes snippets: only <mark> is HTML', async () => {
    const id = await post(raj, 'data-engineering', {
      kind: 'story',
      title: 'Markup story',
      body: 'Before <script>alert("zanzibar")</script> <b onclick="x()">zanzibar</b> & after',
    })
    const res = await found(ana, { q: 'zanzibar' })
    expect(res.items.map((i) => i.post.id)).toEqual([id])
    const snippet = res.items[0]!.snippet
    expect(snippet).toContain('<mark>zanzibar</mark>')
    expect(snippet).toContain('&amp; after')
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  })

  it('filters by community, kind, tag, author and date', async () => {
    const ids = async (params: Record<string, string>) =>
      (await found(ana, { q: 'backfill', ...params })).items.map((i) => i.post.id).sort()
    const all = await ids({})
    expect(all.length).toBeGreaterThanOrEqual(5)
    expect(await ids({ community: 'data-engineering' })).toEqual([questionId, storyId].sort())
    expect(await ids({ kind: 'story' })).toEqual([storyId])
    expect(await ids({ tag: 'partitions' })).toEqual([questionId])
    expect(await ids({ tag: 'Partitions' })).toEqual([questionId])
    expect(await ids({ author: ana.id })).toEqual([questionId])
    expect(await ids({ author: raj.id })).toEqual([])
    // The answer matches "idempotent"; the tag and kind of its question apply to it.
    expect((await found(ana, { q: 'idempotent', tag: 'backfill', kind: 'question', author: raj.id })).items.map((i) => i.match.id)).toEqual(
      [answerId],
    )
    expect((await found(ana, { q: 'idempotent', kind: 'story' })).total).toBe(0)
    await setCreated(storyId, '2020-05-01T10:00:00.000Z')
    expect(await ids({ community: 'data-engineering', to: '2020-05-01' })).toEqual([storyId])
    expect(await ids({ community: 'data-engineering', to: '2020-04-30' })).toEqual([])
    expect(await ids({ community: 'data-engineering', from: '2020-05-02' })).toEqual([questionId])
    expect(await ids({ community: 'data-engineering', from: '2020-05-01', to: '2020-05-01' })).toEqual([storyId])
    expect((await search(ana, { q: 'backfill', from: '2021-01-02', to: '2021-01-01' })).statusCode).toBe(400)
  })

  it('bounds its work: ranks only the newest matches of a common word, and says so', async () => {
    const ids: number[] = []
    for (let i = 0; i < 5; i++) ids.push(await post(raj, 'operations', { kind: 'story', title: `Lemur note ${i}`, body: 'lemur' }))
    await post(sam, 'guild', { kind: 'story', title: 'Closed lemur', body: 'lemur' })
    const base = {
      terms: ['lemur'],
      communityIds: await communityIds(['open']),
      kinds: ['story' as const],
      now: new Date().toISOString(),
      limit: 10,
      offset: 0,
    }
    const exact = await searchPostIndex(t.app.db, t.app.dialect, base)
    expect({ total: exact.total, capped: exact.capped }).toEqual({ total: 5, capped: false })
    const windowed = await searchPostIndex(t.app.db, t.app.dialect, { ...base, window: 3 })
    expect(windowed.capped).toBe(true)
    expect(windowed.total).toBe(3)
    expect(windowed.hits.map((h) => h.id).sort()).toEqual(ids.slice(2).sort())
    // The closed community's post is the newest match, but the window counts only readable posts.
    expect(await searchPostIndex(t.app.db, t.app.dialect, { ...base, window: 6 })).toMatchObject({ total: 5, capped: false })
    // Filters on dates apply within the window.
    expect((await searchPostIndex(t.app.db, t.app.dialect, { ...base, window: 3, to: '2000-01-01' })).hits).toEqual([])
    expect((await found(ana, { q: 'lemur' })).capped).toBe(false)
  })

  it('finds the same on SQLite whichever plan it takes (filter communities in FTS5, or check each match)', async () => {
    const base = {
      communityIds: await communityIds(),
      kinds: ['question' as const, 'answer' as const, 'story' as const, 'practice' as const, 'lesson' as const],
      now: new Date().toISOString(),
      limit: 50,
      offset: 0,
    }
    for (const terms of [['backfill'], ['swordfish'], ['idempotent'], ['lemur'], ['backfill', 'partition']]) {
      for (const limits of [{}, { window: 2 }, { window: 2, tags: ['backfill'] }]) {
        const options = { ...base, ...limits, terms }
        const wide = await searchPostIndex(t.app.db, t.app.dialect, { ...options, narrow: false })
        const narrow = await searchPostIndex(t.app.db, t.app.dialect, { ...options, narrow: true })
        expect(narrow, `${terms.join(' ')} ${JSON.stringify(limits)}`).toEqual(wide)
      }
    }
  })

  it('keeps the index in step with posts through edits, deletions and erasures', async () => {
    // SQLite's FTS5 table is kept by triggers; PostgreSQL's tsvector is a generated column.
    const checkIndex = async () => {
      if (dialect === 'sqlite') await sql`insert into post_search(post_search, rank) values ('integrity-check', 1)`.execute(t.app.db)
    }
    const person = await buildPerson(t.app, { name: 'Temp' })
    const temp = await login(t.app, person.email)
    await temp.post('/api/communities/spare-a/join', {})
    const q = await post(temp, 'spare-a', { kind: 'question', title: 'Okapi question', body: 'okapi' })
    await raj.post(`/api/posts/${q}/answers`, { body: 'okapi answer' })
    await temp.patch(`/api/posts/${q}`, { title: 'Okapi question, edited', tags: ['okapi'] })
    await post(temp, 'spare-a', { kind: 'lesson', title: 'Okapi lesson', body: 'okapi', anonymous: true })
    expect((await found(ana, { q: 'okapi', author: person.id })).total).toBe(1)
    // The person is deleted (author set to null by the foreign key), then the whole community.
    await deletePersonRow(t.app, person.id)
    expect((await found(ana, { q: 'okapi', author: person.id })).total).toBe(0)
    expect((await found(ana, { q: 'okapi' })).total).toBe(2)
    await checkIndex()
    await deleteCommunityRow(t.app, 'spare-a')
    expect((await found(ana, { q: 'okapi' })).total).toBe(0)
    await checkIndex()
  })

  it('pages results and keeps the total', async () => {
    const first = await found(ana, { q: 'backfill', limit: '2' })
    const second = await found(ana, { q: 'backfill', limit: '2', offset: '2' })
    expect(first.items).toHaveLength(2)
    expect(second.total).toBe(first.total)
    expect(second.items.map((i) => i.post.id)).not.toContain(first.items[0]!.post.id)
    const beyond = await found(ana, { q: 'backfill', offset: '500' })
    expect(beyond).toEqual({ items: [], total: first.total, capped: false })
  })

  it('never fails on search syntax, quotes, operators or odd characters', async () => {
    const queries = [
      '"',
      '"backfill',
      'backfill"',
      'backfill*',
      '*',
      '-backfill',
      'NOT backfill',
      'backfill OR',
      'OR',
      'AND',
      'NEAR(backfill partition, 2)',
      '(backfill',
      ')',
      'title:backfill',
      '{title}: backfill',
      '^backfill',
      "'; drop table post; --",
      'back\\fill',
      '%_%',
      ':*',
      '!!!',
      'a & b | c',
      'x:*A',
      '🦄 backfill',
      '日本語の検索',
      'café',
      'ﬁle',
      '\u202ebackfill',
      'b'.repeat(200),
    ]
    for (const q of queries) {
      const res = await search(ana, { q })
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200)
      const sug = await ana.get(`/api/search/suggest?${new URLSearchParams({ q: q.slice(0, 100) }).toString()}`)
      expect(sug.statusCode, `suggest ${q}: ${sug.body}`).toBe(200)
    }
    // Operators are plain words: quotes, stars and minus signs do not change what is found.
    for (const q of ['"backfill', 'backfill*', '-backfill', '(backfill)'])
      expect((await found(ana, { q, community: 'data-engineering' })).items.map((i) => i.post.id)).toContain(questionId)
    expect((await found(ana, { q: 'the of and' })).total).toBe(0)
    expect((await search(ana, { q: '\u0000backfill' })).statusCode).toBe(400)
  })

  it('rejects bad parameters with 400 and anonymous callers with 401', async () => {
    for (const qs of [
      'q=',
      'q=x&limit=0',
      'q=x&limit=51',
      'q=x&offset=-1',
      'q=x&kind=comment',
      'q=x&from=2021-02-30',
      'q=x&to=yesterday',
      'q=x&community=Not%20A%20Slug',
      'q=x&extra=1',
      `q=${'x'.repeat(201)}`,
    ]) {
      expect((await ana.get(`/api/search?${qs}`)).statusCode, qs).toBe(400)
    }
    expect((await ana.get('/api/search/suggest?q=')).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/api/search?q=backfill' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/search/suggest?q=back' })).statusCode).toBe(401)
  })

  it('suggests titles by prefix as you type', async () => {
    expect((await suggest(ana, 'backf')).map((s) => s.id)).toContain(questionId)
    expect((await suggest(ana, 'how do we back')).map((s) => s.id)).toContain(questionId)
    expect((await suggest(ana, 'how do we partition saf')).map((s) => s.id)).toEqual([questionId])
    expect((await suggest(ana, 'partit')).map((s) => s.id)).toEqual([questionId])
    expect(await suggest(ana, 'idempot')).toEqual([]) // only in an answer's body, and answers have no title
    expect(await suggest(ana, 'zzzqqq')).toEqual([])
    expect(await suggest(ana, 'b')).toEqual([])
    const items = await suggest(ana, 'quok')
    expect(items.length).toBeGreaterThan(0)
    expect(items[0]).toMatchObject({ title: 'Quokka handling guide', kind: 'story', community: { slug: 'data-engineering' } })
  })

  it('hides deleted posts, answers of deleted questions, and comments', async () => {
    const q = await post(ana, 'data-engineering', { kind: 'question', title: 'Walrus question', body: 'About walruses.' })
    await raj.post(`/api/posts/${q}/answers`, { body: 'A narwhal answer.' })
    await raj.post(`/api/posts/${questionId}/comments`, { body: 'A pelican comment.' })
    expect((await found(ana, { q: 'narwhal' })).total).toBe(1)
    expect((await found(ana, { q: 'pelican' })).total).toBe(0)
    expect((await ana.delete(`/api/posts/${q}`)).statusCode).toBe(200)
    for (const word of ['walrus', 'narwhal']) expect(await found(ana, { q: word })).toEqual({ items: [], total: 0, capped: false })
    expect(await suggest(ana, 'walru')).toEqual([])
  })

  it('shows anonymous lessons without author, and never matches them by author', async () => {
    const id = await post(ana, 'data-engineering', {
      kind: 'lesson',
      title: 'Gorilla outage lesson',
      body: 'We learned about gorillas.',
      anonymous: true,
    })
    const res = await found(raj, { q: 'gorilla' })
    expect(res.items.map((i) => i.post.id)).toEqual([id])
    expect(res.items[0]!.post.author).toBeNull()
    expect(JSON.stringify(res)).not.toContain(ana.id)
    for (const viewer of [raj, ana])
      expect(await found(viewer, { q: 'gorilla', author: ana.id })).toEqual({ items: [], total: 0, capped: false })
  })

  describe('never leaks closed or secret content', () => {
    const secretWords = /swordfish|vault|guild/i

    it('shows outsiders nothing of it: results, totals, snippets, suggestions, filters', async () => {
      for (const viewer of [out, raj, admin]) {
        expect(await found(viewer, { q: 'swordfish' })).toEqual({ items: [], total: 0, capped: false })
        const common = await found(viewer, { q: 'backfill', limit: '50' })
        expect(common.items.map((i) => i.post.community.slug).every((s) => s === 'data-engineering' || s === 'operations')).toBe(true)
        expect(common.total).toBe(common.items.length)
        expect(JSON.stringify(common)).not.toMatch(secretWords)
        expect(await suggest(viewer, 'swordf')).toEqual([])
        expect(JSON.stringify(await suggest(viewer, 'backf'))).not.toMatch(secretWords)
        expect(JSON.stringify(await suggest(viewer, 'guild swo'))).not.toMatch(secretWords)
        const secret = await search(viewer, { q: 'swordfish', community: 'vault' })
        expect(secret.statusCode).toBe(404)
        expect(secret.body).not.toMatch(/swordfish/)
        const closed = await search(viewer, { q: 'swordfish', community: 'guild' })
        expect(closed.statusCode).toBe(403)
        expect(closed.body).not.toMatch(/swordfish/)
        expect(await found(viewer, { q: 'swordfish', author: sam.id })).toEqual({ items: [], total: 0, capped: false })
        expect(await found(viewer, { q: 'swordfish', tag: 'backfill', kind: 'question' })).toEqual({ items: [], total: 0, capped: false })
      }
    })

    it('shows members everything, and stops when they leave', async () => {
      const inside = await found(ana, { q: 'swordfish' })
      expect(inside.total).toBe(2)
      expect(inside.items.map((i) => i.post.community.slug).sort()).toEqual(['guild', 'vault'])
      expect(inside.items.every((i) => i.snippet.includes('<mark>swordfish</mark>'))).toBe(true)
      expect((await found(ana, { q: 'swordfish', community: 'vault' })).total).toBe(1)
      expect((await found(ana, { q: 'swordfish', author: sam.id })).total).toBe(2)
      expect((await suggest(ana, 'swordf')).map((s) => s.community.slug).sort()).toEqual(['guild', 'vault'])
      const openTotal = (await found(out, { q: 'backfill' })).total
      expect((await found(ana, { q: 'backfill' })).total).toBe(openTotal + 2)

      expect((await ana.post('/api/communities/vault/leave')).statusCode).toBe(200)
      const after = await found(ana, { q: 'swordfish' })
      expect(after.total).toBe(1)
      expect(after.items.map((i) => i.post.community.slug)).toEqual(['guild'])
      expect((await suggest(ana, 'swordf')).map((s) => s.community.slug)).toEqual(['guild'])
      expect((await search(ana, { q: 'swordfish', community: 'vault' })).statusCode).toBe(404)
      expect((await found(ana, { q: 'backfill' })).total).toBe(openTotal + 1)
    })
  })
})
