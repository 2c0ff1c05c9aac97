// Boosted regression trees added to the linear routing score: the part of the ranking that a weighted sum
// of features cannot express (thresholds, saturation, "recent activity matters only for people who know the
// topic"). Fitted by scripts/routing/boost-fit.ts on the train parts only, with the per-question softmax as
// the loss (gradient boosting of a listwise objective, as LambdaMART boosts a ranking one: Burges, "From
// RankNet to LambdaRank to LambdaMART", MSR-TR-2010-82), on top of the linear score as its starting point.
// Shipped as JSON (trees.json) beside the weights; scoring a candidate costs a few comparisons per tree.
import { FEATURES } from './features.js'

/**
 * One tree in its file form. Internal nodes are numbered from 0 (the root); a child below 0 is the leaf
 * `-child - 1`. A row goes left when `Math.fround(value) <= threshold`: training saw float32 values, so
 * rounding the same way at serve time sends every row the way it went in training.
 */
export interface TreeJson {
  feature: number[]
  threshold: number[]
  left: number[]
  right: number[]
  leaf: number[]
}

/** The trees file: the feature names its `feature` indices refer to, and the trees, whose sum is added to the score. */
export interface BoostedTreesJson {
  features: string[]
  trees: TreeJson[]
}

/** Trees compiled for scoring: one flat array per field, nodes of all trees side by side. */
export interface CompiledTrees {
  count: number
  /** How many features the trees read: a candidate's tree row (gatherTreeRow) has this many values. */
  width: number
  /** The model's feature column of each value of a tree row. */
  columns: Int32Array
  /** The least and the most that the trees can add to any score: bounds for skipping hopeless candidates. */
  low: number
  high: number
  /** The leaves of trees without a split: the same for every row. */
  bias: number
  /** Offset of each tree's root in the node arrays, and of its first leaf in `leaf`. */
  rootOf: Int32Array
  leafOf: Int32Array
  /** The slot in the tree row that each node reads. */
  column: Int32Array
  threshold: Float64Array
  left: Int32Array
  right: Int32Array
  leaf: Float64Array
}

/**
 * Resolves the trees' feature names to the model's columns (FEATURES) and packs them. A name the code does
 * not know is an error, as it is for the linear weights: a silently ignored split would change every score.
 */
export function compileTrees(json: BoostedTreesJson): CompiledTrees {
  const columns = json.features.map((name) => {
    const at = (FEATURES as readonly string[]).indexOf(name)
    if (at < 0) throw new Error(`routing trees: unknown feature ${name}`)
    return at
  })
  json.trees.forEach((t, k) => {
    if (t.leaf.length !== t.feature.length + 1)
      throw new Error(`routing trees: tree ${k} has ${t.leaf.length} leaves for ${t.feature.length} splits`)
  })
  const split = json.trees.filter((t) => t.feature.length > 0)
  const nodes = split.reduce((n, t) => n + t.feature.length, 0)
  const leaves = split.reduce((n, t) => n + t.leaf.length, 0)
  const out: CompiledTrees = {
    count: split.length,
    width: columns.length,
    columns: Int32Array.from(columns),
    low: json.trees.reduce((b, t) => b + Math.min(...t.leaf), 0),
    high: json.trees.reduce((b, t) => b + Math.max(...t.leaf), 0),
    bias: json.trees.reduce((b, t) => (t.feature.length === 0 ? b + t.leaf[0]! : b), 0),
    rootOf: new Int32Array(split.length),
    leafOf: new Int32Array(split.length),
    column: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    leaf: new Float64Array(leaves),
  }
  let node = 0
  let leaf = 0
  split.forEach((t, k) => {
    out.rootOf[k] = node
    out.leafOf[k] = leaf
    t.feature.forEach((f, i) => {
      if (columns[f] === undefined) throw new Error(`routing trees: tree ${k} reads feature ${f} of ${columns.length}`)
      out.column[node + i] = f
      out.threshold[node + i] = t.threshold[i]!
      out.left[node + i] = t.left[i]!
      out.right[node + i] = t.right[i]!
    })
    out.leaf.set(t.leaf, leaf)
    node += t.feature.length
    leaf += t.leaf.length
  })
  return out
}

/**
 * Copies the values the trees read from a model feature row (FEATURE_COUNT columns, as computeFeatures fills
 * it) into slot `i` of `rows`, as float32: training saw float32 values, so every row goes the way it went there.
 */
export function gatherTreeRow(trees: CompiledTrees, row: Float64Array, rows: Float32Array, i: number): void {
  const { columns, width } = trees
  for (let k = 0, o = i * width; k < width; k++, o++) rows[o] = row[columns[k]!]!
}

/** The sum of the trees' leaves for the tree row in slot `i` of `rows`. */
export function scoreTreeRow(trees: CompiledTrees, rows: Float32Array, i: number): number {
  const { rootOf, leafOf, column, threshold, left, right, leaf } = trees
  const o = i * trees.width
  let s = trees.bias
  for (let k = 0; k < trees.count; k++) {
    const root = rootOf[k]!
    let at = root
    for (;;) {
      const next = rows[o + column[at]!]! <= threshold[at]! ? left[at]! : right[at]!
      if (next < 0) {
        s += leaf[leafOf[k]! - next - 1]!
        break
      }
      at = root + next
    }
  }
  return s
}

/** The sum of the trees' leaves for one model feature row. */
export function scoreTrees(trees: CompiledTrees, row: Float64Array): number {
  const one = new Float32Array(trees.width)
  gatherTreeRow(trees, row, one, 0)
  return scoreTreeRow(trees, one, 0)
}

/**
 * Adds the trees to the linear `scores` of candidates whose tree rows are in `rows`. With `limit` below the
 * count, only candidates that could still reach the best `limit` are scored: one whose linear score plus the
 * most the trees can add stays under the limit-th best linear score plus the least they add can never get
 * there, and gets the least (still below every candidate that can). The best `limit`, and their order and
 * scores, are exactly those of scoring everyone: most of a large pool has no chance, and is skipped.
 */
export function addTreeScores(trees: CompiledTrees, scores: Float64Array, rows: Float32Array, limit: number): void {
  const n = scores.length
  let floor = -Infinity
  if (limit < n) {
    const sorted = Float64Array.from(scores).sort()
    floor = sorted[n - Math.max(1, limit)]! + trees.low
  }
  for (let i = 0; i < n; i++) scores[i] = scores[i]! + (scores[i]! + trees.high < floor ? trees.low : scoreTreeRow(trees, rows, i))
}
