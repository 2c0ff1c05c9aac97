// Leiden community detection (V. A. Traag, L. Waltman & N. J. van Eck, "From Louvain to Leiden:
// guaranteeing well-connected communities", Scientific Reports 9:5233, 2019), written from the paper. Each
// pass moves nodes fast, refines the partition, aggregates the network by the refined partition while the
// aggregate nodes start in their unrefined community, and repeats on the aggregate until no node moves;
// passes repeat until the partition is stable. The steps are in leiden-steps.ts and leiden-refine.ts; on a
// large graph the nodes are first renumbered by community (leiden-order.ts).
import type { CsrGraph } from './csr.js'
import { communityOrder, permuteLevel, permuteValues } from './leiden-order.js'
import { refine } from './leiden-refine.js'
import { aggregate, moveNodesFast, renumber, Scratch, VISIT_BLOCK, type Level } from './leiden-steps.js'
import { cpmQuality, modularity } from './quality.js'
import { seededRandom } from './random.js'

export type LeidenQuality = 'modularity' | 'cpm'

export interface LeidenOptions {
  quality: LeidenQuality
  /** γ: larger finds more, smaller communities. */
  resolution: number
  /** θ of the refinement: how random the merges are (the paper's default is 0.01). */
  randomness: number
  seed: number
  /** Passes to run; -1 runs until a pass changes nothing (capped by maxIterations). */
  iterations: number
  maxIterations: number
  /** Starting community of each node (any non-negative labels; -1 = start alone). */
  initial?: ArrayLike<number>
  /** Nodes whose community may not change: they keep their `initial` label in the result. */
  fixed?: ArrayLike<boolean | number>
  /** Node weights for CPM (default 1, i.e. community sizes). */
  nodeWeights?: ArrayLike<number>
  /**
   * Whether to renumber the nodes by community after the first local moving, so that the rest of the run
   * reads memory in order (leiden-order.ts). By default on graphs of at least REORDER_MIN_NODES nodes.
   */
  reorder?: boolean
}

/** Below this many nodes a level's arrays sit in the processor's cache anyway, and the copy would be waste. */
export const REORDER_MIN_NODES = 10_000

export const LEIDEN_DEFAULTS: LeidenOptions = {
  quality: 'modularity',
  resolution: 1,
  randomness: 0.01,
  seed: 1,
  iterations: -1,
  maxIterations: 50,
}

export interface LeidenResult {
  /** Community of each node: 0 .. communities - 1, except that fixed nodes keep their initial labels. */
  membership: Int32Array
  communities: number
  /** Modularity (with the resolution) or CPM quality of the result on the input graph. */
  quality: number
  iterations: number
}

/** Runs Leiden on an undirected weighted graph. */
export function leiden(graph: CsrGraph, options: Partial<LeidenOptions> = {}): LeidenResult {
  const o = { ...LEIDEN_DEFAULTS, ...options }
  const { n } = graph
  const random = seededRandom(o.seed)
  const fixed = o.fixed ? Uint8Array.from(o.fixed as ArrayLike<number>, (x) => (x ? 1 : 0)) : null
  if (fixed && !o.initial) throw new RangeError('fixed nodes need an initial membership')
  let nodeWeight: Float64Array
  let r: number
  if (o.quality === 'modularity') {
    nodeWeight = graph.strength
    r = graph.totalWeight > 0 ? o.resolution / (2 * graph.totalWeight) : 0
  } else {
    nodeWeight = o.nodeWeights ? Float64Array.from(o.nodeWeights) : new Float64Array(n).fill(1)
    r = o.resolution
  }
  // Self-loops only add a constant to the quality, so the levels leave them out.
  const base: Level = { n, offsets: graph.offsets, targets: graph.targets, weights: graph.weights, nodeWeight, fixed }
  const membership = startingMembership(n, o.initial, fixed)
  const scratch = new Scratch(Math.max(n, 1), graph.targets.length)
  // On a large graph the run is bound by random memory lookups: once the first local moving has found rough
  // communities, the nodes are renumbered so that each community's nodes lie together, and the run goes on
  // on that copy of the graph (work[i] is the community of node order[i]).
  let level = base
  let work = membership
  let order: Int32Array | null = null
  let movedFirst = false
  if ((o.reorder ?? n >= REORDER_MIN_NODES) && n > 0) {
    movedFirst = moveNodesFast(base, membership, r, random, scratch, n)
    order = communityOrder(membership)
    level = permuteLevel(base, order)
    work = permuteValues(membership, order)
  }
  let iterations = 0
  while (n > 0) {
    const moved = order !== null && iterations === 0
    const changed = runPass(level, work, r, o.randomness, random, scratch, moved, order ? VISIT_BLOCK : n) || (moved && movedFirst)
    iterations++
    if (o.iterations >= 0 ? iterations >= o.iterations : !changed || iterations >= o.maxIterations) break
  }
  if (order) for (let i = 0; i < n; i++) membership[order[i]!] = work[i]!
  const communities = labelResult(membership, o.initial, fixed)
  const quality =
    o.quality === 'modularity' ? modularity(graph, membership, o.resolution) : cpmQuality(graph, membership, o.resolution, o.nodeWeights)
  return { membership, communities, quality, iterations }
}

