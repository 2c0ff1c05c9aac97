// The steps of one Leiden pass (Traag, Waltman & van Eck 2019, "From Louvain to Leiden: guaranteeing
// well-connected communities", Sci. Rep. 9:5233, Algorithm A.2): fast local moving of nodes and aggregation
// of the network by the refined partition (the refinement is in leiden-refine.ts). Written from the paper; the
// quality is in the form H = Σ_c [ e_c − r · W_c² / 2 ] that covers both modularity (node weight = strength,
// r = γ / 2m) and CPM (node weight = size, r = γ), so that every gain is  k_{v,c} − r · w_v · W_c.
import { blockedPermutation, type Random } from './random.js'

/** One level of the Leiden hierarchy: a CSR graph without self-loops, with node weights. */
export interface Level {
  n: number
  offsets: Int32Array
  targets: Int32Array
  weights: Float64Array
  nodeWeight: Float64Array
  /** 1 for nodes that may not change community (incremental reruns), or null when none is fixed. */
  fixed: Uint8Array | null
}

/**
 * Dense scratch arrays sized for the base graph and reused at every level, so no pass allocates per node or
 * per edge: allocating (and the collector freeing) tens of megabytes per level cost more than a tenth of the
 * run on the 2-million-edge benchmark.
 */
export class Scratch {
  readonly clusterWeight: Float64Array
  readonly clusterSize: Int32Array
  readonly edgeWeight: Float64Array
  readonly touched: Int32Array
  readonly queue: Int32Array
  readonly inQueue: Uint8Array
  readonly empty: Int32Array
  readonly extWeight: Float64Array
  readonly candidates: Int32Array
  readonly gains: Float64Array
  readonly refined: Int32Array
  readonly refinedWeight: Float64Array
  readonly refinedExt: Float64Array
  readonly refinedSize: Int32Array
  /** 1 for each adjacency entry of a level that stays inside its node's community (refinement). */
  readonly inside: Uint8Array
  /** Nodes grouped by community, and where each community's group ends (refinement). */
  readonly members: Int32Array
  readonly memberEnd: Int32Array
  /**
   * Two edge buffers that aggregation fills in turn: a level is built from the one before it only, so the
   * level being read never lives in the buffer being written.
   */
  private readonly edgeTargets: [Int32Array, Int32Array]
  private readonly edgeWeights: [Float64Array, Float64Array]
  private turn: 0 | 1 = 0

  /** `n` nodes and `entries` adjacency entries (each undirected edge counted twice) in the base graph. */
  constructor(n: number, entries: number) {
    this.clusterWeight = new Float64Array(n)
    this.clusterSize = new Int32Array(n)
    this.edgeWeight = new Float64Array(n)
    this.touched = new Int32Array(n)
    this.queue = new Int32Array(n)
    this.inQueue = new Uint8Array(n)
    this.empty = new Int32Array(n)
    this.extWeight = new Float64Array(n)
    this.candidates = new Int32Array(n + 1)
    this.gains = new Float64Array(n + 1)
    this.refined = new Int32Array(n)
    this.refinedWeight = new Float64Array(n)
    this.refinedExt = new Float64Array(n)
    this.refinedSize = new Int32Array(n)
    this.inside = new Uint8Array(entries)
    this.members = new Int32Array(n)
    this.memberEnd = new Int32Array(n + 1)
    // An aggregate never has more entries than the level it comes from, so the base size always suffices;
    // the second buffer grows to it on first use.
    this.edgeTargets = [new Int32Array(entries), new Int32Array(0)]
    this.edgeWeights = [new Float64Array(entries), new Float64Array(0)]
  }

  /** The edge buffer for the next aggregate, at least `entries` long. */
  nextEdgeBuffer(entries: number): { targets: Int32Array; weights: Float64Array } {
    const t = this.turn
    this.turn = t === 0 ? 1 : 0
    let targets = this.edgeTargets[t]
    let weights = this.edgeWeights[t]
    if (targets.length < entries) {
      this.edgeTargets[t] = targets = new Int32Array(entries)
      this.edgeWeights[t] = weights = new Float64Array(entries)
    }
    return { targets, weights }
  }
}

/**
 * Local moving on a graph renumbered by community (leiden-order.ts) visits nodes in random order taken in runs
 * of this many consecutive node numbers (see blockedPermutation): a run's adjacency rows fit in the
 * processor's cache, which made the local moving of later passes about twice as fast on the 2-million-edge
 * benchmark as one random order over all nodes. The first local moving, on the graph as numbered by its
 * caller, uses one uniform random order (the paper's): there a blocked order gained no time and biased which
 * nodes settle first, so that later passes merged more planted groups (40 seeds on the benchmark graph, until
 * stable: NMI 0.95560 blocked, 0.95576 uniform; igraph 0.95582).
 */
export const VISIT_BLOCK = 1024

/**
 * Fast local moving: visits nodes from a queue (initially all, in random order); each moves to the
 * neighbouring community (or an empty one) of largest gain, and when it moves, its neighbours outside the
 * new community rejoin the queue. Returns whether any node moved. `membership` holds labels below g.n.
 * `block`: the run length of the visit order (g.n or more: one uniform random order).
 */
