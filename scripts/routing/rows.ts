// From collected rows (collect.ts) to the rows the fit sees: the model's features with their pairwise
// products, the same as the model computes when it ranks (features.ts), and a sample of the candidates
// without any signal, each standing for the others it was drawn from.
import { FEATURE_COUNT, FEATURES } from '../../src/server/asks/expertise/features.js'
import { addProducts, productColumns } from '../../src/server/asks/expertise/products.js'
import { BASE_COUNT, type CollectedQuery } from './collect.js'
import type { TrainingQuery } from './fit.js'

const column = (name: string) => (FEATURES as readonly string[]).indexOf(name)
const PRODUCTS = productColumns(column)
const SIM_SUM = column('sim_sum')
const TAG_COUNT = column('tag_count')
const LSA_SUM = column('lsa_sum')

/** Whether a candidate answered any similar question (BM25 or latent) or on any of the tags. */
function anySignal(base: Float32Array, r: number): boolean {
  const o = r * BASE_COUNT
  return base[o + SIM_SUM]! > 0 || base[o + TAG_COUNT]! > 0 || base[o + LSA_SUM]! > 0
}

/** For trying variants without a replay: features left out (zeroed), and features added scaled to the pool. */
export interface RowOptions {
  drop?: readonly string[]
  /** Each of these features divided by its largest value in the question's pool, as an extra column. */
  poolMax?: readonly string[]
}

/** Columns of a row under these options. */
export const rowDims = (options: RowOptions = {}) => FEATURE_COUNT + (options.poolMax?.length ?? 0)

/**
 * The query's rows in model units. With `keepEvery` > 1, candidates with no signal are sampled one in
 * `keepEvery` (deterministically) and weighted by `keepEvery`; the relevant ones are always kept.
 */
export function trainingRows(q: CollectedQuery, keepEvery = 1, options: RowOptions = {}): TrainingQuery & { accepted: number } {
  const dims = rowDims(options)
  const dropped = (options.drop ?? []).map((name) => {
    const j = column(name)
    if (j < 0) throw new Error(`unknown feature ${name}`)
    return j
  })
  const scaled = (options.poolMax ?? []).map((name) => {
    const j = column(name)
    let max = 0
    for (let r = 0; r < q.rows; r++) max = Math.max(max, q.base[r * BASE_COUNT + j]!)
    return { j, max }
  })
  const kept: number[] = []
  const weights: number[] = []
  const isRelevant = new Uint8Array(q.rows)
  for (const r of q.relevant) isRelevant[r] = 1
  for (let r = 0; r < q.rows; r++) {
    if (keepEvery <= 1 || isRelevant[r] === 1 || anySignal(q.base, r)) weights.push(1)
    else if (r % keepEvery === 0) weights.push(keepEvery)
    else continue
    kept.push(r)
  }
  const values = new Float64Array(kept.length * dims)
  const row = new Float64Array(dims)
  kept.forEach((r, k) => {
    row.fill(0)
    for (let j = 0; j < BASE_COUNT; j++) row[j] = q.base[r * BASE_COUNT + j]!
    for (const j of dropped) row[j] = 0
    addProducts(row, PRODUCTS)
    scaled.forEach(({ j, max }, e) => (row[FEATURE_COUNT + e] = max > 0 ? q.base[r * BASE_COUNT + j]! / max : 0))
    values.set(row, k * dims)
  })
  const relevant = kept.flatMap((r, k) => (isRelevant[r] === 1 ? [k] : []))
  return { values, relevant, weights: Float64Array.from(weights), accepted: kept.indexOf(q.accepted) }
}
