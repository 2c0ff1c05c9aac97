// Renumbering the nodes of a Leiden level so that each community's nodes are neighbours in memory. On a large
// graph Leiden is bound by random lookups (a node's adjacency row, its neighbours' labels and cluster sums):
// once the nodes of a community are numbered together, the refinement and the aggregation, which work one
// community at a time, read rows and labels that are already in the cache. The renumbered level is a
// relabelled copy of the same graph, so Leiden on it is Leiden on the graph; memberships are mapped back.
import type { Level } from './leiden-steps.js'

/**
 * Nodes ordered by community (a stable counting sort, so nodes of one community keep their relative order):
 * order[i] is the node placed at position i. `membership` holds labels below its length.
 */
export function communityOrder(membership: Int32Array): Int32Array {
  const n = membership.length
  const start = new Int32Array(n + 1)
  for (let v = 0; v < n; v++) start[membership[v]! + 1]!++
  for (let c = 0; c < n; c++) start[c + 1] = start[c + 1]! + start[c]!
  const order = new Int32Array(n)
  for (let v = 0; v < n; v++) order[start[membership[v]!]!++] = v
  return order
}

/** The level with node order[i] renumbered i: rows, targets, node weights and fixed flags follow. */
export function permuteLevel(g: Level, order: Int32Array): Level {
  const { n, offsets, targets, weights, nodeWeight, fixed } = g
  const position = new Int32Array(n)
  for (let i = 0; i < n; i++) position[order[i]!] = i
  const outOffsets = new Int32Array(n + 1)
  const outTargets = new Int32Array(targets.length)
  const outWeights = new Float64Array(weights.length)
  const outNodeWeight = new Float64Array(n)
  const outFixed = fixed ? new Uint8Array(n) : null
  let out = 0
  for (let i = 0; i < n; i++) {
    const v = order[i]!
    const end = offsets[v + 1]!
    for (let k = offsets[v]!; k < end; k++) {
      outTargets[out] = position[targets[k]!]!
      outWeights[out++] = weights[k]!
    }
    outOffsets[i + 1] = out
    outNodeWeight[i] = nodeWeight[v]!
    if (outFixed) outFixed[i] = fixed![v]!
  }
  return { n, offsets: outOffsets, targets: outTargets, weights: outWeights, nodeWeight: outNodeWeight, fixed: outFixed }
}

/** `values` in the new order: result[i] = values[order[i]]. */
export function permuteValues(values: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(values.length)
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]!]!
  return out
}
