// Lunch and coffee rounds: everyone in pairs (one trio when the count is odd), favouring pairs that bridge
// communities and share few ties, so a round links people who would not otherwise meet.
//
// Pair value w(p, q) = bridgeWeight·[different communities] + deptWeight·[different departments]
// − sharedTieWeight·|N(p) ∩ N(q)| − tiedWeight·[already tied] − forbiddenPenalty·[must not meet] + affinity(p, q).
// A random perfect pairing is improved by 2-exchange local search: two pairs (a, b), (c, d) become (a, c),
// (b, d) or (a, d), (b, c) when that raises the sum. The odd person out joins the pair they add most to.

import { seededRandom } from './match-candidates.js'

/** Undirected ties in CSR form with each person's neighbours sorted ascending. */
export interface TieGraph {
  start: Int32Array
  neighbour: Int32Array
}

export interface PairingInput {
  community: Int32Array
  dept: Int32Array
  ties: TieGraph
  /** Partners person p must not be paired with. */
  forbidden: readonly (readonly number[])[]
  /** Extra value of a pair (shared topics, for introductions); none when absent. */
  affinity?: (p: number, q: number) => number
}

export interface PairingOptions {
  bridgeWeight: number
  deptWeight: number
  sharedTieWeight: number
  tiedWeight: number
  forbiddenPenalty: number
  /** Exchange attempts per pair per sweep; the search ends after a sweep without improvement. */
  triesPerPair: number
  maxSweeps: number
  seed: number
}

export const PAIRING_DEFAULTS: PairingOptions = {
  bridgeWeight: 3,
  deptWeight: 1,
  sharedTieWeight: 0.5,
  tiedWeight: 1,
  forbiddenPenalty: 1000,
  triesPerPair: 6,
  maxSweeps: 20,
  seed: 1,
}

/** Builds the tie graph of `n` people from undirected edges (duplicates and self-loops are dropped). */
export function tieGraph(n: number, edges: readonly (readonly [number, number])[]): TieGraph {
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set())
  for (const [a, b] of edges)
    if (a !== b) {
      sets[a]!.add(b)
      sets[b]!.add(a)
    }
  const start = new Int32Array(n + 1)
  for (let p = 0; p < n; p++) start[p + 1] = start[p]! + sets[p]!.size
  const neighbour = new Int32Array(start[n]!)
  for (let p = 0; p < n; p++)
    neighbour.set(
      [...sets[p]!].sort((x, y) => x - y),
      start[p],
    )
  return { start, neighbour }
}

/** Number of common neighbours of p and q, by merging their sorted lists. */
export function sharedTies(g: TieGraph, p: number, q: number): number {
  let i = g.start[p]!
  let j = g.start[q]!
  const ie = g.start[p + 1]!
  const je = g.start[q + 1]!
  let n = 0
  while (i < ie && j < je) {
    const a = g.neighbour[i]!
    const b = g.neighbour[j]!
    if (a === b) {
      n++
      i++
      j++
    } else if (a < b) i++
    else j++
  }
  return n
}

function tied(g: TieGraph, p: number, q: number): boolean {
  let lo = g.start[p]!
  let hi = g.start[p + 1]! - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = g.neighbour[mid]!
    if (v === q) return true
    if (v < q) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/** The value of pairing p with q (see the header). */
export function pairValue(input: PairingInput, p: number, q: number, opts: PairingOptions = PAIRING_DEFAULTS): number {
  return (
    (input.community[p] !== input.community[q] ? opts.bridgeWeight : 0) +
    (input.dept[p] !== input.dept[q] ? opts.deptWeight : 0) -
    opts.sharedTieWeight * sharedTies(input.ties, p, q) -
    (tied(input.ties, p, q) ? opts.tiedWeight : 0) -
    (input.forbidden[p]!.includes(q) ? opts.forbiddenPenalty : 0) +
    (input.affinity?.(p, q) ?? 0)
  )
}

/** 0..n-1 in an order drawn from `rng` (Fisher–Yates). */
export function shuffledOrder(n: number, rng: () => number): number[] {
  const order = Array.from({ length: n }, (_, p) => p)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}

/** Pairs (and at most one trio) covering everyone, in the order they were formed. */
export function formPairs(input: PairingInput, options: Partial<PairingOptions> = {}): number[][] {
  const opts = { ...PAIRING_DEFAULTS, ...options }
  const n = input.dept.length
  if (n < 2) return n === 1 ? [[0]] : []
  const rng = seededRandom(opts.seed)
  const order = shuffledOrder(n, rng)
  const odd = n % 2 === 1 ? order.pop()! : -1
  const m = order.length / 2
  const left = new Int32Array(m)
  const right = new Int32Array(m)
  const value = new Float64Array(m)
  const w = (p: number, q: number) => pairValue(input, p, q, opts)
  for (let k = 0; k < m; k++) {
    left[k] = order[2 * k]!
    right[k] = order[2 * k + 1]!
    value[k] = w(left[k]!, right[k]!)
  }
  for (let sweep = 0; sweep < opts.maxSweeps; sweep++) {
    let improved = false
    for (let x = 0; x < m; x++) {
      for (let t = 0; t < opts.triesPerPair; t++) {
        const y = Math.floor(rng() * m)
        if (y === x) continue
        const a = left[x]!
        const b = right[x]!
        const c = left[y]!
        const d = right[y]!
        const now = value[x]! + value[y]!
        const ac = w(a, c)
        const bd = w(b, d)
        const ad = w(a, d)
        const bc = w(b, c)
        if (ac + bd > now && ac + bd >= ad + bc) {
          right[x] = c
          left[y] = b
          value[x] = ac
          value[y] = bd
          improved = true
        } else if (ad + bc > now) {
          right[x] = d
          right[y] = b
          left[y] = c
          value[x] = ad
          value[y] = bc
          improved = true
        }
      }
    }
    if (!improved) break
  }
  const groups: number[][] = []
  for (let k = 0; k < m; k++) groups.push([left[k]!, right[k]!])
  if (odd >= 0) {
    let best = 0
    let bestGain = -Infinity
    for (let k = 0; k < m; k++) {
      const gain = w(odd, left[k]!) + w(odd, right[k]!)
      if (gain > bestGain) {
        bestGain = gain
        best = k
      }
    }
    groups[best]!.push(odd)
  }
  return groups
}

/** Random pairing of the same people (the evaluation's reference): shuffled, consecutive pairs, one trio. */
export function randomPairs(n: number, seed: number): number[][] {
  const order = shuffledOrder(n, seededRandom(seed))
  const groups: number[][] = []
  for (let i = 0; i + 1 < n; i += 2) groups.push([order[i]!, order[i + 1]!])
  if (n % 2 === 1 && groups.length > 0) groups[groups.length - 1]!.push(order[n - 1]!)
  return groups
}
