// `npx tsx scripts/train-routing.ts [SITE_DIR...]`: learns the routing settings and combination weights
// from the TRAIN part of each team2box site only (the first 80% of its questions), and writes them to
// src/server/asks/expertise/weights.json. One set for all sites: no per-site tuning.
//
// Inside the train part the evaluation protocol is replayed in time-split blocks (its first half as
// history, the second half as questions to route, online, each seeing only what came before it). The
// weights are a listwise softmax fit over each question's pool (features and their pairwise products, see
// products.ts) refined by coordinate ascent on MRR (scripts/routing/fit.ts). With `--grid`, the settings
// (BM25, half-lives, how many similar questions vote, ...) are first chosen one at a time by two-fold
// validation over those questions (fit on the earlier half, score the later, and the other way round); a
// setting only moves when that gains more than NOISE, so cheaper values are kept when the data cannot tell
// them apart. The weights are then fitted on all of the questions. The weight of "not my area" declines is
// not learned (the data has none): it is the settings' declinePenalty.
import fs from 'node:fs'
import path from 'node:path'
import { FEATURE_COUNT, FEATURES } from '../src/server/asks/expertise/features.js'
import { DEFAULT_SETTINGS, type ExpertiseSettings } from '../src/server/asks/expertise/settings.js'
import { type TrainingQuery, fitListwise, meanReciprocalRank, refineMrr } from './routing/fit.js'
import { replay, splitSite, type TestQuery } from './routing/protocol.js'
import { type Site, loadSite } from './routing/team2box.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const grid = args.includes('--grid')
/** `--name=value` options; anything else not starting with -- is a site directory. */
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const BLOCKS = Number(option('blocks') ?? 4)
const WEIGHTED = option('weighted') !== '0'
const REFINE = option('refine') !== '0'
const OUT = option('out') ?? path.join(root, 'src/server/asks/expertise/weights.json')
const dirs = args.filter((a) => !a.startsWith('--'))
const siteDirs = dirs.length > 0 ? dirs : ['dba', 'history', 'android'].map((s) => path.resolve(root, '../shared/data/expert-finding', s))
const FIT = { dims: FEATURE_COUNT, l2: 1e-3, iterations: 300, learningRate: 0.05 }
/** Of the candidates with no evidence at all, one in this many is kept for the fit (and stands for KEEP_EVERY). */
const KEEP_EVERY = 5

/** Only the train part of each site is ever read from here on. */
const trainParts: Site[] = siteDirs.map((d) => {
  const site = loadSite(d)
  return { name: site.name, questions: splitSite(site).train }
})

/**
 * The training questions of each site, in time order: its train part cut into BLOCKS blocks by time, and each
 * block from the second on replayed online, with only the blocks before it as history (their answerers are
 * the pool, as in the protocol) and each question seeing every answer before it.
 */
function collect(settings: ExpertiseSettings): TrainingQuery[][] {
  return trainParts.map((site) => {
    const out: TrainingQuery[] = []
    const visit = (t: TestQuery) => {
      // Everyone with any evidence, and every KEEP_EVERY-th of the others: people with no evidence only
      // differ by activity, and a sample of them teaches that as well as all of them at a fraction of the cost.
      const all = t.model.featuresFor(t.query, t.candidates)
      const kept: number[] = []
      const stands: number[] = []
      t.candidates.forEach((id, i) => {
        if (t.relevant.has(id) || anySignal(all, i)) stands.push(1)
        else if (i % KEEP_EVERY === 0) stands.push(WEIGHTED ? KEEP_EVERY : 1)
        else return
        kept.push(i)
      })
      const values = new Float64Array(kept.length * FEATURE_COUNT)
      kept.forEach((i, k) => values.set(all.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT), k * FEATURE_COUNT))
      const relevant = kept.flatMap((i, k) => (t.relevant.has(t.candidates[i]!) ? [k] : []))
      out.push({ values, relevant, weights: Float64Array.from(stands) })
    }
    for (let b = 1; b < BLOCKS; b++) {
      const upto = Math.floor((site.questions.length * (b + 1)) / BLOCKS)
      replay({ name: site.name, questions: site.questions.slice(0, upto) }, 'online', settings, visit, b / (b + 1))
    }
    return out
  })
}

const NOISE = 0.002

/** Whether a candidate answered any similar question or on any of the tags (weak matches too: they teach the weights). */
function anySignal(values: Float64Array, i: number): boolean {
  const o = i * FEATURE_COUNT
  return values[o + FEATURES.indexOf('sim_sum')]! > 0 || values[o + FEATURES.indexOf('tag_count')]! > 0
}

function fit(queries: TrainingQuery[]): Float64Array {
  const start = fitListwise(queries, FIT)
  return REFINE ? refineMrr(queries, start, FEATURE_COUNT, 2) : start
}

/** The feature rows of the last settings collected: the final fit reuses them. */
let collected: { settings: ExpertiseSettings; perSite: TrainingQuery[][] } | undefined

/** Two-fold validation over time: fit on one half of each site's questions, MRR on the other (pooled). */
function validate(settings: ExpertiseSettings): number {
  const perSite = collected?.settings === settings ? collected.perSite : collect(settings)
  collected = { settings, perSite }
  const early = perSite.flatMap((qs) => qs.slice(0, Math.floor(qs.length / 2)))
  const late = perSite.flatMap((qs) => qs.slice(Math.floor(qs.length / 2)))
  return (
    (meanReciprocalRank(late, fit(early), FEATURE_COUNT) * late.length +
      meanReciprocalRank(early, fit(late), FEATURE_COUNT) * early.length) /
    (early.length + late.length)
  )
}

// The starting point (weights.json's settings) is scored first; these are the alternatives tried.
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
}

function valueOf(s: ExpertiseSettings, key: string): number {
  return key === 'k1' || key === 'b' ? s.bm25[key] : (s[key as keyof ExpertiseSettings] as number)
}

function withValue(s: ExpertiseSettings, key: string, value: number): ExpertiseSettings {
  if (key === 'k1' || key === 'b') return { ...s, bm25: { ...s.bm25, [key]: value } }
  return { ...s, [key]: value }
}

const base: ExpertiseSettings = { ...DEFAULT_SETTINGS, features: [...FEATURES], weights: FEATURES.map(() => 0) }
let best = base
let bestScore = NaN
if (grid) {
  bestScore = validate(best)
  console.log(`start: validation MRR ${bestScore.toFixed(4)}`)
  for (const [key, values] of Object.entries(GRID)) {
    for (const value of values) {
      if (valueOf(best, key) === value) continue
      const candidate = withValue(best, key, value)
      const score = validate(candidate)
      console.log(`  ${key}=${value}: ${score.toFixed(4)}`)
      if (score > bestScore + NOISE) {
        bestScore = score
        best = candidate
      }
    }
    console.log(`${key}: keep ${valueOf(best, key)}`)
  }
}

const all = (collected?.settings === best ? collected.perSite : collect(best)).flat()
const weights = fit(all)
const round = (x: number) => Number(x.toPrecision(6))
const out: ExpertiseSettings = { ...best, features: [...FEATURES], weights: [...weights].map(round) }
console.log(
  `${grid ? `validation MRR ${bestScore.toFixed(4)}; ` : ''}fitted on ${all.length} questions, in-sample MRR ${meanReciprocalRank(all, weights, FEATURE_COUNT).toFixed(4)}`,
)
FEATURES.forEach((f, i) => console.log(`  ${f.padEnd(14)} ${weights[i]!.toFixed(4)}`))
fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n')
console.log(`wrote ${OUT}`)
