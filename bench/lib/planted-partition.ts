// A planted-partition graph for the community benchmark: `groups` equal groups, each edge inside a group
// with probability `inside`, else between two random nodes of different groups; no self-loops, no repeats.
import { seededRandom } from '../../src/graph/network/random.js'

export interface PlantedGraph {
  n: number
  sources: Int32Array
  targets: Int32Array
  truth: Int32Array
}

/** Generates the graph with seeded randomness (the same seed gives the same graph). */
export function plantedPartition(n: number, edges: number, groups: number, inside: number, seed: number): PlantedGraph {
  const random = seededRandom(seed)
  const truth = new Int32Array(n)
  for (let v = 0; v < n; v++) truth[v] = v % groups
  const size = Math.ceil(n / groups)
  const sources = new Int32Array(edges)
  const targets = new Int32Array(edges)
  const seen = new Set<number>()
  let e = 0
  while (e < edges) {
    const a = Math.floor(random() * n)
    let b: number
    if (random() < inside) {
      // Another member of a's group: members of group g are g, g + groups, g + 2·groups, ...
      const k = Math.floor(random() * size)
      b = truth[a]! + k * groups
      if (b >= n) continue
    } else {
      b = Math.floor(random() * n)
      if (truth[b] === truth[a]) continue
    }
    if (a === b) continue
    const key = a < b ? a * n + b : b * n + a
    if (seen.has(key)) continue
    seen.add(key)
    sources[e] = a
    targets[e++] = b
  }
  return { n, sources, targets, truth }
}
