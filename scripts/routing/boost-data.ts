// From collected training rows (collect.ts) to what the trees are fitted on (boost-fit.ts): the model's base
// features of each kept candidate as float32, and the linear model's score of it as the starting point.
import { FEATURE_COUNT, FEATURES } from '../../src/server/asks/expertise/features.js'
import { BASE_COUNT, type CollectedQuery } from './collect.js'
import type { BoostQuery } from './boost-fit.js'
import { fitListwise, type TrainingQuery } from './fit.js'
import { trainingRows } from './rows.js'

/** The columns the trees may read: the model's features without the pairwise products (a tree needs none). */
export const BASE_FEATURES: readonly string[] = FEATURES.slice(0, BASE_COUNT)

/** Each site's collected questions cut by time: the earlier three quarters to fit, the latest quarter to validate. */
export function splitForValidation(collected: CollectedQuery[]): { fit: CollectedQuery[]; val: CollectedQuery[] } {
  const cut = Math.floor(collected.length * 0.75)
  return { fit: collected.slice(0, cut), val: collected.slice(cut) }
}

/** The linear weights (all FEATURE_COUNT columns) fitted on these questions, as train-routing fits them. */
export function linearMargins(collected: readonly CollectedQuery[], l2: number): Float64Array {
  return fitListwise(
    collected.map((q) => trainingRows(q, 5)),
    { dims: FEATURE_COUNT, l2, iterations: 400, learningRate: 0.05 },
  )
}

/** A training question's rows as the trees see them: the base columns, and the linear score as the start. */
export function toBoostQuery(q: TrainingQuery, linear: Float64Array): BoostQuery {
  const width = BASE_COUNT
  const n = q.values.length / FEATURE_COUNT
  const values = new Float32Array(n * width)
  const margin = new Float64Array(n)
  for (let r = 0; r < n; r++) {
    let s = 0
    for (let j = 0; j < FEATURE_COUNT; j++) s += q.values[r * FEATURE_COUNT + j]! * linear[j]!
    margin[r] = s
    for (let j = 0; j < width; j++) values[r * width + j] = q.values[r * FEATURE_COUNT + j]!
  }
  return { values, margin, relevant: q.relevant, weights: q.weights }
}

/** The questions as the trees see them, sampled as rows.ts samples (one in `keepEvery` rows without signal). */
export function boostRows(collected: readonly CollectedQuery[], keepEvery: number, linear: Float64Array): BoostQuery[] {
  return collected.map((q) => toBoostQuery(trainingRows(q, keepEvery), linear))
}
