import { describe, expect, it } from 'vitest'
import { Bm25Index, COMMON_AFTER } from './bm25.js'

const bag = (...terms: string[]) => {
  const m = new Map<string, number>()
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1)
  return m
}

describe('Bm25Index', () => {
  it('scores a query as in the BM25 formula', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 })
    index.add(bag('mysql', 'index', 'index'))
    index.add(bag('postgres', 'vacuum'))
    index.add(bag('mysql', 'replication', 'lag', 'slave'))
    const [top] = index.search(bag('index'), 3)
    // One document of three has "index": idf = ln(1 + (3 - 1 + 0.5) / (1 + 0.5)).
    const idf = Math.log(1 + 2.5 / 1.5)
    const avg = (3 + 2 + 4) / 3
    const tf = 2
    const expected = (idf * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * 3) / avg))
    expect(top!.doc).toBe(0)
    expect(top!.score).toBeCloseTo(expected, 10)
    expect(index.idf('index')).toBeCloseTo(idf, 12)
  })

  it('ranks by score, breaks ties by the older document and honours k', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 })
    index.add(bag('a', 'b'))
    index.add(bag('a', 'b'))
    index.add(bag('c'))
    index.add(bag('a', 'a', 'b'))
    const hits = index.search(bag('a'), 2)
    expect(hits.map((h) => h.doc)).toEqual([3, 0])
    expect(index.search(bag('a'), 10).map((h) => h.doc)).toEqual([3, 0, 1])
    expect(index.search(bag('zzz'), 10)).toEqual([])
    expect(index.search(bag('a'), 0)).toEqual([])
  })

  it('gives the same results whether searched between additions or only at the end', () => {
    const docs = [bag('x', 'y'), bag('y', 'z', 'z'), bag('x'), bag('w', 'x', 'y', 'z')]
    const growing = new Bm25Index({ k1: 1.5, b: 0.5 })
    for (const d of docs) {
      growing.add(d)
      growing.search(bag('x', 'z'), 3)
    }
    const once = new Bm25Index({ k1: 1.5, b: 0.5 })
    for (const d of docs) once.add(d)
    expect(growing.search(bag('x', 'z'), 4)).toEqual(once.search(bag('x', 'z'), 4))
  })

  it('skips terms found in more than maxDf of the documents, once there are enough documents', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 })
    index.add(bag('common', 'rare'))
    for (let i = 1; i < COMMON_AFTER; i++) index.add(bag('common'))
    // Few documents: a word in all of them is still searched for.
    expect(index.search(bag('common'), 3, 0.5)).toHaveLength(3)
    for (let i = 0; i < COMMON_AFTER; i++) index.add(bag('common'))
    expect(index.search(bag('common'), 3, 0.5)).toEqual([])
    expect(index.search(bag('common', 'rare'), 3, 0.5).map((h) => h.doc)).toEqual([0])
  })

  it('grows past its initial capacity', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 })
    for (let i = 0; i < 1000; i++) index.add(bag('t', `u${i % 7}`))
    expect(index.size).toBe(1000)
    expect(index.documentFrequency('t')).toBe(1000)
    expect(index.search(bag('u3'), 1000)).toHaveLength(143)
  })

  it('searches only the most informative query terms when asked to', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 })
    index.add(bag('rare', 'x'))
    index.add(bag('common', 'y'))
    index.add(bag('common', 'z'))
    index.add(bag('w'))
    // "rare" (in 1 document) is more informative than "common" (in 2): with one term, only it counts.
    expect(index.search(bag('rare', 'common'), 4, 1, 1).map((h) => h.doc)).toEqual([0])
    expect(index.search(bag('rare', 'common'), 4, 1, 2).map((h) => h.doc)).toEqual([0, 1, 2])
  })
})