export function moveNodesFast(g: Level, membership: Int32Array, r: number, random: Random, s: Scratch, block = VISIT_BLOCK): boolean {
  const { n, offsets, targets, weights, nodeWeight, fixed } = g
  const { clusterWeight, clusterSize, edgeWeight, touched, queue, inQueue, empty } = s
  clusterWeight.fill(0, 0, n)
  clusterSize.fill(0, 0, n)
  for (let v = 0; v < n; v++) {
    clusterWeight[membership[v]!] = clusterWeight[membership[v]!]! + nodeWeight[v]!
    clusterSize[membership[v]!]!++
  }
  let emptyCount = 0
  for (let c = n - 1; c >= 0; c--) if (clusterSize[c] === 0) empty[emptyCount++] = c
  blockedPermutation(queue, n, block, random)
  inQueue.fill(1, 0, n)
  let head = 0
  let count = n
  let changed = false
  while (count > 0) {
    const v = queue[head]!
    head = head + 1 === n ? 0 : head + 1
    count--
    inQueue[v] = 0
    if (fixed && fixed[v]) continue
    const current = membership[v]!
    const wv = nodeWeight[v]!
    clusterWeight[current] = clusterWeight[current]! - wv
    if ((clusterSize[current] = clusterSize[current]! - 1) === 0) empty[emptyCount++] = current
    let nt = 0
    const end = offsets[v + 1]!
    // Without a branch on whether c is new: early on, when most neighbours are alone, it is a coin toss the
    // processor mispredicts (about 15% less CPU in the first local moving on the benchmark, shared machine).
    for (let k = offsets[v]!; k < end; k++) {
      const c = membership[targets[k]!]!
      const w = edgeWeight[c]!
      touched[nt] = c
      nt += w === 0 ? 1 : 0
      edgeWeight[c] = w + weights[k]!
    }
    let best = current
    let bestGain = edgeWeight[current]! - r * wv * clusterWeight[current]
    for (let i = 0; i < nt; i++) {
      const c = touched[i]!
      const gain = edgeWeight[c]! - r * wv * clusterWeight[c]!
      if (gain > bestGain) {
        best = c
        bestGain = gain
      }
    }
    // An empty community has gain 0: alone is better than anywhere that costs more than it brings.
    if (bestGain < 0) best = empty[emptyCount - 1]!
    for (let i = 0; i < nt; i++) edgeWeight[touched[i]!] = 0
    // A community that is empty here can only be the top of the stack (just emptied or just chosen).
    if (clusterSize[best] === 0) emptyCount--
    clusterWeight[best] = clusterWeight[best]! + wv
    clusterSize[best]!++
    membership[v] = best
    if (best !== current) {
      changed = true
      for (let k = offsets[v]!; k < end; k++) {
        const u = targets[k]!
        if (inQueue[u] || membership[u] === best || (fixed && fixed[u])) continue
        let tail = head + count
        if (tail >= n) tail -= n
        queue[tail] = u
        inQueue[u] = 1
        count++
      }
    }
  }
  return changed
}

/** Relabels `labels` in place to 0 .. k - 1 in order of first appearance; returns k. */
export function renumber(labels: Int32Array, bound: number): number {
  const map = new Int32Array(bound).fill(-1)
  let k = 0
  for (let v = 0; v < labels.length; v++) {
    const c = labels[v]!
    if (map[c] === -1) map[c] = k++
    labels[v] = map[c]!
  }
  return k
}

/**
 * The aggregate network: one node per cluster of `labels` (0 .. k - 1), edge weights summed, internal edges
 * dropped (they add a constant to the quality and never change a gain), node weights summed, and a node
 * fixed when any of its members is. Its edges live in one of the scratch's edge buffers.
 */
export function aggregate(g: Level, labels: Int32Array, k: number, s: Scratch): Level {
  const { n, offsets, targets, weights, nodeWeight, fixed } = g
  const start = new Int32Array(k + 1)
  for (let v = 0; v < n; v++) start[labels[v]! + 1]!++
  for (let c = 0; c < k; c++) start[c + 1] = start[c + 1]! + start[c]!
  const cursor = start.slice(0, k)
  const members = new Int32Array(n)
  for (let v = 0; v < n; v++) members[cursor[labels[v]!]!++] = v
  const outOffsets = new Int32Array(k + 1)
  const { targets: outTargets, weights: outWeights } = s.nextEdgeBuffer(targets.length)
  const outNodeWeight = new Float64Array(k)
  const outFixed = fixed ? new Uint8Array(k) : null
  const slot = new Int32Array(k).fill(-1)
  let out = 0
  for (let c = 0; c < k; c++) {
    const begin = out
    const last = start[c + 1]!
    let weight = 0
    for (let i = start[c]!; i < last; i++) {
      const v = members[i]!
      weight += nodeWeight[v]!
      if (outFixed && fixed![v]) outFixed[c] = 1
      const end = offsets[v + 1]!
      for (let e = offsets[v]!; e < end; e++) {
        const d = labels[targets[e]!]!
        if (d === c) continue
        const sl = slot[d]!
        if (sl >= begin) outWeights[sl] = outWeights[sl]! + weights[e]!
        else {
          slot[d] = out
          outTargets[out] = d
          outWeights[out++] = weights[e]!
        }
      }
    }
    outNodeWeight[c] = weight
    outOffsets[c + 1] = out
  }
  return {
    n: k,
    offsets: outOffsets,
    targets: outTargets.subarray(0, out),
    weights: outWeights.subarray(0, out),
    nodeWeight: outNodeWeight,
    fixed: outFixed,
  }
}
