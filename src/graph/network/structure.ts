// Positions of people in the network: k-core (who is in the dense middle), participation coefficient (whose
// ties spread across communities) and Burt's constraint (who spans structural holes, i.e. bridges).
import type { CsrGraph } from './csr.js'

/**
 * Core number of every node (ignoring weights and self-loops), by the O(n + m) bin-sort algorithm of
 * Batagelj & Zaversnik, "An O(m) Algorithm for Cores Decomposition of Networks" (2003).
 */
export function coreness(graph: CsrGraph): Int32Array {
  const { n, offsets, targets } = graph
  const degree = new Int32Array(n)
  let maxDegree = 0
  for (let v = 0; v < n; v++) {
    degree[v] = offsets[v + 1]! - offsets[v]!
    if (degree[v]! > maxDegree) maxDegree = degree[v]!
  }
  const bin = new Int32Array(maxDegree + 1)
  for (let v = 0; v < n; v++) bin[degree[v]!]!++
  let start = 0
  for (let d = 0; d <= maxDegree; d++) {
    const count = bin[d]!
    bin[d] = start
    start += count
  }
  const vert = new Int32Array(n)
  const pos = new Int32Array(n)
  for (let v = 0; v < n; v++) {
    pos[v] = bin[degree[v]!]!
    vert[pos[v]!] = v
    bin[degree[v]!]!++
  }
  for (let d = maxDegree; d > 0; d--) bin[d] = bin[d - 1]!
  bin[0] = 0
  for (let i = 0; i < n; i++) {
    const v = vert[i]!
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const u = targets[k]!
      if (degree[u]! > degree[v]!) {
        // Move u to the front of its bin, then shrink the bin: u's degree drops by one.
        const du = degree[u]!
        const pu = pos[u]!
        const pw = bin[du]!
        const w = vert[pw]!
        if (u !== w) {
          pos[u] = pw
          vert[pu] = w
          pos[w] = pu
          vert[pw] = u
        }
        bin[du]!++
        degree[u]!--
      }
    }
  }
  return degree
}

/**
 * Participation coefficient P_i = 1 − Σ_s (k_is / k_i)² of each node (Guimerà & Amaral, "Functional
 * cartography of complex metabolic networks", Nature 2005), with weighted degrees; 0 for isolated nodes.
 */
export function participationCoefficient(graph: CsrGraph, membership: ArrayLike<number>): Float64Array {
  const { n, offsets, targets, weights } = graph
  const result = new Float64Array(n)
  const byCommunity = new Map<number, number>()
  for (let v = 0; v < n; v++) {
    byCommunity.clear()
    let total = 0
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const c = membership[targets[k]!]!
      byCommunity.set(c, (byCommunity.get(c) ?? 0) + weights[k]!)
      total += weights[k]!
    }
    if (total === 0) continue
    let sum = 0
    for (const w of byCommunity.values()) sum += (w / total) * (w / total)
    result[v] = 1 - sum
  }
  return result
}

/**
 * Burt's constraint c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i, j} p_iq p_qj)², with p_ij = w_ij / Σ_k w_ik (Burt,
 * "Structural Holes", 1992; the undirected case of networkx's `constraint`). Low constraint marks a broker
 * whose contacts are not tied to each other. NaN for isolated nodes, as networkx gives.
 */
export function burtConstraint(graph: CsrGraph): Float64Array {
  const { n, offsets, targets, weights } = graph
  const total = new Float64Array(n)
  for (let v = 0; v < n; v++) for (let k = offsets[v]!; k < offsets[v + 1]!; k++) total[v] = total[v]! + weights[k]!
  const indirect = new Float64Array(n)
  const result = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    if (total[i] === 0) {
      result[i] = Number.NaN
      continue
    }
    // indirect[j] = Σ_q p_iq p_qj over the neighbours q of i, for every j two steps away.
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const q = targets[k]!
      const piq = weights[k]! / total[i]!
      for (let l = offsets[q]!; l < offsets[q + 1]!; l++) indirect[targets[l]!] = indirect[targets[l]!]! + (piq * weights[l]!) / total[q]!
    }
    let c = 0
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const x = weights[k]! / total[i]! + indirect[targets[k]!]!
      c += x * x
    }
    result[i] = c
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const q = targets[k]!
      for (let l = offsets[q]!; l < offsets[q + 1]!; l++) indirect[targets[l]!] = 0
    }
  }
  return result
}
