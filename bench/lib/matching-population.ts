// A synthetic organisation for the matching benchmark: departments, an org tree (each manager has up to 8
// reports), tenure bands, skills wanted and offered drawn from a skewed vocabulary, aspirations, and a tie
// graph mostly inside hidden communities that cut across departments.
import { seededRandom } from '../../src/graph/match-candidates.js'
import { tieGraph, type TieGraph } from '../../src/graph/pairing.js'

export interface Population {
  n: number
  dept: Int32Array
  tenure: Int32Array
  managerOf: Int32Array
  /** Tokens wanted (skills wanted and aspirations) and offered (skills offered and identity), weighted. */
  wants: [number, number][][]
  offers: [number, number][][]
  ties: TieGraph
  /** Each person's manager and reports: the pairs that must never be matched. */
  forbidden: number[][]
}

/** Builds `n` people with a seeded generator. */
export function makePopulation(n: number, seed: number): Population {
  const rng = seededRandom(seed)
  const vocabulary = 400
  const skewed = () => Math.floor(vocabulary * rng() * rng())
  const dept = Int32Array.from({ length: n }, () => Math.floor(rng() * 20))
  const tenure = Int32Array.from({ length: n }, () => Math.floor(rng() * 4))
  const managerOf = Int32Array.from({ length: n }, (_, p) => (p === 0 ? -1 : Math.floor((p - 1) / 8)))
  const pick = (k: number, w: number) => Array.from({ length: k }, () => [skewed(), w] as [number, number])
  const wants = Array.from({ length: n }, () => [...pick(3, 3), ...pick(2, 2)])
  const offers = Array.from({ length: n }, () => [...pick(3, 3), ...pick(2, 2)])
  const community = Int32Array.from({ length: n }, () => Math.floor(rng() * Math.max(2, n / 40)))
  const byCommunity = new Map<number, number[]>()
  community.forEach((c, p) => byCommunity.set(c, [...(byCommunity.get(c) ?? []), p]))
  const edges: [number, number][] = []
  for (let p = 0; p < n; p++) {
    const own = byCommunity.get(community[p]!)!
    for (let e = 0; e < 4; e++) edges.push([p, rng() < 0.85 ? own[Math.floor(rng() * own.length)]! : Math.floor(rng() * n)])
  }
  const forbidden: number[][] = Array.from({ length: n }, () => [])
  managerOf.forEach((m, p) => {
    if (m >= 0) {
      forbidden[p]!.push(m)
      forbidden[m]!.push(p)
    }
  })
  return { n, dept, tenure, managerOf, wants, offers, ties: tieGraph(n, edges), forbidden }
}
