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
  /** The leaves of trees without a split: the same for every row. */
  bias: number
  /** Offset of each tree's root in the node arrays, and of its first leaf in `leaf`. */
  rootOf: Int32Array
  leafOf: Int32Array
  /** The model's feature column each node reads. */
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
      const column = columns[f]
      if (column === undefined) throw new Error(`routing trees: tree ${k} reads feature ${f} of ${columns.length}`)
      out.column[node + i] = column
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

/** The sum of the trees' leaves for one feature row (FEATURE_COUNT columns, as computeFeatures fills it). */
export function scoreTrees(trees: CompiledTrees, row: Float64Array): number {
  const { rootOf, leafOf, column, threshold, left, right, leaf } = trees
  let s = trees.bias
  for (let k = 0; k < trees.count; k++) {
    const root = rootOf[k]!
    let i = 0
    for (;;) {
      const at = root + i
      const next = Math.fround(row[column[at]!]!) <= threshold[at]! ? left[at]! : right[at]!
      if (next < 0) {
        s += leaf[leafOf[k]! - next - 1]!
        break
      }
      i = next
    }
  }
  return s
}

/** No trees: the linear score alone (weights trained before the trees existed). */
export const NO_TREES: BoostedTreesJson = { features: [], trees: [] }
