// `npx tsx scripts/routing/boost-variants.ts VARIANT...`: validation MRR of boosted-tree variants, inside the
// TRAIN part only (as diagnose.ts: each site's earlier three quarters of training questions to fit, its latest
// quarter to score; the evaluation part is never read). The linear weights are refitted on the fit part, and
// the trees start from their score. A variant is `name:key=value;...`, keys: trees, depth, shrinkage, lambda,
// minHessian, bins, subsample, seed, patience, init (linear|zero), balance (1: each site's questions weigh as
// much in total). Prints the linear fit's validation MRR first, then each variant's best and its tree count.
import fs from 'node:fs'
import path from 'node:path'
import { BASE_FEATURES, boostRows, linearMargins, splitForValidation } from './boost-data.js'
import { fitBoosted, mrrOf, treeValue } from './boost-fit.js'
import { cacheKey, collectSite } from './collect.js'
import { DEFAULT_SETTINGS } from '../../src/server/asks/expertise/settings.js'
import { splitSite } from './protocol.js'
import { loadSite } from './team2box.js'
import { exitWithUsageOnHelp } from '../usage.js'
import { parseVariantSpec } from './variant-spec.js'

exitWithUsageOnHelp(import.meta.url)

const root = path.resolve(import.meta.dirname, '../..')
const sites = ['dba', 'history', 'android'].map((s) => {
  const site = loadSite(path.resolve(root, '../shared/data/expert-finding', s))
  const train = splitSite(site).train
  return {
    name: site.name,
    key: cacheKey(site.name, train.length, DEFAULT_SETTINGS, 8),
    ...splitForValidation(collectSite(site.name, train, DEFAULT_SETTINGS, 8)),
  }
})
const t0 = performance.now()
// The linear fit takes minutes on a shared machine: kept under .tmp/routing for the rows it was fitted on (the
// rows' own cache keys, which change with the features, the settings and the model's source).
const linearCache = path.join(root, '.tmp/routing', `linear-fit-${sites.map((s) => `${s.key}-${s.fit.length}`).join('-')}.json`)
const linear = fs.existsSync(linearCache)
  ? Float64Array.from(JSON.parse(fs.readFileSync(linearCache, 'utf8')) as number[])
  : linearMargins(
      sites.flatMap((s) => s.fit),
      0.01,
    )
fs.writeFileSync(linearCache, JSON.stringify([...linear]))
const fitBySite = sites.map((s) => boostRows(s.fit, 5, linear))
const fitCount = fitBySite.reduce((n, f) => n + f.length, 0)
const fit = fitBySite.flat()
// Each site's questions weigh as much in total as any other's.
const balanced = fitBySite.flatMap((f) => f.map((q) => ({ ...q, queryWeight: fitCount / (fitBySite.length * f.length) })))
const val = sites.map((s) => boostRows(s.val, 1, linear))
const perSite = (scores: (k: number) => Float64Array[]) => val.map((v, k) => mrrOf(v, scores(k)))
const show = (m: number[]) =>
  `mean ${(m.reduce((a, b) => a + b, 0) / m.length).toFixed(4)}  ${m.map((x, i) => `${sites[i]!.name} ${x.toFixed(4)}`).join('  ')}`
console.log(
  `${'linear'.padEnd(16)} ${show(perSite((k) => val[k]!.map((q) => q.margin)))}  (${((performance.now() - t0) / 1000).toFixed(0)} s, ${fit.length} fit questions)`,
)

for (const spec of process.argv.slice(2)) {
  const { name, kv } = parseVariantSpec(spec)
  const num = (k: string, d: number) => Number(kv.get(k) ?? d)
  const zero = kv.get('init') === 'zero'
  const start = (qs: ReturnType<typeof boostRows>) => (zero ? qs.map((q) => ({ ...q, margin: new Float64Array(q.margin.length) })) : qs)
  const t1 = performance.now()
  const fitQs = start(kv.get('balance') === '1' ? balanced : fit)
  const valQs = start(val.flat())
  const result = fitBoosted(fitQs, {
    width: BASE_FEATURES.length,
    trees: num('trees', 300),
    depth: num('depth', 3),
    shrinkage: num('shrinkage', 0.1),
    lambda: num('lambda', 1),
    minHessian: num('minHessian', 1),
    bins: num('bins', 64),
    subsample: num('subsample', 1),
    seed: num('seed', 1),
    exclude: [BASE_FEATURES.indexOf('declined')],
    validation: valQs,
    validationGroups: val.flatMap((v, k) => v.map(() => k)),
    patience: num('patience', 60),
    onTree: (k, loss, mrr) => {
      if ((k + 1) % 25 === 0) console.log(`  ${name} tree ${k + 1}: loss ${loss.toFixed(4)} val MRR ${mrr.toFixed(4)}`)
    },
  })
  // Each site's figure with the trees up to the best count.
  let at = 0
  const per = val.map((v) => {
    const qs = valQs.slice(at, (at += v.length))
    const scores = qs.map((q) => {
      const s = Float64Array.from(q.margin)
      for (const t of result.trees) for (let r = 0; r < s.length; r++) s[r] = s[r]! + treeValue(t, q.values, r * BASE_FEATURES.length)
      return s
    })
    return mrrOf(qs, scores)
  })
  console.log(`${name.padEnd(16)} ${show(per)}  trees ${result.trees.length}  (${((performance.now() - t1) / 1000).toFixed(0)} s)`)
}
