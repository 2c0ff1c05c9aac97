import { describe, expect, it } from 'vitest'
import { DUPLICATE_DEFAULTS, DuplicateIndex, HAND_WEIGHTS, LEARNED_WEIGHTS, combineViews } from './duplicate-index.js'
import learned from './learned-weights.json' with { type: 'json' }
import { type SparseRows, truncatedSvd } from '../expertise/svd.js'

function sparse(dense: number[][]): SparseRows {
  const start = [0]
  const col: number[] = []
  const val: number[] = []
  for (const row of dense) {
    row.forEach((v, j) => {
      if (v !== 0) {
        col.push(j)
        val.push(v)
      }
    })
    start.push(col.length)
  }
  return {
    rows: dense.length,
    cols: dense[0]!.length,
    start: Int32Array.from(start),
    col: Int32Array.from(col),
    val: Float64Array.from(val),
  }
}

describe('truncated SVD (randomized, with power iterations)', () => {
  it('finds the singular values of a small matrix', () => {
    // Singular values of [[3,0,0],[0,2,0],[0,0,0],[0,0,1]] are 3, 2, 1.
    const basis = truncatedSvd(
      sparse([
        [3, 0, 0],
        [0, 2, 0],
        [0, 0, 0],
        [0, 0, 1],
      ]),
      { k: 2, oversample: 5, powerIterations: 2, seed: 1 },
    )
    expect(basis.singular[0]).toBeCloseTo(3, 6)
    expect(basis.singular[1]).toBeCloseTo(2, 6)
  })

  it('maps a rank-one matrix onto one direction', () => {
    const u = [1, 2, 0, 1]
    const v = [0.5, 0, 1, 2]
    const basis = truncatedSvd(sparse(u.map((a) => v.map((b) => a * b))), { k: 1, oversample: 3, powerIterations: 1, seed: 3 })
    const norm = (x: number[]) => Math.hypot(...x)
    expect(basis.singular[0]).toBeCloseTo(norm(u) * norm(v), 6)
  })
})

describe('duplicate index', () => {
  const filler = [
    ['Best stout for winter', 'Looking for a dark stout with coffee notes.', 'Try an imperial stout, it has roasted coffee notes.'],
    ['Lager serving temperature', 'How cold should a lager be?', 'Serve lager cold, around 4 degrees.'],
    ['Storing wine bottles', 'Should wine bottles lie down?', 'Yes, keep the cork wet by storing bottles on their side.'],
    ['Hops in IPA', 'Why is IPA so bitter?', 'The hops make an IPA bitter.'],
  ]

  function build(): DuplicateIndex {
    const index = new DuplicateIndex({ ...DUPLICATE_DEFAULTS, lsa: { ...DUPLICATE_DEFAULTS.lsa, k: 4 } })
    filler.forEach(([title, body, answer], i) => {
      index.addQuestion(`f${i}`, title!, body!)
      index.addAnswer(`f${i}`, answer!)
    })
    index.addQuestion('pee', 'Why do I pee out more beer than I drink?', 'Every time at the pub.')
    index.addAnswer('pee', 'Alcohol makes you dehydrated: it stops the hormone that keeps water in, so drink water too.')
    index.addAnswer('pee', 'Dehydration is why you feel thirsty the next morning.')
    return index
  }

  it('finds a question asked in other words through the words of its answers', () => {
    const index = build()
    expect(index.search('Why does beer dehydrate you?', 3)[0]?.id).toBe('pee')
  })

  it('finds questions added after the semantic view was built, and leaves out nothing it was asked for', () => {
    const index = build()
    expect(index.refresh()).toBe(true)
    expect(index.refresh()).toBe(false)
    index.addQuestion('late', 'Recarbonate a flat beer', 'Can a flat beer be carbonated again?')
    expect(index.search('carbonate flat beer again', 2)[0]?.id).toBe('late')
    expect(index.search('', 5)).toEqual([])
    expect(index.search('stout coffee', 10).map((r) => r.id)).toContain('f0')
  })

  it('reads the weights train:duplicates learned, uses the hand ones, and search ranks by them', () => {
    expect(LEARNED_WEIGHTS).toEqual({
      questionWeight: learned.questionWeight,
      answerWeight: learned.answerWeight,
      semanticWeight: learned.semanticWeight,
      answeredPrior: learned.answeredPrior,
    })
    expect(DUPLICATE_DEFAULTS).toMatchObject(HAND_WEIGHTS)
    const index = build()
    index.refresh()
    const query = 'Why does beer dehydrate you?'
    const expected = index
      .views(query)
      .flatMap((v) => {
        const score = combineViews(DUPLICATE_DEFAULTS, v)
        return score === null ? [] : [{ id: v.id, score }]
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
    expect(index.search(query, 3)).toEqual(expected)
  })

  it('lets no view with a weight of 0, nor the answered prior alone, bring a question in', () => {
    const v = { doc: 0, id: 'x', question: 0, answer: 0.8, semantic: 0, answered: Math.log(3) }
    expect(combineViews({ ...HAND_WEIGHTS, answerWeight: 0 }, v)).toBeNull()
    expect(combineViews(HAND_WEIGHTS, v)).toBeCloseTo(0.8 + 0.1 * Math.log(3))
  })
})
