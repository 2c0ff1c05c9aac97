// `npx tsx scripts/train-routing.ts [SITE_DIR...]`: learns the routing settings and combination weights
// from the TRAIN part of each team2box site only (the first 80% of its questions), and writes them to
// src/server/asks/expertise/weights.json. One set for all sites: no per-site tuning.
//
// Inside the train part the evaluation protocol is replayed (its first 80% as history, the rest as
// questions to route, online). The settings (BM25, half-life, how many similar questions vote) are chosen
// by fitting on the earlier half of those questions and scoring MRR on the later half; the weights are
// then fitted on all of them.
import fs from 'node:fs'
import path from 'node:path'
import { FEATURE_COUNT, FEATURES } from '../src/server/asks/expertise/features.js'
import { DEFAULT_SETTINGS, type ExpertiseSettings } from '../src/server/asks/expertise/settings.js'
import { type TrainingQuery, fitListwise, meanReciprocalRank } from './routing/fit.js'
import { replay, splitSite } from './routing/protocol.js'
import { type Site, loadSite } from './routing/team2box.js'

const root = path.resolve(import.meta.dirname, '..')
const dirs = process.argv.slice(2)
const siteDirs = dirs.length > 0 ? dirs : ['dba', 'history', 'android'].map((s) => path.resolve(root, '../shared/data/expert-finding', s))
const FIT = { dims: FEATURE_COUNT, l2: 1e-3, iterations: 300, learningRate: 0.05 }

/** Only the train part of each site is ever read from here on. */
const trainParts: Site[] = siteDirs.map((d) => {
  const site = loadSite(d)
  return { name: site.name, questions: splitSite(site).train }
})

function collect(settings: ExpertiseSettings): TrainingQuery[][] {
  return trainParts.map((site) => {
    const out: TrainingQuery[] = []
    replay(site, 'online', settings, (t) => {
      const relevant = t.candidates.flatMap((id, i) => (t.relevant.has(id) ? [i] : []))
      out.push({ values: t.model.featuresFor(t.query, t.candidates), relevant })
    })
    return out
  })
}

/** Fit on the earlier half of each site's internal questions, MRR on the later half (all questions pooled). */
function validate(settings: ExpertiseSettings): number {
  const perSite = collect(settings)
  const early = perSite.flatMap((qs) => qs.slice(0, Math.floor(qs.length / 2)))
  const late = perSite.flatMap((qs) => qs.slice(Math.floor(qs.length / 2)))
  const w = fitListwise(early, FIT)
  return meanReciprocalRank(late, w, FEATURE_COUNT)
}

const GRID: Partial<Record<keyof ExpertiseSettings | 'k1' | 'b', number[]>> = {
  halfLife: [300, 1000, 3000, 0],
  shortHalfLife: [30, 100, 300],
  similarQuestions: [20, 50, 100, 200],
  titleWeight: [1, 2, 3],
  tagTermWeight: [0, 1, 2],
  k1: [0.8, 1.2, 2],
  b: [0.5, 0.75, 1],
  maxDocumentFrequency: [0.1, 0.3, 1],
}

function withValue(s: ExpertiseSettings, key: string, value: number): ExpertiseSettings {
  if (key === 'k1' || key === 'b') return { ...s, bm25: { ...s.bm25, [key]: value } }
  return { ...s, [key]: value }
}

const base: ExpertiseSettings = { ...DEFAULT_SETTINGS, features: [...FEATURES], weights: FEATURES.map(() => 0) }
let best = base
let bestScore = validate(best)
console.log(`start: validation MRR ${bestScore.toFixed(4)}`)
if (!process.env.NO_GRID) {
  for (const [key, values] of Object.entries(GRID)) {
    for (const value of values!) {
      const candidate = withValue(best, key, value)
      const score = validate(candidate)
      console.log(`  ${key}=${value}: ${score.toFixed(4)}`)
      if (score > bestScore + 1e-4) {
        bestScore = score
        best = candidate
      }
    }
    console.log(`${key}: keep ${key === 'k1' || key === 'b' ? best.bm25[key] : String(best[key as keyof ExpertiseSettings])}`)
  }
}

const all = collect(best).flat()
const weights = fitListwise(all, FIT)
const round = (x: number) => Number(x.toPrecision(6))
const out: ExpertiseSettings = { ...best, features: [...FEATURES], weights: [...weights].map(round) }
console.log(
  `validation MRR ${bestScore.toFixed(4)}; fitted on ${all.length} questions, in-sample MRR ${meanReciprocalRank(all, weights, FEATURE_COUNT).toFixed(4)}`,
)
FEATURES.forEach((f, i) => console.log(`  ${f.padEnd(14)} ${weights[i]!.toFixed(4)}`))
fs.writeFileSync(path.join(root, 'src/server/asks/expertise/weights.json'), JSON.stringify(out, null, 2) + '\n')
console.log('wrote src/server/asks/expertise/weights.json')
