import { describe, expect, it } from 'vitest'
import { blockedPermutation, randomPermutation, seededRandom } from './random.js'

describe('blockedPermutation', () => {
  it('is randomPermutation exactly when everything fits in one run', () => {
    const out = new Int32Array(100)
    blockedPermutation(out, 100, 128, seededRandom(5))
    expect(out).toEqual(randomPermutation(100, seededRandom(5)))
  })

  it('visits every number once, one run of consecutive numbers at a time, runs and their insides shuffled', () => {
    const n = 1000
    const out = new Int32Array(n)
    blockedPermutation(out, n, 64, seededRandom(9))
    expect([...out].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, v) => v))
    const runs: number[] = []
    for (let i = 0; i < n;) {
      const run = Math.floor(out[i]! / 64)
      const size = Math.min(n, (run + 1) * 64) - run * 64
      for (let j = i; j < i + size; j++) expect(Math.floor(out[j]! / 64)).toBe(run)
      expect(out.subarray(i, i + size)).not.toEqual(Int32Array.from({ length: size }, (_, j) => run * 64 + j))
      runs.push(run)
      i += size
    }
    expect(runs).toHaveLength(16)
    expect(runs).not.toEqual([...runs].sort((a, b) => a - b))
  })
})
