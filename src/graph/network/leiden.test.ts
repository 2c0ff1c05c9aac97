import { describe, expect, it } from 'vitest'
import {
  CLASSIC_GRAPHS,
  classicGraphPath,
  communitiesAreConnected,
  loadClassicGraph,
  runPythonOracle,
} from '../../../test/helpers/graphs.js'
import { normalizedMutualInformation } from './compare.js'
import { buildCsr, type CsrGraph } from './csr.js'
import { leiden } from './leiden.js'
import { cpmQuality, modularity } from './quality.js'

/** Best modularity over seeds 1..10 (Leiden is randomised; the classic optimum is reached within a few seeds). */
const bestOfSeeds = (graph: CsrGraph, options = {}) => {
  let best = leiden(graph, { ...options, seed: 1 })
  for (let seed = 2; seed <= 10; seed++) {
    const r = leiden(graph, { ...options, seed })
    if (r.quality > best.quality) best = r
  }
  return best
}

// Best known modularities (Brandes et al. 2008; Aloise et al. 2010, exact by column generation).
const BEST_MODULARITY = { karate: 0.4198, football: 0.6046, polbooks: 0.5272, dolphins: 0.5285 }

describe('leiden on the classic networks', () => {
  it.each(CLASSIC_GRAPHS)('%s: reaches the best known modularity, with connected communities', (name) => {
    const { graph } = loadClassicGraph(name)
    const best = bestOfSeeds(graph)
    expect(best.quality).toBeCloseTo(BEST_MODULARITY[name], 4)
    expect(best.quality).toBeCloseTo(modularity(graph, best.membership), 12)
    for (let seed = 1; seed <= 10; seed++) {
      const r = leiden(graph, { seed })
      expect(communitiesAreConnected(graph, r.membership)).toBe(true)
      expect(r.quality).toBeGreaterThan(BEST_MODULARITY[name] - 0.01)
    }
  })

  it('recovers the football conferences (NMI above 0.85) and is reproducible per seed', () => {
    const { graph, labels } = loadClassicGraph('football')
    const truth = labels.map(Number)
    const r = leiden(graph, { seed: 3 })
    expect(normalizedMutualInformation(r.membership, truth)).toBeGreaterThan(0.85)
    expect(leiden(graph, { seed: 3 }).membership).toEqual(r.membership)
  })

  it('matches leidenalg on CPM quality for karate at three resolutions', () => {
    const committed = { '0.05': 108.8, '0.1': 86.2, '0.2': 61.2 }
    const oracle = runPythonOracle<Record<string, number>>(
      `import igraph as ig, leidenalg as la, json, sys
g = ig.Graph.Read_GML(sys.argv[1])
print(json.dumps({str(r): max(la.find_partition(g, la.CPMVertexPartition, resolution_parameter=r, seed=s,
  n_iterations=-1).quality() for s in range(5)) for r in (0.05, 0.1, 0.2)}))`,
      [classicGraphPath('karate')],
    )
    const expected = oracle ?? committed
    const { graph } = loadClassicGraph('karate')
    for (const [resolution, value] of Object.entries(expected)) {
      const best = bestOfSeeds(graph, { quality: 'cpm', resolution: Number(resolution) })
      expect(best.quality).toBeCloseTo(cpmQuality(graph, best.membership, Number(resolution)), 9)
      // leidenalg reports twice Σ_c [e_c − γ·C(n_c, 2)] on undirected graphs.
      expect(best.quality).toBeGreaterThanOrEqual(value / 2 - 1e-9)
    }
  })
})

describe('leiden on small graphs', () => {
  // Two 5-cliques joined by one edge, plus an isolated node.
  const cliques = () => {
    const s: number[] = []
    const t: number[] = []
    for (const base of [0, 5])
      for (let i = 0; i < 5; i++)
        for (let j = i + 1; j < 5; j++) {
          s.push(base + i)
          t.push(base + j)
        }
    s.push(4)
    t.push(5)
    return buildCsr({ n: 11, sources: s, targets: t })
  }

  it('splits two joined cliques and leaves an isolated node alone', () => {
    const r = leiden(cliques())
    expect(r.communities).toBe(3)
    expect(new Set(Array.from(r.membership.subarray(0, 5))).size).toBe(1)
    expect(new Set(Array.from(r.membership.subarray(5, 10))).size).toBe(1)
    expect(r.membership[0]).not.toBe(r.membership[5])
  })

  it('CPM: resolution 0 gives the connected components, a resolution above every weight gives singletons', () => {
    expect(leiden(cliques(), { quality: 'cpm', resolution: 0 }).communities).toBe(2)
    expect(leiden(cliques(), { quality: 'cpm', resolution: 1.5 }).communities).toBe(11)
  })

  it('keeps fixed nodes in their initial communities and reruns incrementally from the last partition', () => {
    const graph = cliques()
    const initial = [7, 7, 7, 7, 7, 9, 9, 9, 9, 9, 3]
    // Node 4 is forced into the other clique's community; node 10 keeps label 3.
    initial[4] = 9
    const fixed = initial.map((_, v) => v === 4 || v === 5 || v === 10)
    const r = leiden(graph, { initial, fixed })
    expect(r.membership[4]).toBe(9)
    expect(r.membership[5]).toBe(9)
    expect(r.membership[10]).toBe(3)
    expect(r.membership[0]).toBe(r.membership[1])
    expect(r.membership[0]).not.toBe(9)
    expect(r.membership[0]).not.toBe(3)
    // A rerun from the last partition, with the same nodes fixed, is stable; freed, node 4 goes home.
    const again = leiden(graph, { initial: r.membership, fixed, iterations: 1 })
    expect(again.membership).toEqual(r.membership)
    const freed = leiden(graph, { initial: r.membership })
    expect(freed.membership[4]).toBe(freed.membership[0])
  })

  it('rejects fixed nodes without an initial label, and handles graphs without edges', () => {
    expect(() => leiden(cliques(), { fixed: new Array(11).fill(true) })).toThrow(RangeError)
    expect(leiden(buildCsr({ n: 3, sources: [], targets: [] })).communities).toBe(3)
    expect(leiden(buildCsr({ n: 0, sources: [], targets: [] })).communities).toBe(0)
  })

  it('uses edge weights: a heavy tie outweighs many light ones', () => {
    // A square 0-1-2-3 whose 0-1 and 2-3 sides are heavy.
    const graph = buildCsr({ n: 4, sources: [0, 1, 2, 3], targets: [1, 2, 3, 0], weights: [10, 1, 10, 1] })
    const r = leiden(graph)
    expect(r.membership[0]).toBe(r.membership[1])
    expect(r.membership[2]).toBe(r.membership[3])
    expect(r.membership[0]).not.toBe(r.membership[2])
  })
})
