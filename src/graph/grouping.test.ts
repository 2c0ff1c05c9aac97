import { describe, expect, it } from 'vitest'
import { formGroups, groupingObjective, GROUPING_DEFAULTS } from './grouping.js'
import { seededRandom } from './match-candidates.js'
import { groupsFromLabels, groupViolations } from './match-check.js'
import { formPairs, randomPairs, tieGraph } from './pairing.js'

function population(n: number, seed: number) {
  const rng = seededRandom(seed)
  const dept = Int32Array.from({ length: n }, () => Math.floor(rng() * 6))
  const tenure = Int32Array.from({ length: n }, () => Math.floor(rng() * 4))
  // Each person's manager is an earlier person: a tree, with its pairs forbidden both ways.
  const forbidden: number[][] = Array.from({ length: n }, () => [])
  for (let p = 1; p < n; p++) {
    const m = Math.floor(rng() * p)
    forbidden[p]!.push(m)
    forbidden[m]!.push(p)
  }
  return { dept, tenure, forbidden }
}

describe('formGroups', () => {
  it.each([7, 23, 60, 301])('puts %i people in balanced circles of 4–6 with no forbidden pair, beating the seeding', (n) => {
    const input = population(n, n)
    const groupOf = formGroups(input)
    const groups = groupsFromLabels(groupOf)
    const sizes = groups.map((g) => g.length)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6)
    if (n >= 8) expect(Math.min(...sizes)).toBeGreaterThanOrEqual(4)
    expect(groupViolations(groups, input.forbidden)).toBe(0)
    const unimproved = formGroups(input, { maxSweeps: 0 })
    expect(groupingObjective(input, groupOf, GROUPING_DEFAULTS)).toBeGreaterThanOrEqual(
      groupingObjective(input, unimproved, GROUPING_DEFAULTS),
    )
  })
})

describe('formPairs', () => {
  it('pairs everyone once (a trio when odd), never a forbidden pair, and bridges communities more than random pairing', () => {
    const n = 201
    const { dept, forbidden } = population(n, 3)
    const community = Int32Array.from({ length: n }, (_, p) => p % 7)
    const rng = seededRandom(5)
    const edges: [number, number][] = []
    for (let p = 0; p < n; p++) for (let e = 0; e < 4; e++) edges.push([p, (p + 7 * (1 + Math.floor(rng() * 20))) % n])
    const input = { community, dept, ties: tieGraph(n, edges), forbidden }
    const pairs = formPairs(input)
    expect(pairs.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, p) => p))
    expect(pairs.filter((g) => g.length === 3)).toHaveLength(1)
    expect(groupViolations(pairs, forbidden)).toBe(0)
    const bridging = (gs: number[][]) => gs.filter((g) => community[g[0]!] !== community[g[1]!]).length / gs.length
    expect(bridging(pairs)).toBeGreaterThan(bridging(randomPairs(n, 1)))
    expect(bridging(pairs)).toBe(1)
  })
})
