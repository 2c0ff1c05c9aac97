// Choosing the resolution γ by stability: a resolution at which Leiden finds much the same partition
// whatever the seed describes structure in the network rather than noise of the optimiser (in the spirit of
// Lambiotte, Delvenne & Barahona's Markov stability, measured here as agreement across random seeds).
import { meanPairwiseNmi } from './compare.js'
import type { CsrGraph } from './csr.js'
import { leiden, type LeidenOptions } from './leiden.js'

export interface ResolutionOptions {
  candidates: number[]
  /** Runs per candidate, seeds 1 .. seeds. */
  seeds: number
  leiden: Partial<LeidenOptions>
  /**
   * Candidates this close to the best stability count as equally stable, and the one closest to 1 wins. A
   * coarse resolution that merges real communities is often a shade more stable than the right one (fewer,
   * larger groups agree more easily across seeds), so callers on noisy data widen this.
   */
  tolerance: number
}

export const RESOLUTION_DEFAULTS: ResolutionOptions = {
  candidates: [0.5, 0.75, 1, 1.25, 1.5, 2],
  seeds: 5,
  leiden: {},
  tolerance: 0.001,
}

export interface ResolutionChoice {
  resolution: number
  /** Mean pairwise NMI of the runs at each candidate, in candidate order. */
  stability: { resolution: number; stability: number; communities: number; quality: number }[]
  /** The best-quality run at the chosen resolution. */
  membership: Int32Array
}

/**
 * Runs Leiden at every candidate with several seeds and picks the most stable resolution; ties (within
 * `tolerance` of the best) go to the candidate closest to 1, the conventional modularity. The seeds are
 * 1 .. seeds for every graph, so the same graph always gives the same choice (see discovery-graph.ts for how
 * the interaction graph is made the same for the same log).
 */
export function chooseResolution(graph: CsrGraph, options: Partial<ResolutionOptions> = {}): ResolutionChoice {
  const o = { ...RESOLUTION_DEFAULTS, ...options }
  if (o.candidates.length === 0) throw new RangeError('no candidate resolutions')
  const stability: ResolutionChoice['stability'] = []
  const memberships: Int32Array[] = []
  for (const resolution of o.candidates) {
    const runs = []
    for (let seed = 1; seed <= Math.max(2, o.seeds); seed++) runs.push(leiden(graph, { ...o.leiden, resolution, seed }))
    const s = meanPairwiseNmi(runs.map((r) => r.membership))
    const top = runs.reduce((a, b) => (b.quality > a.quality ? b : a))
    stability.push({ resolution, stability: s, communities: top.communities, quality: top.quality })
    memberships.push(top.membership)
  }
  // Compared with the best over all candidates, not a running best, so the order of candidates does not matter.
  const most = Math.max(...stability.map((c) => c.stability))
  let pick = -1
  stability.forEach((c, i) => {
    if (c.stability < most - o.tolerance) return
    if (pick < 0 || preferred(c, stability[pick]!)) pick = i
  })
  return { resolution: stability[pick]!.resolution, stability, membership: memberships[pick]! }
}

/**
 * The fixed rule among equally stable candidates, whatever order they come in: the one closest to 1; of two
 * equally close (0.75 and 1.25), the more stable; then the smaller resolution.
 */
function preferred(a: { resolution: number; stability: number }, b: { resolution: number; stability: number }): boolean {
  const da = Math.abs(a.resolution - 1)
  const db = Math.abs(b.resolution - 1)
  if (da !== db) return da < db
  if (a.stability !== b.stability) return a.stability > b.stability
  return a.resolution < b.resolution
}
