import { describe, expect, it } from 'vitest'
import { type BoostOptions, type BoostQuery, fitBoosted, mrrOf, seededRandom, treeValue } from './boost-fit.js'
import { compileTrees, scoreTrees } from '../../src/server/asks/expertise/trees.js'
import { FEATURE_COUNT, FEATURES } from '../../src/server/asks/expertise/features.js'

const WIDTH = 3
/**
 * Questions whose relevant person is the one with a middling first feature and a high second one: a
 * non-monotone rule that no linear score can express (the starting score is 0 for everyone).
 */
function synthetic(count: number, seed: number): BoostQuery[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => {
    const rows = 20
    const values = new Float32Array(rows * WIDTH)
    for (let i = 0; i < values.length; i++) values[i] = random()
    const relevant = Math.floor(random() * rows)
    values[relevant * WIDTH] = 0.4 + 0.2 * random()
    values[relevant * WIDTH + 1] = 0.8 + 0.2 * random()
    return { values, margin: new Float64Array(rows), relevant: [relevant] }
  })
}

const OPTIONS: BoostOptions = {
  width: WIDTH,
  trees: 40,
  depth: 3,
  shrinkage: 0.3,
  lambda: 1,
  minHessian: 0.5,
  bins: 32,
  subsample: 0.8,
  seed: 7,
}
const zeroScores = (qs: BoostQuery[]) => qs.map((q) => new Float64Array(q.margin.length))

describe('boosted routing trees', () => {
  it('lowers the training loss tree after tree and ranks unseen questions better than chance', () => {
    const train = synthetic(150, 1)
    const heldOut = synthetic(100, 2)
    const result = fitBoosted(train, OPTIONS)
    expect(result.trees).toHaveLength(40)
    expect(result.losses.at(-1)!).toBeLessThan(result.losses[0]! * 0.7)
    for (let k = 5; k < result.losses.length; k += 5) expect(result.losses[k]!).toBeLessThan(result.losses[k - 5]!)
    const scores = heldOut.map((q) => {
      const s = new Float64Array(q.margin.length)
      for (const t of result.trees) for (let r = 0; r < s.length; r++) s[r] = s[r]! + treeValue(t, q.values, r * WIDTH)
      return s
    })
    expect(mrrOf(heldOut, zeroScores(heldOut))).toBeLessThan(0.2)
    expect(mrrOf(heldOut, scores)).toBeGreaterThan(0.6)
  })

  it('is deterministic for a seed, and another seed draws other questions', () => {
    const train = synthetic(80, 3)
    const a = fitBoosted(train, { ...OPTIONS, trees: 10 })
    const b = fitBoosted(train, { ...OPTIONS, trees: 10 })
    const c = fitBoosted(train, { ...OPTIONS, trees: 10, seed: 8 })
    expect(JSON.stringify(a.trees)).toBe(JSON.stringify(b.trees))
    expect(JSON.stringify(a.trees)).not.toBe(JSON.stringify(c.trees))
  })

  it('stops at the tree count with the best validation MRR', () => {
    const seen: number[] = []
    const result = fitBoosted(synthetic(100, 4), {
      ...OPTIONS,
      trees: 60,
      validation: synthetic(60, 5),
      patience: 10,
      onTree: (_k, _loss, mrr) => seen.push(mrr),
    })
    const best = Math.max(...seen)
    expect(result.bestMrr).toBe(best)
    expect(result.trees).toHaveLength(seen.indexOf(best) + 1)
    expect(seen.length).toBeLessThanOrEqual(Math.min(60, result.trees.length + 10))
  })

  it('scores the same once shipped: the compiled trees give what the fit computed', () => {
    const train = synthetic(60, 6)
    const { trees } = fitBoosted(train, { ...OPTIONS, trees: 8 })
    const names = ['sim_max', 'tag_count', 'activity_short']
    const compiled = compileTrees({ features: names, trees })
    for (const q of train.slice(0, 10))
      for (let r = 0; r < q.values.length / WIDTH; r++) {
        const row = new Float64Array(FEATURE_COUNT)
        names.forEach((n, j) => (row[FEATURES.indexOf(n as (typeof FEATURES)[number])] = q.values[r * WIDTH + j]!))
        const expected = trees.reduce((s, t) => s + treeValue(t, q.values, r * WIDTH), 0)
        expect(scoreTrees(compiled, row)).toBeCloseTo(expected, 12)
      }
  })
})
