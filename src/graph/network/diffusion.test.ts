import { describe, expect, it } from 'vitest'
import { buildCsr } from './csr.js'
import { independentCascade } from './diffusion.js'

const path = (n: number, weight = 1) =>
  buildCsr({
    n,
    sources: Array.from({ length: n - 1 }, (_, i) => i),
    targets: Array.from({ length: n - 1 }, (_, i) => i + 1),
    weights: new Array(n - 1).fill(weight),
  })

describe('independentCascade', () => {
  it('spreads one hop a step when every tie passes it on, and not at all when none does', () => {
    const all = independentCascade(path(5), [0], { probability: 1, steps: 3, runs: 3 })
    expect(Array.from(all.curve)).toEqual([1, 2, 3, 4])
    expect(Array.from(all.adoption)).toEqual([1, 1, 1, 1, 0])
    const none = independentCascade(path(5), [0], { probability: 0 })
    expect(none.curve.every((c) => c === 1)).toBe(true)
  })

  it('matches the analytic probability on a path: (1 − (1 − p)^w)^hops', () => {
    const p = 0.3
    const w = 2
    const r = independentCascade(path(3, w), [0], { probability: p, steps: 5, runs: 20000, seed: 3 })
    const q = 1 - (1 - p) ** w
    expect(r.adoption[1]).toBeCloseTo(q, 1)
    expect(r.adoption[2]).toBeCloseTo(q * q, 1)
  })

  it('is reproducible for a seed', () => {
    const a = independentCascade(path(20), [0, 10], { probability: 0.5, seed: 9 })
    const b = independentCascade(path(20), [0, 10], { probability: 0.5, seed: 9 })
    expect(a.adoption).toEqual(b.adoption)
  })
})
