// Practice adoption as an independent cascade (Kempe, Kleinberg & Tardos, "Maximizing the spread of
// influence through a social network", KDD 2003): when a person adopts, each neighbour who has not adopted
// yet adopts in the next step with probability 1 − (1 − p)^w for a tie of weight w; seeded Monte Carlo runs
// give each person's adoption probability and the expected adoption curve.
import type { CsrGraph } from './csr.js'
import { seededRandom } from './random.js'

export interface CascadeOptions {
  /** Probability that a tie of weight 1 passes the practice on in one step. */
  probability: number
  /** Monte Carlo runs. */
  runs: number
  /** Steps simulated in each run. */
  steps: number
  seed: number
}

export const CASCADE_DEFAULTS: CascadeOptions = { probability: 0.1, runs: 200, steps: 10, seed: 1 }

export interface CascadeResult {
  /** Share of runs in which each node adopted (1 for the adopters given). */
  adoption: Float64Array
  /** Expected number of adopters after each step (index 0: the adopters given). */
  curve: Float64Array
}

/** Simulates the spread from the current adopters. */
export function independentCascade(graph: CsrGraph, adopters: ArrayLike<number>, options: Partial<CascadeOptions> = {}): CascadeResult {
  const o = { ...CASCADE_DEFAULTS, ...options }
  const { n, offsets, targets, weights } = graph
  const random = seededRandom(o.seed)
  const adoption = new Float64Array(n)
  const curve = new Float64Array(o.steps + 1)
  const adopted = new Uint8Array(n)
  const frontier = new Int32Array(n)
  const next = new Int32Array(n)
  const keep = Math.log1p(-Math.min(Math.max(o.probability, 0), 1 - 1e-12))
  for (let run = 0; run < o.runs; run++) {
    adopted.fill(0)
    let size = 0
    for (let i = 0; i < adopters.length; i++) {
      const v = adopters[i]!
      if (!adopted[v]) {
        adopted[v] = 1
        frontier[size++] = v
      }
    }
    let total = size
    curve[0] = curve[0]! + total
    for (let step = 1; step <= o.steps; step++) {
      let nextSize = 0
      for (let i = 0; i < size; i++) {
        const v = frontier[i]!
        for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
          const u = targets[k]!
          // 1 − (1 − p)^w, through log1p so that small p and fractional weights stay exact.
          if (adopted[u] || random() >= -Math.expm1(keep * weights[k]!)) continue
          adopted[u] = 1
          next[nextSize++] = u
        }
      }
      frontier.set(next.subarray(0, nextSize))
      size = nextSize
      total += nextSize
      curve[step] = curve[step]! + total
    }
    for (let v = 0; v < n; v++) adoption[v] = adoption[v]! + adopted[v]!
  }
  for (let v = 0; v < n; v++) adoption[v] = adoption[v]! / o.runs
  for (let s = 0; s <= o.steps; s++) curve[s] = curve[s]! / o.runs
  return { adoption, curve }
}
