// `npx tsx scripts/train-routing.ts [SITE_DIR...]`: learns the routing settings and combination weights
// from the TRAIN part of each team2box site only (the first 80% of its questions), and writes them to
// src/server/asks/expertise/weights.json. One set for all sites: no per-site tuning.
//
// Inside each train part the evaluation protocol is replayed online in time-split blocks (collect.ts: the
// part cut into --blocks blocks, each question of a later block routed against the pool of the blocks before
// it, seeing every answer before it). The weights are a listwise softmax fit over each question's pool
// (features and their pairwise products, see products.ts), the three sites' questions pooled. What the fit
// cannot learn by itself (the L2 penalty, and whether a coordinate-ascent refine on MRR helps or overfits)
// is chosen by a time split of those questions: fitted on each site's earlier three quarters, scored on its
// latest quarter, the mean of the three sites' MRR. With `--grid`, the settings (BM25, half-lives, ...) are
// chosen the same way, one at a time; a choice only moves when it gains more than NOISE, so cheaper values
// are kept when the data cannot tell them apart. The weights are then fitted on all of the questions. The
// weight of "not my area" declines is not learned (the data has none): it is the settings' declinePenalty.
//
// Then boosted trees (src/server/asks/expertise/trees.ts, fitted by routing/boost-fit.ts) are added on top of
// the linear score: on the same time split, the linear weights fitted on the earlier three quarters give each
// row its starting score, the trees are grown on those questions and stopped where the latest quarter's mean
// MRR over sites is best; the same number of trees is then grown on all of the questions, from the final
// linear weights, and written to trees.json beside weights.json. `--trees=0` writes no trees.
import fs from 'node:fs'
import path from 'node:path'
import { FEATURE_COUNT, FEATURES } from '../src/server/asks/expertise/features.js'
import { DEFAULT_SETTINGS, type ExpertiseSettings } from '../src/server/asks/expertise/settings.js'
import { collectSite } from './routing/collect.js'
import { type TrainingQuery, fitListwise, meanReciprocalRank, refineMrr } from './routing/fit.js'
import { splitSite } from './routing/protocol.js'
import { trainingRows } from './routing/rows.js'
import { type Site, loadSite } from './routing/team2box.js'
import { BOOST_OPTIONS, fitTreesFor } from './routing/boost-train.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const grid = args.includes('--grid')
/** `--name=value` options; anything else not starting with -- is a site directory. */
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const BLOCKS = Number(option('blocks') ?? 8)
const OUT = option('out') ?? path.join(root, 'src/server/asks/expertise/weights.json')
const TREES_OUT = path.join(path.dirname(OUT), 'trees.json')
const MAX_TREES = Number(option('trees') ?? BOOST_OPTIONS.trees)
const dirs = args.filter((a) => !a.startsWith('--'))
const siteDirs = dirs.length > 0 ? dirs : ['dba', 'history', 'android'].map((s) => path.resolve(root, '../shared/data/expert-finding', s))
/** Of the candidates with no signal at all, one in this many is kept for the fit (and stands for the others). */
const KEEP_EVERY = 5
/** A choice must gain this much validation MRR to move from the one before it. */
const NOISE = 0.002
const L2_GRID = [1e-4, 1e-3, 1e-2, 3e-2]

/** Only the train part of each site is ever read from here on. */
const trainParts: Site[] = siteDirs.map((d) => {
  const site = loadSite(d)
  return { name: site.name, questions: splitSite(site).train }
})

/** Each site's training questions, in time order, as the fit sees them. */
function collect(settings: ExpertiseSettings): TrainingQuery[][] {
  return trainParts.map((site) => collectSite(site.name, site.questions, settings, BLOCKS).map((q) => trainingRows(q, KEEP_EVERY)))
}

interface FitChoice {
  l2: number
  refine: boolean
}

function fit(queries: readonly TrainingQuery[], choice: FitChoice): Float64Array {
  const start = fitListwise(queries, { dims: FEATURE_COUNT, l2: choice.l2, iterations: 400, learningRate: 0.05 })
  return choice.refine ? refineMrr(queries, start, FEATURE_COUNT, 2) : start
}

/** Fitted on each site's earlier three quarters (pooled), the mean over sites of MRR on its latest quarter. */
function validate(perSite: TrainingQuery[][], choice: FitChoice): { mean: number; sites: number[] } {
  const cut = (qs: TrainingQuery[]) => Math.floor(qs.length * 0.75)
  const w = fit(
    perSite.flatMap((qs) => qs.slice(0, cut(qs))),
    choice,
  )
  const sites = perSite.map((qs) => meanReciprocalRank(qs.slice(cut(qs)), w, FEATURE_COUNT))
  return { mean: sites.reduce((a, b) => a + b, 0) / sites.length, sites }
}

const show = (v: { mean: number; sites: number[] }) =>
  `${v.mean.toFixed(4)} (${v.sites.map((m, i) => `${trainParts[i]!.name} ${m.toFixed(4)}`).join(', ')})`

