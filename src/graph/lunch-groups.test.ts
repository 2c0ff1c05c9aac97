import { describe, expect, it } from 'vitest'
import { formLunchGroups, lunchGroupSizes, lunchGroupsValue } from './lunch-groups.js'
import { seededRandom } from './match-candidates.js'
import { groupViolations } from './match-check.js'
import { tieGraph } from './pairing.js'

/** n people in 3 communities of the tie graph (ties only inside a community), 4 departments, a manager tree. */
function population(n: number, seed: number) {
  const rng = seededRandom(seed)
  const community = Int32Array.from({ length: n }, (_, p) => p % 3)
  const dept = Int32Array.from({ length: n }, () => Math.floor(rng() * 4))
  const forbidden: number[][] = Array.from({ length: n }, () => [])
  for (let p = 1; p < n; p++) {
    const m = Math.floor(rng() * p)
    forbidden[p]!.push(m)
    forbidden[m]!.push(p)
  }
  const edges: [number, number][] = []
  for (let p = 0; p < n; p++) for (let e = 0; e < 3; e++) edges.push([p, (p + 3 * (1 + Math.floor(rng() * 10))) % n])
  return { community, dept, forbidden, ties: tieGraph(n, edges) }
}

/** The same people in consecutive groups of the same sizes, in a random order: the reference. */
function randomGroups(n: number, size: number, seed: number): number[][] {
  const rng = seededRandom(seed)
  const order = Array.from({ length: n }, (_, p) => p)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  let at = 0
  return lunchGroupSizes(n, size).map((s) => order.slice(at, (at += s)))
}

describe('lunchGroupSizes', () => {
  it.each([
    [9, 4, [5, 4]],
    [8, 4, [4, 4]],
    [7, 4, [4, 3]],
    [11, 4, [4, 4, 3]],
    [3, 6, [3]],
    [13, 6, [7, 6]],
    [17, 3, [4, 4, 3, 3, 3]],
  ])('%i people in groups of %i: %j', (n, size, sizes) => {
    expect(lunchGroupSizes(n, size)).toEqual(sizes)
  })
})

describe('formLunchGroups', () => {
  it.each([3, 4, 5, 6])('seats 203 people in groups of about %i, everyone once, no forbidden pair, bridging communities', (size) => {
    const n = 203
    const input = population(n, size)
    const groups = formLunchGroups(input, size, { seed: 7 })
    expect(groups.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, p) => p))
    const sizes = groups.map((g) => g.length)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    expect(sizes.every((s) => s === size || s === size + 1 || s === size - 1)).toBe(true)
    expect(groupViolations(groups, input.forbidden)).toBe(0)
    // Bridges are favoured: more groups span several communities than in a random seating, and the objective beats it.
    const spanning = (gs: number[][]) =>
      gs.filter((g) => new Set(g.map((p) => input.community[p])).size >= Math.min(3, g.length)).length / gs.length
    const reference = randomGroups(n, size, 1)
    expect(spanning(groups)).toBeGreaterThan(spanning(reference))
    expect(lunchGroupsValue(input, groups)).toBeGreaterThan(lunchGroupsValue(input, reference))
    // Seeded: the same input and seed give the same groups.
    expect(formLunchGroups(input, size, { seed: 7 })).toEqual(groups)
  })

  it('handles the small cases: nobody, one person, fewer people than a group', () => {
    const input = population(3, 1)
    expect(formLunchGroups({ ...input, dept: new Int32Array(0), community: new Int32Array(0) }, 4)).toEqual([])
    expect(formLunchGroups({ ...population(1, 1) }, 4)).toEqual([[0]])
    expect(formLunchGroups(input, 4).map((g) => g.length)).toEqual([3])
  })
})
