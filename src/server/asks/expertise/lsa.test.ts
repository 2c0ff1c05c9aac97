import { describe, expect, it } from 'vitest'
import { LsaIndex } from './lsa.js'

const TOPICS = [
  ['replica', 'standby', 'wal', 'lag', 'failover'],
  ['index', 'btree', 'scan', 'seek', 'fillfactor'],
  ['backup', 'restore', 'dump', 'archive', 'snapshot'],
]

/** Documents of three words each from one topic, so that most pairs of the same topic share no word. */
function build(settings = { dimensions: 3, window: 1000, minQuestions: 10 }): { lsa: LsaIndex; docs: Map<string, number>[] } {
  const docs: Map<string, number>[] = []
  const df = new Map<string, number>()
  const lsa = new LsaIndex(settings, (t) => df.get(t) ?? 0)
  for (let i = 0; i < 60; i++) {
    const words = TOPICS[i % 3]!
    const tf = new Map([0, 1, 2].map((k) => [words[(i + k * 2) % 5]!, 1]))
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)
    docs.push(tf)
    lsa.add(i, tf)
  }
  return { lsa, docs }
}

describe('LsaIndex', () => {
  it('finds questions on the same topic that share no word with the query', () => {
    const { lsa, docs } = build()
    const hits = lsa.search(new Map([['standby', 1]]), 20)
    expect(hits).toHaveLength(20)
    for (const h of hits) expect(h.doc % 3).toBe(0)
    expect(hits.some((h) => !docs[h.doc]!.has('standby'))).toBe(true)
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score)
  })

  it('is reproducible, knows nothing before its first fit, and ignores unknown words', () => {
    expect(build().lsa.search(new Map([['btree', 1]]), 5)).toEqual(build().lsa.search(new Map([['btree', 1]]), 5))
    const young = new LsaIndex({ dimensions: 3, window: 100, minQuestions: 10 }, () => 1)
    young.add(0, new Map([['wal', 1]]))
    expect(young.search(new Map([['wal', 1]]), 5)).toEqual([])
    expect(build().lsa.search(new Map([['cobol', 1]]), 5)).toEqual([])
  })

  it('searches only the latest window of questions', () => {
    const { lsa } = build({ dimensions: 3, window: 30, minQuestions: 10 })
    const hits = lsa.search(new Map([['scan', 1]]), 30)
    expect(hits.length).toBeGreaterThan(0)
    for (const h of hits) expect(h.doc).toBeGreaterThanOrEqual(30)
  })

  it('refits in the background: it ranks with the previous basis meanwhile, then as an index fitted at once', async () => {
    const settings = { dimensions: 3, window: 1000, minQuestions: 10 }
    const df = new Map<string, number>()
    const inline = new LsaIndex(settings, (t) => df.get(t) ?? 0)
    const background = new LsaIndex(settings, (t) => df.get(t) ?? 0, true)
    const docOf = (i: number) => {
      const words = TOPICS[i % 3]!
      return new Map([0, 1, 2].map((k) => [words[(i + k * 2) % 5]!, 1]))
    }
    const add = (i: number) => {
      const tf = docOf(i)
      for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)
      inline.add(i, tf)
      background.add(i, tf)
    }
    // The first fit (at 10 questions) runs in the background too: nothing is found until it is done.
    for (let i = 0; i < 10; i++) add(i)
    expect(background.search(new Map([['standby', 1]]), 5)).toEqual([])
    await background.settled()
    expect(background.fittedOn).toBe(10)
    for (let i = 10; i < 12; i++) add(i)
    // The 13th question makes a refit due (12.5 > 10 × 1.25): the call returns before it is done, and ranking
    // goes on with the basis fitted on 10, the new questions folded into it.
    add(12)
    expect(background.fittedOn).toBe(10)
    const during = background.search(new Map([['standby', 1]]), 20)
    expect(during.length).toBeGreaterThan(0)
    expect(during.map((h) => h.doc)).toContain(12)
    await background.settled()
    expect(background.fittedOn).toBe(13)
    expect(background.search(new Map([['standby', 1]]), 20)).toEqual(inline.search(new Map([['standby', 1]]), 20))
  })
})