// The fit's choices, on the starting settings; `--l2=X --refine=0|1` give them instead (each validation is a
// fit of a few minutes on a shared machine: the figures that chose the shipped ones are in the report).
// `--settings=JSON` changes settings over the shipped ones before anything is collected.
const base: ExpertiseSettings = {
  ...DEFAULT_SETTINGS,
  ...(JSON.parse(option('settings') ?? '{}') as Partial<ExpertiseSettings>),
  features: [...FEATURES],
  weights: FEATURES.map(() => 0),
}
let perSite = collect(base)
let choice: FitChoice = { l2: Number(option('l2') ?? L2_GRID[0]), refine: option('refine') === '1' }
const chosen = option('l2') !== undefined && option('refine') !== undefined
let best = chosen && !grid ? { mean: NaN, sites: [] as number[] } : validate(perSite, choice)
if (!chosen) {
  console.log(`l2=${choice.l2}: validation MRR ${show(best)}`)
  for (const l2 of L2_GRID.slice(1)) {
    const v = validate(perSite, { ...choice, l2 })
    console.log(`l2=${l2}: validation MRR ${show(v)}`)
    // A stronger penalty is kept on a tie: the simpler model.
    if (v.mean > best.mean + NOISE || (v.mean > best.mean && l2 > choice.l2)) [best, choice] = [v, { ...choice, l2 }]
  }
  const refined = validate(perSite, { ...choice, refine: true })
  console.log(`refine: validation MRR ${show(refined)}`)
  if (refined.mean > best.mean + NOISE) [best, choice] = [refined, { ...choice, refine: true }]
}
console.log(`fit: l2 ${choice.l2}, refine ${choice.refine}`)

// The settings, one at a time (--grid): each value costs a replay of every site's train part.
const GRID: Partial<Record<keyof ExpertiseSettings | 'k1' | 'b', number[]>> = {
  maxQueryTerms: [32, 64, 0],
  maxDocumentFrequency: [0.1, 0.3, 1],
  halfLife: [1000, 3000, 10000, 0],
  shortHalfLife: [30, 100, 300],
  similarQuestions: [20, 50, 100],
  titleWeight: [1, 2, 3],
  tagTermWeight: [0, 1, 2],
  k1: [1.2, 2, 3],
  b: [0.5, 0.75, 1],
  tagSmoothing: [1, 2, 5, 10],
  midHalfLife: [30, 300, 1000],
  answererSmoothing: [1, 5, 20],
}
const valueOf = (s: ExpertiseSettings, key: string): number =>
  key === 'k1' || key === 'b' ? s.bm25[key] : (s[key as keyof ExpertiseSettings] as number)
function withValue(s: ExpertiseSettings, key: string, value: number): ExpertiseSettings {
  if (key === 'k1' || key === 'b') return { ...s, bm25: { ...s.bm25, [key]: value } }
  return { ...s, [key]: value }
}
let settings = base
if (grid) {
  for (const [key, values] of Object.entries(GRID)) {
    for (const value of values) {
      if (valueOf(settings, key) === value) continue
      const candidate = withValue(settings, key, value)
      const rows = collect(candidate)
      const v = validate(rows, choice)
      console.log(`  ${key}=${value}: ${show(v)}`)
      if (v.mean > best.mean + NOISE) [best, settings, perSite] = [v, candidate, rows]
    }
    console.log(`${key}: keep ${valueOf(settings, key)}`)
  }
}

const all = perSite.flat()
const weights = fit(all, choice)
const round = (x: number) => Number(x.toPrecision(6))
const { trees: _t, ...shaping } = settings
const out: ExpertiseSettings = { ...shaping, features: [...FEATURES], weights: [...weights].map(round) }
console.log(
  `${Number.isNaN(best.mean) ? '' : `validation MRR ${show(best)}; `}fitted on ${all.length} questions, in-sample MRR ${meanReciprocalRank(all, weights, FEATURE_COUNT).toFixed(4)}`,
)
FEATURES.forEach((f, i) => console.log(`  ${f.padEnd(28)} ${weights[i]!.toFixed(4)}`))
fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n')
console.log(`wrote ${OUT}`)

if (MAX_TREES > 0) {
  const cut = (qs: TrainingQuery[]) => Math.floor(qs.length * 0.75)
  const early = fit(
    perSite.flatMap((qs) => qs.slice(0, cut(qs))),
    choice,
  )
  const trees = fitTreesFor(perSite, cut, early, weights, MAX_TREES, (line) => console.log(line))
  fs.writeFileSync(TREES_OUT, JSON.stringify(trees) + '\n')
  console.log(`wrote ${TREES_OUT} (${trees.trees.length} trees)`)
} else fs.writeFileSync(TREES_OUT, JSON.stringify({ features: [], trees: [] }) + '\n')
