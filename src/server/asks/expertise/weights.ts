import { FEATURE_COUNT, FEATURES } from './features.js'
import type { ExpertiseSettings } from './settings.js'

/**
 * The settings' weights in feature order. Features the settings do not name weigh 0, so a weights file
 * trained before a feature existed still loads; a name the code does not know is an error, not a silent 0.
 */
export function weightVector(settings: Pick<ExpertiseSettings, 'features' | 'weights'>): Float64Array {
  if (settings.features.length !== settings.weights.length) throw new Error('expertise settings: features and weights differ in length')
  const w = new Float64Array(FEATURE_COUNT)
  settings.features.forEach((name, i) => {
    const at = (FEATURES as readonly string[]).indexOf(name)
    if (at < 0) throw new Error(`expertise settings: unknown feature ${name}`)
    w[at] = settings.weights[i]!
  })
  return w
}

/** The linear score of one feature row. */
export function dot(row: Float64Array, weights: Float64Array): number {
  let s = 0
  for (let j = 0; j < row.length; j++) s += row[j]! * weights[j]!
  return s
}
