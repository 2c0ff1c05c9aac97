// Quality functions of a partition, as the Leiden paper defines them (Traag, Waltman & van Eck 2019, eq. 1-2):
// modularity (Newman & Girvan 2004, with a resolution parameter, Reichardt & Bornholdt 2006) and the
// Constant Potts Model (Traag, Van Dooren & Nesterov 2011).
import type { CsrGraph } from './csr.js'

/**
 * Modularity Q = (1 / 2m) Σ_c [ Σ_{i,j ∈ c} A_ij − γ K_c² / 2m ], a self-loop counting twice in A_ii as in
 * the strength. 0 for a graph without edges.
 */
export function modularity(graph: CsrGraph, membership: ArrayLike<number>, resolution = 1): number {
  const m2 = 2 * graph.totalWeight
  if (m2 === 0) return 0
  const { n, offsets, targets, weights, selfLoops, strength } = graph
  let internal = 0
  const total = new Map<number, number>()
  for (let v = 0; v < n; v++) {
    const c = membership[v]!
    internal += 2 * selfLoops[v]!
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) if (membership[targets[k]!] === c) internal += weights[k]!
    total.set(c, (total.get(c) ?? 0) + strength[v]!)
  }
  let expected = 0
  for (const k of total.values()) expected += k * k
  return internal / m2 - (resolution * expected) / (m2 * m2)
}

/**
 * Constant Potts Model H = Σ_c [ e_c − γ · W_c (W_c − 1) / 2 ], where e_c is the weight of edges inside c
 * (self-loops included) and W_c its total node weight (its size when node weights are 1), as in leidenalg.
 */
export function cpmQuality(graph: CsrGraph, membership: ArrayLike<number>, resolution: number, nodeWeights?: ArrayLike<number>): number {
  const { n, offsets, targets, weights, selfLoops } = graph
  let internal = 0
  const size = new Map<number, number>()
  for (let v = 0; v < n; v++) {
    const c = membership[v]!
    internal += selfLoops[v]!
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) if (membership[targets[k]!] === c) internal += weights[k]! / 2
    size.set(c, (size.get(c) ?? 0) + (nodeWeights ? nodeWeights[v]! : 1))
  }
  let penalty = 0
  for (const w of size.values()) penalty += (w * (w - 1)) / 2
  return internal - resolution * penalty
}
