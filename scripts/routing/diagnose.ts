// `npx tsx scripts/routing/diagnose.ts [SITE_DIR...] [--blocks=N]`: where the routing model's accuracy goes,
// measured inside the TRAIN part only (the evaluation part is never read): each site's collected training
// questions (collect.ts) are split by time, the earlier three quarters to fit and the latest quarter to score,
// as the protocol scores the latest questions. It prints, per site: how often a relevant person has any
// signal at all (the pool's recall), MRR / Hit@1 / Hit@10 of the shipped weights, of a fresh softmax fit with
// and without the coordinate-ascent refine, and of each feature alone (its sign chosen on the fit part).
import path from 'node:path'
import { FEATURE_COUNT, FEATURES } from '../../src/server/asks/expertise/features.js'
import { DEFAULT_SETTINGS } from '../../src/server/asks/expertise/settings.js'
import { weightVector } from '../../src/server/asks/expertise/weights.js'
import { collectSite, type CollectedQuery } from './collect.js'
import { type TrainingQuery, fitListwise, refineMrr } from './fit.js'
import { splitSite } from './protocol.js'
import { type RowOptions, rowDims, trainingRows } from './rows.js'
import { loadSite } from './team2box.js'

const root = path.resolve(import.meta.dirname, '../..')
const args = process.argv.slice(2)
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const BLOCKS = Number(option('blocks') ?? 8)
const L2 = Number(option('l2') ?? 1e-3)
const list = (name: string) => option(name)?.split(',').filter(Boolean)
const ROWS: RowOptions = { drop: list('drop'), poolMax: list('pool-max') }
const DIMS = rowDims(ROWS)
const dirs = args.filter((a) => !a.startsWith('--'))
const siteDirs = dirs.length > 0 ? dirs : ['dba', 'history', 'android'].map((s) => path.resolve(root, '../shared/data/expert-finding', s))

/** MRR, Hit@1 and Hit@10 of a scoring, ties at their midpoint. */
export function metrics(queries: readonly TrainingQuery[], score: (q: TrainingQuery, r: number) => number) {
  let mrr = 0
  let hit1 = 0
  let hit10 = 0
  for (const q of queries) {
    const n = q.weights?.length ?? q.values.length / DIMS
    let best = -Infinity
    for (const r of q.relevant) best = Math.max(best, score(q, r))
    let above = 0
    let ties = 0
    for (let r = 0; r < n; r++) {
      const s = score(q, r)
      if (s > best) above += q.weights?.[r] ?? 1
      else if (s === best) ties += q.weights?.[r] ?? 1
    }
    const rank = above + (ties + 1) / 2
    mrr += 1 / rank
    if (rank <= 1) hit1++
    if (rank <= 10) hit10++
  }
  const n = queries.length || 1
  return { mrr: mrr / n, hit1: hit1 / n, hit10: hit10 / n }
}

const linear = (w: Float64Array) => (q: TrainingQuery, r: number) => {
  let s = 0
  for (let j = 0; j < DIMS; j++) s += q.values[r * DIMS + j]! * w[j]!
  return s
}
const fmt = (m: { mrr: number; hit1: number; hit10: number }) =>
  `MRR ${m.mrr.toFixed(3)} Hit@1 ${m.hit1.toFixed(3)} Hit@10 ${m.hit10.toFixed(3)}`
const FIT = { dims: DIMS, l2: L2, iterations: 300, learningRate: 0.05 }

const perSite = siteDirs.map((d) => {
  const site = loadSite(d)
  const t0 = performance.now()
  const collected = collectSite(site.name, splitSite(site).train, DEFAULT_SETTINGS, BLOCKS)
  console.log(`${site.name}: ${collected.length} training questions (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
  const cut = Math.floor(collected.length * 0.75)
  return { name: site.name, fit: collected.slice(0, cut), val: collected.slice(cut) }
})

const sampled = (qs: CollectedQuery[]) => qs.map((q) => trainingRows(q, 5, ROWS))
const fitRows = perSite.flatMap((s) => sampled(s.fit))
const t1 = performance.now()
const softmax = fitListwise(fitRows, FIT)
const t2 = performance.now()
const refined = refineMrr(fitRows, softmax, DIMS, 2)
const t3 = performance.now()
console.log(`fit on ${fitRows.length} questions: softmax ${((t2 - t1) / 1000).toFixed(1)} s, refine ${((t3 - t2) / 1000).toFixed(1)} s`)
const shipped = new Float64Array(DIMS)
shipped.set(weightVector(DEFAULT_SETTINGS))

for (const s of perSite) {
  const val = s.val.map((q) => trainingRows(q, 1, ROWS))
  const withSignal = s.val.filter((q) => q.relevant.some((r) => hasSignal(q, r))).length
  console.log(
    `\n${s.name}: validation ${val.length} questions (pool ${s.val.at(-1)?.rows}); a relevant person has a signal in ${(withSignal / s.val.length).toFixed(3)}`,
  )
  console.log(`  shipped weights   ${fmt(metrics(val, linear(shipped)))}`)
  console.log(`  softmax           ${fmt(metrics(val, linear(softmax)))}`)
  console.log(`  softmax + refine  ${fmt(metrics(val, linear(refined)))}`)
  console.log(
    `  in-sample (fit part of this site): softmax ${metrics(sampled(s.fit), linear(softmax)).mrr.toFixed(3)}, refined ${metrics(sampled(s.fit), linear(refined)).mrr.toFixed(3)}`,
  )
  if (args.includes('--alone')) {
    const fitSite = sampled(s.fit)
    for (let j = 0; j < DIMS; j++) {
      const up = (q: TrainingQuery, r: number) => q.values[r * DIMS + j]!
      const down = (q: TrainingQuery, r: number) => -q.values[r * DIMS + j]!
      const sign = metrics(fitSite, up).mrr >= metrics(fitSite, down).mrr ? up : down
      console.log(
        `    ${(FEATURES[j] ?? `pool max ${ROWS.poolMax![j - FEATURE_COUNT]}`).padEnd(28)} ${sign === up ? '+' : '-'} ${fmt(metrics(val, sign))}`,
      )
    }
  }
}

function hasSignal(q: CollectedQuery, r: number): boolean {
  const o = r * (q.base.length / q.rows)
  return (
    q.base[o + FEATURES.indexOf('sim_sum')]! > 0 ||
    q.base[o + FEATURES.indexOf('tag_count')]! > 0 ||
    q.base[o + FEATURES.indexOf('lsa_sum')]! > 0
  )
}
