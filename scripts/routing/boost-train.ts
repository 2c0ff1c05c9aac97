// The trees step of train-routing.ts: boosted trees on top of the linear weights, their number chosen on the
// time split inside the train part (see train-routing.ts), then grown again on all of the questions.
import type { BoostedTreesJson } from '../../src/server/asks/expertise/trees.js'
import { BASE_FEATURES, toBoostQuery } from './boost-data.js'
import { type BoostOptions, fitBoosted } from './boost-fit.js'
import type { TrainingQuery } from './fit.js'

/**
 * The boosting settings, one for all sites, chosen by validation MRR inside the train part
 * (scripts/routing/boost-variants.ts; the figures are in the report that shipped them). At most 50 trees: not a
 * choice of accuracy but of the route budget (bench:routing, route p95 <= 50 ms among 10,000 candidates), where
 * the 116 trees validation chose cost about 20 ms of CPU per route.
 */
export const BOOST_OPTIONS: Omit<BoostOptions, 'width' | 'validation' | 'onTree'> = {
  trees: 50,
  depth: 4,
  shrinkage: 0.05,
  lambda: 1,
  minHessian: 1,
  bins: 64,
  subsample: 1,
  seed: 1,
  exclude: [BASE_FEATURES.indexOf('declined')],
  patience: 60,
}

/**
 * Trees for the final linear weights: their count is where the latest quarter of each site (scored from the
 * weights `early`, fitted on the earlier three quarters) has its best mean MRR, at most `maxTrees`.
 */
export function fitTreesFor(
  perSite: readonly TrainingQuery[][],
  cut: (qs: TrainingQuery[]) => number,
  early: Float64Array,
  final: Float64Array,
  maxTrees: number,
  log: (line: string) => void,
): BoostedTreesJson {
  const width = BASE_FEATURES.length
  const fitPart = perSite.flatMap((qs) => qs.slice(0, cut(qs)).map((q) => toBoostQuery(q, early)))
  const valPart = perSite.map((qs) => qs.slice(cut(qs)).map((q) => toBoostQuery(q, early)))
  const chosen = fitBoosted(fitPart, {
    ...BOOST_OPTIONS,
    width,
    trees: maxTrees,
    validation: valPart.flat(),
    validationGroups: valPart.flatMap((v, k) => v.map(() => k)),
    onTree: (k, loss, mrr) => {
      if ((k + 1) % 25 === 0) log(`  trees ${k + 1}: training loss ${loss.toFixed(4)}, validation MRR ${mrr.toFixed(4)}`)
    },
  })
  log(
    `trees: ${chosen.trees.length} chosen, validation MRR ${chosen.bestMrr.toFixed(4)} (the linear score alone ${chosen.startMrr.toFixed(4)})`,
  )
  if (chosen.trees.length === 0) return { features: [...BASE_FEATURES], trees: [] }
  const all = perSite.flat().map((q) => toBoostQuery(q, final))
  const result = fitBoosted(all, { ...BOOST_OPTIONS, width, trees: chosen.trees.length, patience: undefined })
  return { features: [...BASE_FEATURES], trees: result.trees }
}
