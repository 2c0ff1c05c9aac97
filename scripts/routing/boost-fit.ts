// Fitting the routing trees (src/server/asks/expertise/trees.ts): gradient boosting of the per-question
// softmax (the loss the linear weights are fitted with, fit.ts), each tree a Newton step on it (Friedman,
// "Greedy function approximation: a gradient boosting machine", 2001; second-order leaves as in XGBoost, Chen
// & Guestrin, KDD 2016). Features are cut into quantile bins once, and each level of a tree is grown with one
// pass over the rows into per-node histograms, so a tree over a million candidate rows takes a fraction of a
// second. The starting score of every row is given (the linear model's), so the trees learn what it misses.
// Deterministic: the only randomness, the questions drawn for each tree, comes from a seeded generator.
import type { TreeJson } from '../../src/server/asks/expertise/trees.js'
import { seededRandom } from '../../src/graph/network/random.js'

/** One routed question as the trees see it. */
export interface BoostQuery {
  /** rows × width raw feature values. */
  values: Float32Array
  /** The starting score of each row (e.g. the linear model's). */
  margin: Float64Array
  relevant: readonly number[]
  /** How many candidates each row stands for (sampling, see rows.ts); 1 when unset. */
  weights?: Float64Array
  /** How much this question counts in the loss (1 when unset), e.g. so that each site weighs the same. */
  queryWeight?: number
}

export interface BoostOptions {
  width: number
  /** At most this many trees; fewer when validation stops improving for `patience` trees. */
  trees: number
  depth: number
  shrinkage: number
  /** L2 penalty on the leaf values (in units of the loss's curvature). */
  lambda: number
  /** A split needs at least this much curvature on each side: a handful of questions' worth, not one row. */
  minHessian: number
  /** Quantile bins per feature (at most 256). */
  bins: number
  /** The share of questions each tree is fitted on. */
  subsample: number
  seed: number
  /** Columns the trees may not split on (e.g. a feature the training data never sets). */
  exclude?: readonly number[]
  validation?: readonly BoostQuery[]
  /** Each validation question's group (site): the MRR that stops the fit is the mean of the groups' MRRs. */
  validationGroups?: readonly number[]
  patience?: number
  /** Called after each tree with the training loss before it and the validation MRR after it. */
  onTree?: (k: number, loss: number, mrr: number) => void
}

export interface BoostResult {
  /** The trees up to the best validation MRR (all of them without validation), leaves already shrunk. */
  trees: TreeJson[]
  bestMrr: number
  /** The validation MRR of the starting scores alone (NaN without validation). */
  startMrr: number
  losses: number[]
}

/** The graph engine's seeded generator (mulberry32): the same sequence for every seed the fit uses (seed ≠ 0). */
export { seededRandom }

/** Thresholds per feature: midpoints between distinct quantiles of a sample of the rows' values. */
export function quantileThresholds(queries: readonly BoostQuery[], width: number, bins: number): Float64Array[] {
  const total = queries.reduce((n, q) => n + q.values.length / width, 0)
  const step = Math.max(1, Math.floor(total / 200_000))
  const samples: number[][] = Array.from({ length: width }, () => [])
  let i = 0
  for (const q of queries)
    for (let o = 0; o < q.values.length; o += width, i++)
      if (i % step === 0) for (let j = 0; j < width; j++) samples[j]!.push(q.values[o + j]!)
  return samples.map((s) => {
    s.sort((a, b) => a - b)
    const picks = [...new Set(Array.from({ length: bins }, (_, k) => s[Math.min(s.length - 1, Math.floor(((k + 1) * s.length) / bins))]!))]
    const out: number[] = []
    for (let k = 0; k + 1 < picks.length; k++) out.push((picks[k]! + picks[k + 1]!) / 2)
    return Float64Array.from(out)
  })
}