/**
 * One pass over all levels; `membership` (labels below n) is updated in place. Returns whether a node moved.
 * `moved`: the base level's local moving is already done (the caller did it before renumbering).
 * `baseBlock`: the visit order's run length at the base level (VISIT_BLOCK once renumbered, else uniform).
 */
function runPass(
  base: Level,
  membership: Int32Array,
  r: number,
  randomness: number,
  random: () => number,
  scratch: Scratch,
  moved: boolean,
  baseBlock: number,
): boolean {
  let g = base
  let memb = membership.slice()
  const nodeToLevel = new Int32Array(base.n)
  for (let v = 0; v < base.n; v++) nodeToLevel[v] = v
  let changed = false
  for (let depth = 0; ; depth++) {
    if (!(moved && depth === 0) && moveNodesFast(g, memb, r, random, scratch, depth === 0 ? baseBlock : VISIT_BLOCK)) changed = true
    const k = renumber(memb, g.n)
    if (k === g.n) break
    const refined = refine(g, memb, k, r, randomness, random, scratch)
    const kr = renumber(refined, g.n)
    // When refinement merged nothing, aggregating by it would not shrink the network: use the partition.
    const labels = kr < g.n ? refined : memb
    const next = aggregate(g, labels, kr < g.n ? kr : k, scratch)
    const nextMemb = new Int32Array(next.n)
    for (let v = 0; v < g.n; v++) nextMemb[labels[v]!] = memb[v]!
    for (let v = 0; v < base.n; v++) nodeToLevel[v] = labels[nodeToLevel[v]!]!
    g = next
    memb = nextMemb
  }
  for (let v = 0; v < base.n; v++) membership[v] = memb[nodeToLevel[v]!]!
  return changed
}

/** Compacts the initial labels to 0 .. k - 1; nodes without one start alone. */
function startingMembership(n: number, initial: ArrayLike<number> | undefined, fixed: Uint8Array | null): Int32Array {
  const membership = new Int32Array(n)
  if (!initial) {
    for (let v = 0; v < n; v++) membership[v] = v
    return membership
  }
  if (initial.length !== n) throw new RangeError(`initial membership has ${initial.length} labels for ${n} nodes`)
  const map = new Map<number, number>()
  let next = 0
  const unlabelled: number[] = []
  for (let v = 0; v < n; v++) {
    const label = initial[v]!
    if (label < 0 || !Number.isInteger(label)) {
      if (fixed && fixed[v]) throw new RangeError(`fixed node ${v} has no initial label`)
      unlabelled.push(v)
      continue
    }
    let c = map.get(label)
    if (c === undefined) map.set(label, (c = next++))
    membership[v] = c
  }
  for (const v of unlabelled) membership[v] = next++
  return membership
}

/**
 * Final labels: a community holding fixed nodes keeps their initial label (fixed nodes never move and a
 * community never splits, so it holds one such label); the others are numbered from 0, skipping those.
 * Returns the number of communities.
 */
function labelResult(membership: Int32Array, initial: ArrayLike<number> | undefined, fixed: Uint8Array | null): number {
  const n = membership.length
  const k = renumber(membership, Math.max(n, 1))
  if (!fixed || !initial) return k
  const label = new Float64Array(k).fill(-1)
  const taken = new Set<number>()
  for (let v = 0; v < n; v++) {
    if (!fixed[v]) continue
    label[membership[v]!] = initial[v]!
    taken.add(initial[v]!)
  }
  let next = 0
  for (let c = 0; c < k; c++) {
    if (label[c] !== -1) continue
    while (taken.has(next)) next++
    label[c] = next++
  }
  for (let v = 0; v < n; v++) membership[v] = label[membership[v]!]!
  return k
}
