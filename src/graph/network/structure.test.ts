import { describe, expect, it } from 'vitest'
import { classicGraphPath, loadClassicGraph, runPythonOracle } from '../../../test/helpers/graphs.js'
import { approximateBetweenness } from './betweenness.js'
import { buildCsr } from './csr.js'
import { burtConstraint, coreness, participationCoefficient } from './structure.js'

interface KarateOracle {
  core: number[]
  constraint: number[]
  betweenness: number[]
}

// networkx 3 on test/fixtures/graphs/karate.gml, committed for machines without the oracle.
const COMMITTED: KarateOracle = {
  core: [4, 4, 4, 4, 3, 3, 3, 4, 4, 3, 1, 2, 4, 2, 3, 2, 3, 4, 2, 3, 3, 4, 2, 4, 2, 2, 2, 2, 2, 3, 3, 3, 3, 2],
  constraint: [
    0.1554232976, 0.279535108, 0.1851766397, 0.3966596472, 0.5294174383, 0.477484809, 0.477484809, 0.4427115885, 0.3036007137, 0.5294174383,
    1.0, 0.6225043403, 0.3233354167, 0.5908685378, 0.3737193501, 0.5908685378, 0.2445754037, 0.3460064639, 0.5, 0.2850692042, 0.3869131531,
    0.2492233623, 0.78125, 0.1564186851, 0.5736795944, 0.5736795944, 0.5736795944, 0.5736795944, 0.5736795944, 0.3058237216, 0.4598765432,
    0.4494090013, 0.4598765432, 0.6709018166,
  ],
  betweenness: [
    231.0714285714, 28.4785714286, 75.8507936508, 6.2880952381, 0.3333333333, 15.8333333333, 15.8333333333, 0.0, 29.5293650794,
    0.3333333333, 0.0, 0.0, 24.2158730159, 0.0, 17.1468253968, 0.0, 73.0095238095, 7.6095238095, 0.4476190476, 11.7920634921, 0.9476190476,
    76.6904761905, 0.0, 160.5515873016, 0.0, 0.0, 0.0, 0.0, 0.0, 9.3, 2.0277777778, 1.5428571429, 1.1666666667, 0.0,
  ],
}

const oracle =
  runPythonOracle<KarateOracle>(
    `import networkx as nx, json, sys
g = nx.read_gml(sys.argv[1], label='id')
n = g.number_of_nodes()
core = nx.core_number(g); con = nx.constraint(g); bet = nx.betweenness_centrality(g, normalized=False)
print(json.dumps({'core': [core[i] for i in range(n)], 'constraint': [con[i] for i in range(n)],
  'betweenness': [bet[i] for i in range(n)]}))`,
    [classicGraphPath('karate')],
  ) ?? COMMITTED

describe('network positions on karate, against networkx', () => {
  const { graph } = loadClassicGraph('karate')

  it('coreness equals core_number', () => {
    expect(Array.from(coreness(graph))).toEqual(oracle.core)
  })

  it("Burt's constraint equals constraint", () => {
    const ours = burtConstraint(graph)
    oracle.constraint.forEach((c, v) => expect(ours[v]).toBeCloseTo(c, 8))
  })

  it('betweenness from every source equals the exact Brandes value', () => {
    const ours = approximateBetweenness(graph, { samples: graph.n })
    oracle.betweenness.forEach((b, v) => expect(ours[v]).toBeCloseTo(b, 8))
  })

  it('betweenness from a sample ranks the same top brokers', () => {
    const ours = approximateBetweenness(graph, { samples: 20, seed: 7 })
    const top = (xs: ArrayLike<number>) =>
      Array.from(xs, (x, v) => [x, v] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 2)
        .map(([, v]) => v)
        .sort()
    expect(top(ours)).toEqual(top(oracle.betweenness))
    expect(approximateBetweenness(graph, { samples: 20, seed: 7 })).toEqual(ours)
  })
})

describe('network positions on small graphs', () => {
  it('participation coefficient: 0 inside one community, 1 − Σ share² across several', () => {
    // A star: centre 0 with leaves 1, 2 in community A and 3, 4 in community B.
    const star = buildCsr({ n: 5, sources: [0, 0, 0, 0], targets: [1, 2, 3, 4], weights: [1, 1, 1, 3] })
    const p = participationCoefficient(star, [0, 0, 0, 1, 1])
    // Centre: shares 2/6 to A, 4/6 to B.
    expect(p[0]).toBeCloseTo(1 - (1 / 9 + 4 / 9), 12)
    expect(p[1]).toBe(0)
  })

  it('coreness of a clique with a tail, and of isolated nodes', () => {
    const g = buildCsr({ n: 6, sources: [0, 0, 1, 2, 3], targets: [1, 2, 2, 3, 4] })
    expect(Array.from(coreness(g))).toEqual([2, 2, 2, 1, 1, 0])
    expect(Number.isNaN(burtConstraint(g)[5])).toBe(true)
  })
})
