import { describe, expect, it } from 'vitest'
import { plantedPartition } from '../../../bench/lib/planted-partition.js'
import { meanPairwiseNmi, normalizedMutualInformation } from './compare.js'
import { buildCsr } from './csr.js'
import { parseEdgeList, parseLabels } from './edge-list.js'
import { chooseResolution } from './resolution.js'

describe('normalizedMutualInformation', () => {
  it('is 1 for the same partition under other labels, and matches a hand computation', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1], [5, 5, 2, 2])).toBe(1)
    // X = {0,0,1,1}, Y = {0,0,0,1}: I = H(Y) − H(Y|X) with H(Y|X) = ½ ln 2.
    const hx = Math.log(2)
    const hy = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))
    const mi = hy - 0.5 * Math.log(2)
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 0, 0, 1])).toBeCloseTo((2 * mi) / (hx + hy), 12)
    expect(
      meanPairwiseNmi([
        [0, 1],
        [1, 0],
        [0, 0],
      ]),
    ).toBeCloseTo(1 / 3, 12)
  })
})

describe('parseEdgeList', () => {
  it('reads tabs and spaces, CRLF and \\r\\r\\n, comments and weights; simple mode drops loops and repeats', () => {
    const text = '# comment\r\na b 2\r\r\nb\tc\r\n\r\nc a 0.5\nb a 3\na a 1\n'
    const weighted = parseEdgeList(text)
    expect(weighted.names).toEqual(['a', 'b', 'c'])
    expect(weighted.graph.totalWeight).toBe(2 + 1 + 0.5 + 3 + 1)
    expect(weighted.graph.selfLoops[0]).toBe(1)
    const simple = parseEdgeList(text, { simple: true })
    expect(simple.graph.totalWeight).toBe(3)
    expect(Array.from(parseLabels('a 1\r\nc x\n', simple.index))).toEqual([0, -1, 1])
    expect(() => parseEdgeList('a\n')).toThrow(SyntaxError)
    expect(() => parseEdgeList('a b heavy\n')).toThrow(SyntaxError)
  })

  it('buildCsr rejects nodes out of range and ignores non-positive weights', () => {
    expect(() => buildCsr({ n: 2, sources: [0], targets: [2] })).toThrow(RangeError)
    expect(buildCsr({ n: 2, sources: [0, 0], targets: [1, 1], weights: [0, -1] }).totalWeight).toBe(0)
  })
})

describe('chooseResolution', () => {
  it('prefers a resolution at which seeds agree, on a graph with planted groups', () => {
    const g = plantedPartition(600, 6000, 12, 0.9, 2)
    const graph = buildCsr({ n: g.n, sources: g.sources, targets: g.targets })
    const choice = chooseResolution(graph, { candidates: [0.05, 1, 40], seeds: 3 })
    expect(choice.resolution).toBe(1)
    expect(choice.stability).toHaveLength(3)
    expect(normalizedMutualInformation(choice.membership, g.truth)).toBeGreaterThan(0.95)
  })

  it('counts candidates within the tolerance as equally stable and takes the one closest to 1, in any order', () => {
    // Noisy groups, so that 0.8 is less stable than the trivial partitions at 0.05 and 40.
    const g = plantedPartition(200, 800, 4, 0.5, 3)
    const graph = buildCsr({ n: g.n, sources: g.sources, targets: g.targets })
    const strict = chooseResolution(graph, { candidates: [0.05, 40, 0.8], seeds: 3, tolerance: 0 })
    expect(strict.resolution).not.toBe(0.8)
    expect(chooseResolution(graph, { candidates: [0.05, 40, 1.5, 0.8], seeds: 3, tolerance: 1 }).resolution).toBe(0.8)
    expect(chooseResolution(graph, { candidates: [1.5, 0.8, 40, 0.05], seeds: 3, tolerance: 1 }).resolution).toBe(0.8)
  })

  it('breaks a tie between candidates equally close to 1 by a fixed rule, not by their order', () => {
    const g = plantedPartition(200, 800, 4, 0.5, 3)
    const graph = buildCsr({ n: g.n, sources: g.sources, targets: g.targets })
    const one = chooseResolution(graph, { candidates: [0.75, 1.25], seeds: 3, tolerance: 1 })
    const other = chooseResolution(graph, { candidates: [1.25, 0.75], seeds: 3, tolerance: 1 })
    expect(other.resolution).toBe(one.resolution)
    // The more stable of the two wins.
    const [a, b] = one.stability
    expect(one.resolution).toBe(a!.stability >= b!.stability ? a!.resolution : b!.resolution)
  })
})
