// Betweenness centrality estimated from sampled sources: Brandes' accumulation ("A faster algorithm for
// betweenness centrality", 2001) run from k random sources and scaled by n / k (Brandes & Pich, "Centrality
// estimation in large networks", 2007). Exact when k ≥ n. Hops are unweighted: an interaction tie is a path
// whatever its strength.
import type { CsrGraph } from './csr.js'
import { randomPermutation, seededRandom } from './random.js'

export interface BetweennessOptions {
  /** Number of sampled sources (all nodes when ≥ n). */
  samples: number
  seed: number
  /** Divide by (n − 1)(n − 2) / 2, the number of pairs a node can lie between. */
  normalized: boolean
}

export const BETWEENNESS_DEFAULTS: BetweennessOptions = { samples: 256, seed: 1, normalized: false }

/** Estimated betweenness of every node of an undirected graph (each unordered pair counted once). */
export function approximateBetweenness(graph: CsrGraph, options: Partial<BetweennessOptions> = {}): Float64Array {
  const o = { ...BETWEENNESS_DEFAULTS, ...options }
  const { n, offsets, targets } = graph
  const result = new Float64Array(n)
  if (n === 0) return result
  const k = Math.min(n, Math.max(1, Math.floor(o.samples)))
  const sources = k === n ? Int32Array.from({ length: n }, (_, i) => i) : randomPermutation(n, seededRandom(o.seed))
  const sigma = new Float64Array(n)
  const dist = new Int32Array(n).fill(-1)
  const delta = new Float64Array(n)
  const order = new Int32Array(n)
  for (let s = 0; s < k; s++) {
    const source = sources[s]!
    let head = 0
    let tail = 0
    order[tail++] = source
    dist[source] = 0
    sigma[source] = 1
    while (head < tail) {
      const v = order[head++]!
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
        const w = targets[e]!
        if (dist[w] === -1) {
          dist[w] = dist[v]! + 1
          order[tail++] = w
        }
        if (dist[w] === dist[v]! + 1) sigma[w] = sigma[w]! + sigma[v]!
      }
    }
    // Back-propagate dependencies in order of decreasing distance; predecessors are the neighbours one closer.
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i]!
      for (let e = offsets[w]!; e < offsets[w + 1]!; e++) {
        const v = targets[e]!
        if (dist[v] === dist[w]! - 1) delta[v] = delta[v]! + (sigma[v]! / sigma[w]!) * (1 + delta[w]!)
      }
      result[w] = result[w]! + delta[w]!
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i]!
      dist[v] = -1
      sigma[v] = 0
      delta[v] = 0
    }
  }
  // Each unordered pair is seen from both ends when every node is a source: halve, then scale the sample up.
  let scale = (0.5 * n) / k
  if (o.normalized) scale /= n > 2 ? ((n - 1) * (n - 2)) / 2 : 1
  for (let v = 0; v < n; v++) result[v] = result[v]! * scale
  return result
}
