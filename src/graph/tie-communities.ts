// Communities of the tie graph for lunch rounds ("bridge different communities"), by label propagation
// (Raghavan, Albert & Kumara 2007) in a seeded random order with ties broken by the smallest label. A quick,
// good-enough partition for preferring bridges; the Leiden partition of the insights domain can replace it.

import { seededRandom } from './match-candidates.js'
import type { TieGraph } from './pairing.js'

/** Each person's community label (labels are person indices). */
export function propagateLabels(g: TieGraph, options: { seed?: number; maxRounds?: number } = {}): Int32Array {
  const n = g.start.length - 1
  const label = Int32Array.from({ length: n }, (_, p) => p)
  const rng = seededRandom(options.seed ?? 1)
  const order = Array.from({ length: n }, (_, p) => p)
  const count = new Map<number, number>()
  for (let round = 0; round < (options.maxRounds ?? 20); round++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    let changed = 0
    for (const p of order) {
      if (g.start[p] === g.start[p + 1]) continue
      count.clear()
      for (let x = g.start[p]!; x < g.start[p + 1]!; x++) {
        const l = label[g.neighbour[x]!]!
        count.set(l, (count.get(l) ?? 0) + 1)
      }
      let best = label[p]!
      let bestCount = count.get(best) ?? 0
      for (const [l, c] of count)
        if (c > bestCount || (c === bestCount && l < best)) {
          best = l
          bestCount = c
        }
      if (best !== label[p]) {
        label[p] = best
        changed++
      }
    }
    if (changed === 0) break
  }
  return label
}
