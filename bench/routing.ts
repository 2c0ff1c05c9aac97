/**
 * Benchmark of question routing (src/server/asks/expertise): the cost of ranking people for a new question,
 * and of updating the model after a new answer, on a large synthetic history held in memory.
 *
 * Run:   npm run bench:routing
 * Options: --posts N (1000000 questions + answers, 30% questions) --people N (10000 candidates)
 *          --tags N (2000) --routes N (300) --updates N (2000) --seed N (1)
 *
 * It builds the history (see bench/lib/routing-corpus.ts), then times:
 *   route   model.rank(new question, all people, { limit: 10 }): BM25 over every past question, then
 *           features and scores for every candidate, sorting, evidence for the top 10.
 *   update  model.addAnswer(new answer to a past question), then setAnswerSignals (an acceptance).
 * The reference, measured in the same run, is the least any ranking must do: sort the same candidates by
 * one precomputed number. Interleaved with each route, the boosted trees alone (trees.json, addTreeScores for
 * the top 10) are timed over the same candidates' feature rows: what the trees add to a route. Targets: route p95 <= 50 ms, update p95 <= 5 ms.
 * The last line printed is JSON: {"route_p95_ms", "update_p95_ms", their CPU-time p95s, "reference_p95_ms"}.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { FEATURE_COUNT } from '../src/server/asks/expertise/features.js'
import { ExpertiseModel } from '../src/server/asks/expertise/model.js'
import { DEFAULT_SETTINGS } from '../src/server/asks/expertise/settings.js'
import { addTreeScores, compileTrees, gatherTreeRow } from '../src/server/asks/expertise/trees.js'
import { dot, weightVector } from '../src/server/asks/expertise/weights.js'
import { SyntheticSite, seededRandom } from './lib/routing-corpus.js'
import { exitWithUsageOnHelp } from '../scripts/usage.js'

exitWithUsageOnHelp(import.meta.url)

const { values: opts } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    people: { type: 'string', default: '10000' },
    tags: { type: 'string', default: '2000' },
    routes: { type: 'string', default: '300' },
    updates: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
  },
})
const posts = Number(opts.posts)
const questions = Math.round(posts * 0.3)
const site = new SyntheticSite({
  questions,
  answers: posts - questions,
  people: Number(opts.people),
  tags: Number(opts.tags),
  seed: Number(opts.seed),
})

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}
/** CPU time of this process in ms: on a busy machine it shows the work apart from the waiting. */
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const summary = (xs: number[]) =>
  `p50 ${quantile(xs, 0.5).toFixed(2)} ms, p95 ${quantile(xs, 0.95).toFixed(2)} ms, p99 ${quantile(xs, 0.99).toFixed(2)} ms`

let t0 = performance.now()
const buildCpu0 = cpuMs()
// As the app builds it (expertise-service.ts): the semantic index refits in the background, so the history is
// read in one go and the basis is fitted once on its latest window, not at every quarter of growth on the way.
const model = new ExpertiseModel(undefined, { backgroundRefit: true })
const pastQuestions = []
for (const { question, answers } of site.history()) {
  model.addQuestion(question)
  for (const a of answers) model.addAnswer(a)
  pastQuestions.push(question)
}
await model.settled()
const heap = process.memoryUsage().heapUsed / 2 ** 20
console.log(
  `history: ${model.questionCount} questions + ${model.answerCount} answers, ${site.people.length} people, built in ${((performance.now() - t0) / 1000).toFixed(1)} s (CPU ${((cpuMs() - buildCpu0) / 1000).toFixed(1)} s), heap ${heap.toFixed(0)} MB`,
)

const candidates = site.people
const routes = Number(opts.routes)
const routeMs: number[] = []
const routeCpu: number[] = []
const refMs: number[] = []
const treesCpu: number[] = []
const trees = compileTrees(DEFAULT_SETTINGS.trees ?? { features: [], trees: [] })
const weights = weightVector(DEFAULT_SETTINGS)
const activity = new Map(candidates.map((p) => [p, model.knownFor(p, 1)[0]?.answers ?? 0]))
for (let i = 0; i < routes + 20; i++) {
  const q = site.question(`new${i}`)
  const c0 = cpuMs()
  t0 = performance.now()
  const ranked = model.rank(q, candidates, { limit: 10 })
  const ms = performance.now() - t0
  const cpu = cpuMs() - c0
  if (ranked.length !== 10) throw new Error('routing returned fewer than 10 people')
  t0 = performance.now()
  const ref = [...candidates].sort((a, b) => activity.get(b)! - activity.get(a)! || (a < b ? -1 : 1)).slice(0, 10)
  const rms = performance.now() - t0
  if (ref.length !== 10) throw new Error('unreachable')
  const rows = model.featuresFor(q, candidates)
  const linear = new Float64Array(candidates.length)
  const treeRows = new Float32Array(candidates.length * trees.width)
  for (let r = 0; r < candidates.length; r++) {
    const row = rows.subarray(r * FEATURE_COUNT, (r + 1) * FEATURE_COUNT)
    linear[r] = dot(row, weights)
    gatherTreeRow(trees, row, treeRows, r)
  }
  const t1 = cpuMs()
  addTreeScores(trees, linear, treeRows, 10)
  const tcpu = cpuMs() - t1
  // The first 20 warm the JIT and are not counted.
  if (i >= 20) {
    routeMs.push(ms)
    routeCpu.push(cpu)
    refMs.push(rms)
    treesCpu.push(tcpu)
  }
}
console.log(`route  (rank ${candidates.length} people, top 10 with evidence): ${summary(routeMs)}`)
console.log(`  CPU time of the same calls: ${summary(routeCpu)}`)
console.log(`  reference (sort the same people by one number): ${summary(refMs)}`)
console.log(`  of which the ${trees.count} boosted trees for the top 10 over the same rows, CPU time: ${summary(treesCpu)}`)

const rnd = seededRandom(7)
const updates = Number(opts.updates)
const updateMs: number[] = []
const updateCpu: number[] = []
for (let i = 0; i < updates + 100; i++) {
  const q = pastQuestions[Math.floor(rnd() * pastQuestions.length)]!
  const a = site.answer(`new-a${i}`, q)
  const c0 = cpuMs()
  t0 = performance.now()
  model.addAnswer({ ...a, accepted: false })
  model.setAnswerSignals(a.id, { accepted: true, score: 2 })
  const ms = performance.now() - t0
  const cpu = cpuMs() - c0
  if (i >= 100) {
    updateMs.push(ms)
    updateCpu.push(cpu)
  }
}
console.log(`update (addAnswer + acceptance): ${summary(updateMs)}`)
console.log(`  CPU time of the same calls: ${summary(updateCpu)}`)
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores (wall times include waiting for a core)`,
)
const route95 = quantile(routeMs, 0.95)
const update95 = quantile(updateMs, 0.95)
console.log(`targets: route p95 <= 50 ms ${route95 <= 50 ? 'met' : 'MISSED'}, update p95 <= 5 ms ${update95 <= 5 ? 'met' : 'MISSED'}`)
console.log(
  JSON.stringify({
    route_p95_ms: Number(route95.toFixed(2)),
    update_p95_ms: Number(update95.toFixed(3)),
    route_cpu_p95_ms: Number(quantile(routeCpu, 0.95).toFixed(2)),
    update_cpu_p95_ms: Number(quantile(updateCpu, 0.95).toFixed(3)),
    reference_p95_ms: Number(quantile(refMs, 0.95).toFixed(2)),
    trees_cpu_p95_ms: Number(quantile(treesCpu, 0.95).toFixed(2)),
  }),
)
