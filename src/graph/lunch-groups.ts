// Lunch groups of a chosen size (3–6): everyone in a group, the remainder spread over the groups (never left
// out), favouring groups that bridge communities and share few ties, like lunch pairs (pairing.ts).
//
// The objective is the sum of the pair value w(p, q) of pairing.ts over the pairs in each group. Sizes are
// fixed first: g = ⌊n / size⌋ groups, one more when the remainder would not fit one extra person per group, and
// n dealt as evenly as possible (so sizes differ by at most one). A random seating is then improved by swapping
// two people of different groups when that raises the sum (first improvement over random pairs, as for circles
// in grouping.ts), which keeps the sizes; the search ends after a sweep without improvement.

import { seededRandom } from './match-candidates.js'
import { PAIRING_DEFAULTS, pairValue, shuffledOrder, type PairingInput, type PairingOptions } from './pairing.js'

export interface LunchGroupOptions extends PairingOptions {
  /** Swap attempts per person per sweep. */
  triesPerPerson: number
}

export const LUNCH_GROUP_DEFAULTS: LunchGroupOptions = { ...PAIRING_DEFAULTS, triesPerPerson: 6 }

/** The group sizes of n people in groups of about `size`: as even as possible, none empty, none left out. */
export function lunchGroupSizes(n: number, size: number): number[] {
  if (n <= 0) return []
  let g = Math.floor(n / size)
  if (g === 0 || n - g * size > g) g++
  const sizes: number[] = []
  for (let k = 0; k < g; k++) sizes.push(Math.floor(n / g) + (k < n % g ? 1 : 0))
  return sizes
}

/** Groups of about `size` people covering everyone (see the header); `size` 2 is better served by formPairs. */
export function formLunchGroups(input: PairingInput, size: number, options: Partial<LunchGroupOptions> = {}): number[][] {
  const opts = { ...LUNCH_GROUP_DEFAULTS, ...options }
  const n = input.dept.length
  if (n < 2) return n === 1 ? [[0]] : []
  const rng = seededRandom(opts.seed)
  const order = shuffledOrder(n, rng)
  const groups: number[][] = []
  let at = 0
  for (const s of lunchGroupSizes(n, size)) {
    groups.push(order.slice(at, at + s))
    at += s
  }
  if (groups.length < 2) return groups
  const groupOf = new Int32Array(n)
  groups.forEach((members, g) => members.forEach((p) => (groupOf[p] = g)))
  const w = (p: number, q: number) => pairValue(input, p, q, opts)
  // What p adds to group g, without counting `except` (the person p would replace there).
  const valueIn = (p: number, g: number, except: number) => {
    let v = 0
    for (const x of groups[g]!) if (x !== p && x !== except) v += w(p, x)
    return v
  }
  for (let sweep = 0; sweep < opts.maxSweeps; sweep++) {
    let improved = false
    for (let p = 0; p < n; p++) {
      for (let t = 0; t < opts.triesPerPerson; t++) {
        const q = Math.floor(rng() * n)
        const gp = groupOf[p]!
        const gq = groupOf[q]!
        if (gp === gq) continue
        const delta = valueIn(q, gp, p) - valueIn(p, gp, p) + valueIn(p, gq, q) - valueIn(q, gq, q)
        if (delta <= 1e-9) continue
        const a = groups[gp]!
        const b = groups[gq]!
        a[a.indexOf(p)] = q
        b[b.indexOf(q)] = p
        groupOf[p] = gq
        groupOf[q] = gp
        improved = true
      }
    }
    if (!improved) break
  }
  return groups
}

/** The objective of a grouping: the sum of pair values within groups. */
export function lunchGroupsValue(
  input: PairingInput,
  groups: readonly (readonly number[])[],
  opts: PairingOptions = PAIRING_DEFAULTS,
): number {
  let total = 0
  for (const g of groups)
    for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) total += pairValue(input, g[a]!, g[b]!, opts)
  return total
}
