// Peer coaching circles: balanced groups of 4–6 people, mixed in department and tenure.
//
// The objective is a sum over pairs in the same group: `deptWeight` for each pair from different departments,
// `tenureWeight` for each pair from different tenure bands, minus `forbiddenPenalty` for each pair that must
// not meet (own manager or report, a recent repeat). Because it is pairwise over categories, the gain of
// swapping two people between groups is O(1) from per-group counts plus the few forbidden pairs involved.
// Seeding deals people sorted by (department, tenure) round-robin into the groups, which already spreads
// both; a swap local search (first improvement over random pairs, as in the max-diversity grouping heuristics
// of Gallego et al. 2013) then climbs until a sweep finds nothing.

import { seededRandom } from './match-candidates.js'

export interface GroupingInput {
  dept: Int32Array
  tenure: Int32Array
  /** Partners person p must not share a group with. */
  forbidden: readonly (readonly number[])[]
}

export interface GroupingOptions {
  minSize: number
  maxSize: number
  deptWeight: number
  tenureWeight: number
  forbiddenPenalty: number
  /** Swap attempts per person per sweep; the search ends after a sweep without improvement. */
  triesPerPerson: number
  maxSweeps: number
  seed: number
}

export const GROUPING_DEFAULTS: GroupingOptions = {
  minSize: 4,
  maxSize: 6,
  deptWeight: 2,
  tenureWeight: 1,
  forbiddenPenalty: 1000,
  triesPerPerson: 8,
  maxSweeps: 30,
  seed: 1,
}

/** How many groups n people make: sizes as close to the middle of [min, max] as the bounds allow. */
export function groupCount(n: number, minSize: number, maxSize: number): number {
  if (n === 0) return 0
  let g = Math.max(1, Math.round(n / ((minSize + maxSize) / 2)))
  while (Math.ceil(n / g) > maxSize) g++
  while (g > 1 && Math.floor(n / g) < minSize && Math.ceil(n / (g - 1)) <= maxSize) g--
  return g
}

/** Objective value of a grouping (the sum over same-group pairs described above). */
export function groupingObjective(input: GroupingInput, groupOf: Int32Array, opts: GroupingOptions = GROUPING_DEFAULTS): number {
  const groups = new Map<number, number[]>()
  groupOf.forEach((g, p) => groups.set(g, [...(groups.get(g) ?? []), p]))
  let total = 0
  for (const members of groups.values())
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) total += pairValue(input, opts, members[a]!, members[b]!)
  return total
}

function pairValue(input: GroupingInput, opts: GroupingOptions, p: number, q: number): number {
  return (
    (input.dept[p] !== input.dept[q] ? opts.deptWeight : 0) +
    (input.tenure[p] !== input.tenure[q] ? opts.tenureWeight : 0) -
    (input.forbidden[p]!.includes(q) ? opts.forbiddenPenalty : 0)
  )
}

/** Forms balanced groups (sizes differ by at most one) maximising the objective. Returns each person's group. */
export function formGroups(input: GroupingInput, options: Partial<GroupingOptions> = {}): Int32Array {
  const opts = { ...GROUPING_DEFAULTS, ...options }
  const n = input.dept.length
  const G = groupCount(n, opts.minSize, opts.maxSize)
  const groupOf = new Int32Array(n)
  if (G <= 1) return groupOf
  const rng = seededRandom(opts.seed)
  const order = Array.from({ length: n }, (_, p) => p)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  order.sort((a, b) => input.dept[a]! - input.dept[b]! || input.tenure[a]! - input.tenure[b]!)
  order.forEach((p, i) => (groupOf[p] = i % G))

  let maxDept = 0
  let maxTenure = 0
  for (let p = 0; p < n; p++) {
    maxDept = Math.max(maxDept, input.dept[p]!)
    maxTenure = Math.max(maxTenure, input.tenure[p]!)
  }
  const D = maxDept + 1
  const T = maxTenure + 1
  const size = new Int32Array(G)
  const deptCount = new Int32Array(G * D)
  const tenureCount = new Int32Array(G * T)
  for (let p = 0; p < n; p++) {
    const g = groupOf[p]!
    size[g]!++
    deptCount[g * D + input.dept[p]!]!++
    tenureCount[g * T + input.tenure[p]!]!++
  }

  // Value person p adds to group g (without p in it); `skip` is someone in g to leave out.
  const valueIn = (p: number, g: number, skip: number): number => {
    const others = size[g]! - 1
    const sameDept = deptCount[g * D + input.dept[p]!]! - (input.dept[skip] === input.dept[p] ? 1 : 0)
    const sameTenure = tenureCount[g * T + input.tenure[p]!]! - (input.tenure[skip] === input.tenure[p] ? 1 : 0)
    let v = (others - sameDept) * opts.deptWeight + (others - sameTenure) * opts.tenureWeight
    for (const q of input.forbidden[p]!) if (q !== skip && groupOf[q] === g) v -= opts.forbiddenPenalty
    return v
  }
  // Value p has in its own group g: the same count, minus p itself.
  const valueHere = (p: number): number => {
    const g = groupOf[p]!
    const others = size[g]! - 1
    const sameDept = deptCount[g * D + input.dept[p]!]! - 1
    const sameTenure = tenureCount[g * T + input.tenure[p]!]! - 1
    let v = (others - sameDept) * opts.deptWeight + (others - sameTenure) * opts.tenureWeight
    for (const q of input.forbidden[p]!) if (q !== p && groupOf[q] === g) v -= opts.forbiddenPenalty
    return v
  }
  const move = (p: number, from: number, to: number) => {
    deptCount[from * D + input.dept[p]!]!--
    tenureCount[from * T + input.tenure[p]!]!--
    deptCount[to * D + input.dept[p]!]!++
    tenureCount[to * T + input.tenure[p]!]!++
    groupOf[p] = to
  }

  for (let sweep = 0; sweep < opts.maxSweeps; sweep++) {
    let improved = false
    for (let p = 0; p < n; p++) {
      for (let t = 0; t < opts.triesPerPerson; t++) {
        const q = Math.floor(rng() * n)
        const a = groupOf[p]!
        const b = groupOf[q]!
        if (a === b) continue
        // Gain of swapping p (in a) and q (in b): only their own pairs change.
        const before = valueHere(p) + valueHere(q)
        const after = valueIn(p, b, q) + valueIn(q, a, p)
        if (after > before) {
          move(p, a, b)
          move(q, b, a)
          improved = true
        }
      }
    }
    if (!improved) break
  }
  return groupOf
}
