// Connected components and edge filtering on a CSR graph, for "what if these people left" questions: which
// parts of a network fall apart when some nodes or ties are taken away. Breadth-first search over typed arrays.
import { buildCsr, type CsrGraph } from './csr.js'

/** The graph with only the edges `keep(a, b, weight)` accepts (called once per undirected edge, a < b). */
export function filterEdges(graph: CsrGraph, keep: (a: number, b: number, weight: number) => boolean): CsrGraph {
  const { n, offsets, targets, weights } = graph
  const sources: number[] = []
  const ends: number[] = []
  const kept: number[] = []
  for (let a = 0; a < n; a++)
    for (let k = offsets[a]!; k < offsets[a + 1]!; k++) {
      const b = targets[k]!
      if (a < b && keep(a, b, weights[k]!)) {
        sources.push(a)
        ends.push(b)
        kept.push(weights[k]!)
      }
    }
  return buildCsr({ n, sources: Int32Array.from(sources), targets: Int32Array.from(ends), weights: Float64Array.from(kept) })
}

export interface Components {
  /** Component of each node, or -1 for a node with no edge (not counted as a component). */
  label: Int32Array
  /** Size of each component, largest first. */
  sizes: number[]
}

/** Connected components among the nodes that have at least one edge, numbered largest first. */
export function connectedComponents(graph: CsrGraph): Components {
  const { n, offsets, targets } = graph
  const raw = new Int32Array(n).fill(-1)
  const queue = new Int32Array(n)
  const rawSizes: number[] = []
  for (let s = 0; s < n; s++) {
    if (raw[s] !== -1 || offsets[s + 1] === offsets[s]) continue
    const c = rawSizes.length
    let head = 0
    let tail = 0
    queue[tail++] = s
    raw[s] = c
    while (head < tail) {
      const v = queue[head++]!
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const u = targets[k]!
        if (raw[u] === -1) {
          raw[u] = c
          queue[tail++] = u
        }
      }
    }
    rawSizes.push(tail)
  }
  const order = rawSizes.map((_, i) => i).sort((a, b) => rawSizes[b]! - rawSizes[a]! || a - b)
  const rank = new Int32Array(rawSizes.length)
  order.forEach((c, i) => (rank[c] = i))
  const label = raw.map((c) => (c === -1 ? -1 : rank[c]!))
  return { label, sizes: order.map((c) => rawSizes[c]!) }
}
