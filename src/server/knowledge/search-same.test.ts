import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { sqliteSearchBefore } from '../../../test/helpers/search-before.js'
import type { PostKind } from '../../shared/knowledge.js'
import type { SearchResult, SearchResults } from '../../shared/search.js'
import { getCommunityRefs } from '../communities/lookup.js'
import { getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import { buildPostRow } from './post-row.js'
import { searchPosts, toSearchPost } from './search.js'
import { searchPostIndex, SEARCHABLE, type PostSearchOptions } from './search-store.js'
import { snippetToHtml } from './search-terms.js'
import { findPostsByIds, insertPost, insertTags } from './store.js'

// Issue 15 made SQLite's search cheaper; its results must not change by a byte. On a generated corpus (common
// and rare words, repeated title words, answers under deleted questions, anonymous posts, a word with a "0",
// accented words, terms spelled like the index's scope tokens) every combination of options below must give
// the same page, counts and snippets as the search before the change (test/helpers/search-before.ts).
// PostgreSQL's full-text query did not change; on both dialects searchPosts (which now reads only the columns a
// result shows) must answer as it did with whole rows (searchPostsBefore, its code before the change).

const WORDS = ['cost', 'budget', 'cloud', 'review', 'latency', 'rollout', 'café', 'naïve', 'v2', 'abc0', 'rare']
// A deterministic generator, so a failure can be replayed.
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
}

/** searchPosts as it was before issue 15 (whole post rows), for the viewer's readable communities given. */
async function searchPostsBefore(db: Db, dialect: DialectAdapter, q: string, readable: string[], now: string): Promise<SearchResults> {
  const { hits, total, capped } = await searchPostIndex(db, dialect, {
    terms: q.split(' '),
    communityIds: readable,
    kinds: [...SEARCHABLE],
    now,
    limit: 20,
    offset: 0,
  })
  const rows = new Map((await findPostsByIds(db, [...new Set(hits.flatMap((h) => [h.id, h.rootId]))])).map((r) => [r.id, r]))
  const roots = hits.map((h) => rows.get(h.rootId)).filter((r) => r !== undefined)
  const communities = await getCommunityRefs(
    db,
    roots.map((r) => r.community_id),
  )
  const people = await getPersonSummaries(
    db,
    roots.filter((r) => r.anonymous === 0).map((r) => r.author_id),
  )
  const items: SearchResult[] = []
  for (const hit of hits) {
    const root = rows.get(hit.rootId)
    const matched = rows.get(hit.id)
    const community = root && communities.get(root.community_id)
    if (!root || !matched || !community || root.status !== 'active' || matched.status !== 'active') continue
    items.push({
      post: toSearchPost(root, community, people),
      match: { id: matched.id, kind: matched.kind },
      snippet: snippetToHtml(hit.snippet),
      score: hit.score,
    })
  }
  return { items, total, capped }
}

