// An undirected weighted graph in compressed sparse row form: the neighbours of node v are
// targets[offsets[v] .. offsets[v + 1]), with their weights beside them. Parallel edges are merged (weights
// summed) and self-loops are kept apart, so that every algorithm can scan neighbours without meeting itself.

export interface CsrGraph {
  /** Number of nodes, numbered 0 .. n - 1. */
  readonly n: number
  /** Length n + 1. */
  readonly offsets: Int32Array
  /** Each undirected edge appears twice, once from each end. */
  readonly targets: Int32Array
  readonly weights: Float64Array
  /** Weight of the self-loop of each node (0 when none). */
  readonly selfLoops: Float64Array
  /** Strength of each node: the sum of its edge weights, a self-loop counting twice (as in modularity). */
  readonly strength: Float64Array
  /** Sum of all edge weights, each undirected edge once (m in the modularity formula). */
  readonly totalWeight: number
}

/** An undirected edge list: edge e joins sources[e] and targets[e] with weights[e] (1 when absent). */
export interface EdgeList {
  n: number
  sources: ArrayLike<number>
  targets: ArrayLike<number>
  weights?: ArrayLike<number>
}

/**
 * Builds the CSR form of an undirected edge list in O(n + m): counting sort by source, then a merge of
 * parallel edges through a dense "last seen" array. Non-positive and non-finite weights are dropped,
 * since modularity has no meaning for them.
 */
export function buildCsr(edges: EdgeList): CsrGraph {
  const { n, sources, targets, weights } = edges
  const m = sources.length
  const selfLoops = new Float64Array(n)
  const degree = new Int32Array(n + 1)
  for (let e = 0; e < m; e++) {
    const a = sources[e]!
    const b = targets[e]!
    if (!(a >= 0 && a < n && b >= 0 && b < n)) throw new RangeError(`edge ${e} (${a}, ${b}) is outside 0..${n - 1}`)
    const w = weights ? weights[e]! : 1
    if (!(w > 0) || !Number.isFinite(w)) continue
    if (a === b) selfLoops[a] = selfLoops[a]! + w
    else {
      degree[a]!++
      degree[b]!++
    }
  }
  const start = new Int32Array(n + 1)
  for (let v = 0; v < n; v++) start[v + 1] = start[v]! + degree[v]!
  const cursor = start.slice(0, n)
  const rawTargets = new Int32Array(start[n]!)
  const rawWeights = new Float64Array(start[n]!)
  for (let e = 0; e < m; e++) {
    const a = sources[e]!
    const b = targets[e]!
    const w = weights ? weights[e]! : 1
    if (!(w > 0) || !Number.isFinite(w) || a === b) continue
    rawTargets[cursor[a]!] = b
    rawWeights[cursor[a]!++] = w
    rawTargets[cursor[b]!] = a
    rawWeights[cursor[b]!++] = w
  }
  return mergeParallel(n, start, rawTargets, rawWeights, selfLoops)
}

/** Merges repeated neighbours of each node, keeping first-seen order; shared by buildCsr and aggregation. */
export function mergeParallel(
  n: number,
  start: Int32Array,
  rawTargets: Int32Array,
  rawWeights: Float64Array,
  selfLoops: Float64Array,
): CsrGraph {
  const slot = new Int32Array(n).fill(-1)
  const offsets = new Int32Array(n + 1)
  let out = 0
  for (let v = 0; v < n; v++) {
    const begin = out
    for (let k = start[v]!; k < start[v + 1]!; k++) {
      const u = rawTargets[k]!
      const s = slot[u]!
      if (s >= begin) rawWeights[s] = rawWeights[s]! + rawWeights[k]!
      else {
        slot[u] = out
        rawTargets[out] = u
        rawWeights[out++] = rawWeights[k]!
      }
    }
    offsets[v + 1] = out
  }
  const targets = rawTargets.slice(0, out)
  const weights = rawWeights.slice(0, out)
  const strength = new Float64Array(n)
  let twice = 0
  for (let v = 0; v < n; v++) {
    let s = 2 * selfLoops[v]!
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) s += weights[k]!
    strength[v] = s
    twice += s
  }
  return { n, offsets, targets, weights, selfLoops, strength, totalWeight: twice / 2 }
}