/** The bin of a value: the first threshold at or above it (so "bin <= b" is "value <= threshold b"). */
function binOf(thresholds: Float64Array, x: number): number {
  let lo = 0
  let hi = thresholds.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (x <= thresholds[mid]!) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** The score of one row of `values` (starting at `o`) under one tree. */
export function treeValue(tree: TreeJson, values: Float32Array | Float64Array, o: number): number {
  if (tree.feature.length === 0) return tree.leaf[0]!
  let i = 0
  for (;;) {
    const next = Math.fround(values[o + tree.feature[i]!]!) <= tree.threshold[i]! ? tree.left[i]! : tree.right[i]!
    if (next < 0) return tree.leaf[-next - 1]!
    i = next
  }
}

/** Softmax loss of one question (-log of the probability that a relevant row comes first), its gradient and curvature. */
export function queryGradient(
  scores: Float64Array,
  relevant: readonly number[],
  weights: Float64Array | undefined,
  grad: Float64Array,
  hess: Float64Array,
  at: number,
  queryWeight = 1,
): number {
  const n = scores.length
  let max = -Infinity
  for (let r = 0; r < n; r++) max = Math.max(max, scores[r]!)
  let z = 0
  const e = new Float64Array(n)
  for (let r = 0; r < n; r++) {
    e[r] = Math.exp(scores[r]! - max)
    z += e[r]! * (weights?.[r] ?? 1)
  }
  let rel = 0
  for (const r of relevant) rel += e[r]!
  for (let r = 0; r < n; r++) {
    const p = (e[r]! * (weights?.[r] ?? 1)) / z
    grad[at + r] = queryWeight * p
    hess[at + r] = queryWeight * Math.max(p * (1 - p), 1e-12)
  }
  for (const r of relevant) grad[at + r] = grad[at + r]! - (queryWeight * e[r]!) / rel
  return queryWeight * (Math.log(z) - Math.log(rel))
}

/** MRR of the first relevant row, ties at their midpoint, each row counted as the candidates it stands for. */
export function mrrOf(queries: readonly BoostQuery[], scores: readonly Float64Array[]): number {
  let total = 0
  queries.forEach((q, k) => {
    const s = scores[k]!
    let best = -Infinity
    for (const r of q.relevant) best = Math.max(best, s[r]!)
    let above = 0
    let ties = 0
    for (let r = 0; r < s.length; r++) {
      if (s[r]! > best) above += q.weights?.[r] ?? 1
      else if (s[r] === best) ties += q.weights?.[r] ?? 1
    }
    total += 1 / (above + (ties + 1) / 2)
  })
  return queries.length > 0 ? total / queries.length : 0
}

/** Fits boosted trees on `queries` (see the file's comment). */
export function fitBoosted(queries: readonly BoostQuery[], options: BoostOptions): BoostResult {
  const { width, bins } = options
  const thresholds = quantileThresholds(queries, width, Math.min(bins, 256))
  const offsets = new Int32Array(queries.length + 1)
  queries.forEach((q, k) => (offsets[k + 1] = offsets[k]! + q.values.length / width))
  const n = offsets[queries.length]!
  const binned = new Uint8Array(n * width)
  queries.forEach((q, k) => {
    for (let r = 0, o = offsets[k]! * width; r < q.values.length / width; r++)
      for (let j = 0; j < width; j++, o++) binned[o] = binOf(thresholds[j]!, q.values[r * width + j]!)
  })
  const excluded = new Set(options.exclude ?? [])
  const scores = queries.map((q) => Float64Array.from(q.margin))
  const val = options.validation ?? []
  const valScores = val.map((q) => Float64Array.from(q.margin))
  const grad = new Float64Array(n)
  const hess = new Float64Array(n)
  const node = new Int32Array(n)
  const random = seededRandom(options.seed)
  const trees: TreeJson[] = []
  const losses: number[] = []
  const groups = options.validationGroups ?? val.map(() => 0)
  const groupCount = Math.max(0, ...groups) + 1
  const validationMrr = () => {
    let total = 0
    for (let g = 0; g < groupCount; g++) {
      const at = val.flatMap((_, k) => (groups[k] === g ? [k] : []))
      total += mrrOf(
        at.map((k) => val[k]!),
        at.map((k) => valScores[k]!),
      )
    }
    return total / groupCount
  }
  let bestMrr = val.length > 0 ? validationMrr() : NaN
  const startMrr = bestMrr
  let bestCount = 0
  for (let k = 0; k < options.trees; k++) {
    let loss = 0
    queries.forEach((q, qi) => {
      const drawn = options.subsample >= 1 || random() < options.subsample
      loss += queryGradient(scores[qi]!, q.relevant, q.weights, grad, hess, offsets[qi]!, q.queryWeight)
      node.fill(drawn ? 0 : -1, offsets[qi], offsets[qi + 1])
    })
    losses.push(loss / queries.length)
    const tree = growTree(binned, thresholds, grad, hess, node, width, options, excluded)
    trees.push(tree)
    queries.forEach((q, qi) => {
      const s = scores[qi]!
      for (let r = 0; r < s.length; r++) s[r] = s[r]! + treeValue(tree, q.values, r * width)
    })
    if (val.length > 0) {
      val.forEach((q, qi) => {
        const s = valScores[qi]!
        for (let r = 0; r < s.length; r++) s[r] = s[r]! + treeValue(tree, q.values, r * width)
      })
      const mrr = validationMrr()
      options.onTree?.(k, losses[k]!, mrr)
      if (mrr > bestMrr) [bestMrr, bestCount] = [mrr, k + 1]
      else if (k + 1 - bestCount >= (options.patience ?? Infinity)) break
    } else {
      options.onTree?.(k, losses[k]!, NaN)
      bestCount = k + 1
    }
  }
  return { trees: trees.slice(0, bestCount), bestMrr, startMrr, losses }
}

/** Grows one tree level by level from the rows whose node is 0 (the others are left out). */
function growTree(
  binned: Uint8Array,
  thresholds: Float64Array[],
  grad: Float64Array,
  hess: Float64Array,
  node: Int32Array,
  width: number,
  options: BoostOptions,
  excluded: ReadonlySet<number>,
): TreeJson {
  const tree: TreeJson = { feature: [], threshold: [], left: [], right: [], leaf: [] }
  const B = 256
  // The open nodes of the current level: where the parent points to them, and their sums.
  type Open = { parent: number; side: 'left' | 'right' | 'root'; g: number; h: number }
  let g0 = 0
  let h0 = 0
  for (let r = 0; r < node.length; r++)
    if (node[r] === 0) {
      g0 += grad[r]!
      h0 += hess[r]!
    }
  let open: Open[] = [{ parent: -1, side: 'root', g: g0, h: h0 }]
  const leafValue = (o: Open) => (-o.g / (o.h + options.lambda)) * options.shrinkage
  const attach = (o: Open, child: number) => {
    if (o.side === 'left') tree.left[o.parent] = child
    else if (o.side === 'right') tree.right[o.parent] = child
  }
  const makeLeaf = (o: Open) => {
    tree.leaf.push(leafValue(o))
    attach(o, -tree.leaf.length)
  }
  for (let depth = 0; depth < options.depth && open.length > 0; depth++) {
    const histG = new Float64Array(open.length * width * B)
    const histH = new Float64Array(open.length * width * B)
    for (let r = 0; r < node.length; r++) {
      const at = node[r]!
      if (at < 0) continue
      const g = grad[r]!
      const h = hess[r]!
      const base = at * width * B
      for (let j = 0, o = r * width; j < width; j++, o++) {
        const idx = base + j * B + binned[o]!
        histG[idx] = histG[idx]! + g
        histH[idx] = histH[idx]! + h
      }
    }
    const next: Open[] = []
    const route = new Int32Array(open.length * 2).fill(-1)
    const split = open.map((o, at) => {
      const parentScore = (o.g * o.g) / (o.h + options.lambda)
      let best = { gain: 1e-9, j: -1, b: -1, gl: 0, hl: 0 }
      for (let j = 0; j < width; j++) {
        if (excluded.has(j)) continue
        let gl = 0
        let hl = 0
        const base = at * width * B + j * B
        for (let b = 0; b < thresholds[j]!.length; b++) {
          gl += histG[base + b]!
          hl += histH[base + b]!
          const hr = o.h - hl
          if (hl < options.minHessian || hr < options.minHessian) continue
          const gr = o.g - gl
          const gain = (gl * gl) / (hl + options.lambda) + (gr * gr) / (hr + options.lambda) - parentScore
          if (gain > best.gain) best = { gain, j, b, gl, hl }
        }
      }
      if (best.j < 0) {
        makeLeaf(o)
        return null
      }
      const id = tree.feature.length
      tree.feature.push(best.j)
      tree.threshold.push(thresholds[best.j]![best.b]!)
      tree.left.push(0)
      tree.right.push(0)
      attach(o, id)
      route[at * 2] = next.length
      next.push({ parent: id, side: 'left', g: best.gl, h: best.hl })
      route[at * 2 + 1] = next.length
      next.push({ parent: id, side: 'right', g: o.g - best.gl, h: o.h - best.hl })
      return best
    })
    for (let r = 0; r < node.length; r++) {
      const at = node[r]!
      if (at < 0) continue
      const s = split[at]
      node[r] = s ? route[at * 2 + (binned[r * width + s.j]! <= s.b ? 0 : 1)]! : -1
    }
    open = next
  }
  for (const o of open) makeLeaf(o)
  return tree
}