describe.each(DIALECTS)('%s: search returns what it returned before issue 15', (dialect) => {
  let t: TestApp
  const communities: string[] = []
  const people: string[] = []

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const owner = await loggedInPerson(t.app, { name: 'Owner' })
    people.push(owner.id, (await loggedInPerson(t.app, { name: 'Bo' })).id, (await loggedInPerson(t.app, { name: 'Cy' })).id)
    for (let i = 0; i < 10; i++) {
      const res = await owner.post('/api/communities', { name: `Place ${i}`, purpose: 'p', visibility: i === 9 ? 'closed' : 'open' })
      expect(res.statusCode, res.body).toBe(201)
      communities.push(res.json().id)
    }
    const next = random(15)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
    // Common words often, "rare" seldom: the window of 40 below is full for some queries and not for others.
    const word = () => (next() < 0.04 ? 'rare' : pick(WORDS.slice(0, 10)))
    const text = (n: number) => Array.from({ length: n }, word).join(' ')
    const questions: number[] = []
    const start = Date.parse('2024-01-01T00:00:00.000Z')
    for (let i = 0; i < 400; i++) {
      const at = new Date(start + Math.floor(next() * 700) * 86_400_000 + i * 1000).toISOString()
      const answer = questions.length > 0 && next() < 0.35
      const rootId = answer ? pick(questions) : null
      const kind: PostKind = answer ? 'answer' : pick(['question', 'question', 'story', 'practice', 'lesson'] as const)
      const tags = answer ? [] : [word(), word()].filter((w, j, all) => all.indexOf(w) === j && /^[a-z0-9-]+$/.test(w))
      const id = await insertPost(
        t.app.db,
        buildPostRow({
          communityId: pick(communities),
          kind,
          authorId: pick(people),
          anonymous: next() < 0.1,
          // Some titles say a word twice: highlight() then marks it twice.
          title: answer ? '' : next() < 0.2 ? `${word()} ${word()} ${word()} cost cost` : text(3),
          body: `${text(12)}. ${text(20)}; ${text(8)}`,
          tags,
          at,
          rootId,
          parentId: rootId,
        }),
      )
      await insertTags(t.app.db, id, tags)
      if (kind === 'question') questions.push(id)
    }
    // Titles with no word to mark (punctuation only) and with words in accented or non-ASCII letters: the
    // search skips highlight() only where it would mark nothing.
    for (const [title, tags] of [
      ['?! -- [] {}', []],
      ['¿Café? — naïve', ['café']],
      ['\tcost\t', []],
      ['', ['cost']],
    ] as const) {
      const id = await insertPost(
        t.app.db,
        buildPostRow({
          communityId: communities[0]!,
          kind: 'story',
          authorId: people[0]!,
          title,
          body: `cost budget cloud review latency ${text(6)}`,
          tags: [...tags],
          at: new Date(start + 800 * 86_400_000).toISOString(),
        }),
      )
      await insertTags(t.app.db, id, [...tags])
    }
    // Deleted questions hide their answers, which stay in the index.
    for (const id of questions.slice(0, 12)) await t.app.db.updateTable('post').set({ status: 'deleted' }).where('id', '=', id).execute()
  })
  afterAll(async () => t.close())

  const hex = (id: string) => Buffer.from(id, 'utf8').toString('hex')
  const TERMS = () => [
    ['cost'],
    ['cost', 'budget'],
    ['cloud', 'review', 'latency'],
    // Three required words and more: snippets seek each id once the window is large (window 500 below).
    ['cost', 'budget', 'cloud', 'review'],
    ['rare'],
    // One rare word with common ones: SQLite enumerates the rare word's few matches instead of walking.
    ['rare', 'cost'],
    ['cost', 'budget', 'rare'],
    ['café'],
    ['naive'],
    ['v2'],
    ['abc0'],
    ['nothing'],
    // Words spelled like scope tokens: without the column filter they would match the scope column.
    ['kquestion0'],
    [`c${hex(communities[0]!)}0`],
    ['cost', 'kanswer0'],
  ]
  const optionSets = (): Partial<PostSearchOptions>[] => [
    {},
    { anyTerm: true },
    { narrow: true },
    { communityIds: communities.slice(0, 3) },
    { communityIds: [communities[0]!] },
    { kinds: ['question', 'answer'] },
    { kinds: ['story'] },
    { authorId: people[1] },
    { tags: ['cost'] },
    { from: '2024-06-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' },
    { offset: 5 },
    { offset: 1000 },
    { window: 500 },
  ]

  it('gives the same pages, counts and snippets for every query and option', async () => {
    let compared = 0
    let nonEmpty = 0
    for (const terms of TERMS())
      for (const extra of optionSets()) {
        const o: PostSearchOptions = {
          terms,
          communityIds: communities,
          kinds: ['question', 'answer', 'story', 'practice', 'lesson'],
          now: '2026-01-01T00:00:00.000Z',
          limit: 10,
          offset: 0,
          window: 40,
          ...extra,
        }
        const now = await searchPostIndex(t.app.db, t.app.dialect, o)
        // Counting alone (the spelling correction's check) gives the ranked search's counts.
        const counted = await searchPostIndex(t.app.db, t.app.dialect, { ...o, countOnly: true })
        expect(counted, JSON.stringify({ terms, extra, countOnly: true })).toEqual({ hits: [], total: now.total, capped: now.capped })
        if (dialect === 'sqlite') {
          // The same query through the search before the change: searchPostIndex's options, without its mapping.
          const before = await searchPostIndex(
            t.app.db,
            { ...t.app.dialect, searchIndex: (db, index, q) => sqliteSearchBefore(db, index, q) },
            o,
          )
          expect(now, JSON.stringify({ terms, extra })).toEqual(before)
        }
        compared++
        if (now.hits.length > 0) nonEmpty++
      }
    expect(compared).toBe(TERMS().length * optionSets().length)
    // The matrix is not vacuous: most queries find something, and the scope-token words find nothing.
    expect(nonEmpty).toBeGreaterThan(compared / 2)
    const scopeWord = await searchPostIndex(t.app.db, t.app.dialect, {
      terms: ['kquestion0'],
      communityIds: communities,
      kinds: ['question'],
      now: '2026-01-01T00:00:00.000Z',
      limit: 10,
      offset: 0,
    })
    expect(scopeWord.total).toBe(0)
  })

  it('gives the same page with either window plan, whichever one the word counts choose', async () => {
    // Documents with "rare" (no other word contains it): a window of that size holds every match of a query
    // with "rare", so SQLite enumerates them; one less and it walks newest first, as it does for "cost".
    const rare = Number(
      (
        await sql<{ n: number }>`select count(*) as n from post where status = 'active' and kind <> 'comment'
          and (title like '%rare%' or tags like '%rare%' or body like '%rare%')`.execute(t.app.db)
      ).rows[0]?.n,
    )
    expect(rare).toBeGreaterThan(40)
    let nonEmpty = 0
    for (const terms of [['rare'], ['rare', 'cost'], ['cost', 'rare', 'budget'], ['cost'], ['cost', 'budget'], ['nothing', 'cost']])
      for (const extra of [
        { window: rare },
        { window: rare - 1 },
        { window: 5 },
        { communityIds: [communities[0]!], window: 40 },
        { tags: ['cost'], window: rare },
        { offset: 3, limit: 4, window: rare },
      ]) {
        const o: PostSearchOptions = {
          terms,
          communityIds: communities,
          kinds: [...SEARCHABLE],
          now: '2026-01-01T00:00:00.000Z',
          limit: 10,
          offset: 0,
          ...extra,
        }
        const chosen = await searchPostIndex(t.app.db, t.app.dialect, o)
        const label = JSON.stringify({ terms, extra })
        expect(await searchPostIndex(t.app.db, t.app.dialect, { ...o, enumerate: true }), label).toEqual(chosen)
        expect(await searchPostIndex(t.app.db, t.app.dialect, { ...o, enumerate: false }), label).toEqual(chosen)
        for (const enumerate of [true, false])
          expect(await searchPostIndex(t.app.db, t.app.dialect, { ...o, enumerate, countOnly: true }), label).toEqual({
            hits: [],
            total: chosen.total,
            capped: chosen.capped,
          })
        if (chosen.hits.length > 1) nonEmpty++
      }
    expect(nonEmpty).toBeGreaterThan(20)
  })

  it('answers a search as it did with whole post rows', async () => {
    const viewer: Viewer = { id: people[0]!, name: 'Owner', email: 'o@example.com', isAdmin: false, isManager: false, csrfToken: '' }
    const before: DialectAdapter =
      dialect === 'sqlite' ? { ...t.app.dialect, searchIndex: (db, index, q) => sqliteSearchBefore(db, index, q) } : t.app.dialect
    // searchPosts reads the clock for the recency boost: both calls see the same time.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-01-01T00:00:00.000Z') })
    try {
      for (const q of ['cost', 'cost budget', 'rare', 'café', 'review latency']) {
        const now = await searchPosts(t.app.db, t.app.dialect, viewer, { q }, { readable: communities })
        const old = await searchPostsBefore(t.app.db, before, q, communities, '2026-01-01T00:00:00.000Z')
        expect(now.items.length, q).toBeGreaterThan(0)
        expect(now, q).toEqual(old)
      }
    } finally {
      vi.useRealTimers()
    }
  })
})
