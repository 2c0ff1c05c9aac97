import { describe, expect, it } from 'vitest'
import { chooseCluster } from './leiden-refine.js'
import { seededRandom } from './random.js'

/** How often each candidate is chosen over `draws` draws with the given gains and θ. */
function counts(gains: number[], theta: number, draws: number, seed = 1): number[] {
  const random = seededRandom(seed)
  const candidates = Int32Array.from(gains.map((_, i) => i))
  const out = gains.map(() => 0)
  const max = Math.max(...gains)
  for (let i = 0; i < draws; i++) out[chooseCluster(candidates, Float64Array.from(gains), gains.length, max, theta, random)]!++
  return out
}

describe('refinement’s choice of a cluster', () => {
  it('draws in proportion to exp(gain / θ) while that is a finite double', () => {
    // Staying alone (gain 0) and two clusters whose gains differ by θ: weights 1, e^9, e^10 relative to e^0.
    const seen = counts([0, 0.09, 0.1], 0.01, 20_000)
    const expected = [1, Math.exp(9), Math.exp(10)].map((w, _, all) => w / all.reduce((a, b) => a + b, 0))
    expect(seen[0]).toBeLessThan(10)
    expect(seen[1]! / 20_000).toBeCloseTo(expected[1]!, 1)
    expect(seen[2]! / 20_000).toBeCloseTo(expected[2]!, 1)
  })

  it('takes the best cluster, for every seed, when exp(gain / θ) would overflow (as CWTS and igraph do)', () => {
    // Gains of tens of edge weight at θ = 0.01: e^(gain/θ) is not a finite double, so nothing is drawn.
    for (const seed of [1, 2, 3, 4, 5]) expect(counts([0, 19.99, 20, 19.995], 0.01, 200, seed)).toEqual([0, 0, 200, 0])
    // Just below the bound it still draws: the near-equal second best is taken sometimes.
    const below = counts([0, 7.08 - 0.01, 7.08], 0.01, 2_000)
    expect(below[1]).toBeGreaterThan(100)
  })

  it('takes the best without drawing when θ is 0, the last of equal best', () => {
    expect(counts([0, 3, 5, 5], 0, 10)).toEqual([0, 0, 0, 10])
  })
})
