// `npm run eval:routing -- DIR`: the production routing model on a team2box site directory, under the
// protocol of shared/data/README.md, in online and static mode, next to the current model kept as the
// reference (the model before the learned ranker, scripts/routing/reference-model.ts) and the simple
// baseline (similar questions vote + tag overlap, scripts/routing/baseline.ts), computed in the same run.
// The last line is JSON: the model's online figures first, then its static ones, then the reference's
// (`ref_`), then the baseline's (`baseline_`), then the online figures of the linear learned ranker as the
// fourth ranker shipped it, without trees (`prev_`, scripts/routing/previous-weights.json).
import { evaluateReference } from './routing/baseline.js'
import { PREVIOUS_SETTINGS, REFERENCE_SETTINGS } from './routing/reference-model.js'
import { evaluateSite, type Metrics } from './routing/protocol.js'
import { loadSite } from './routing/team2box.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const dir = process.argv[2]
if (!dir) {
  console.error('usage: npm run eval:routing -- DIR   (a team2box site directory, e.g. ../shared/data/expert-finding/dba)')
  process.exit(2)
}

const site = loadSite(dir)
const show = (label: string, m: Metrics, ms: number) =>
  console.log(
    `${site.name} ${label.padEnd(16)} MRR ${m.mrr.toFixed(3)}  Hit@1 ${m.hit1.toFixed(3)}  Hit@10 ${m.hit10.toFixed(3)}  acc@10 ${m.acc10.toFixed(3)}  n ${m.n}  pool ${m.pool}  (${(ms / 1000).toFixed(1)} s)`,
  )
const timed = (label: string, run: () => Metrics): Metrics => {
  const t0 = performance.now()
  const m = run()
  show(label, m, performance.now() - t0)
  return m
}
const online = timed('online', () => evaluateSite(site, 'online'))
const stat = timed('static', () => evaluateSite(site, 'static'))
const refOnline = timed('reference online', () => evaluateSite(site, 'online', REFERENCE_SETTINGS))
const refStatic = timed('reference static', () => evaluateSite(site, 'static', REFERENCE_SETTINGS))
const prevOnline = timed('previous online', () => evaluateSite(site, 'online', PREVIOUS_SETTINGS))
const baseOnline = timed('baseline online', () => evaluateReference(site, 'online'))
const baseStatic = timed('baseline static', () => evaluateReference(site, 'static'))
const r = (x: number) => Math.round(x * 10000) / 10000
const keyed = (m: Metrics, prefix: string, suffix: string) => ({
  [`${prefix}mrr${suffix}`]: r(m.mrr),
  [`${prefix}hit1${suffix}`]: r(m.hit1),
  [`${prefix}hit10${suffix}`]: r(m.hit10),
  [`${prefix}acc10${suffix}`]: r(m.acc10),
})
console.log(
  JSON.stringify({
    ...keyed(online, '', ''),
    n: online.n,
    pool: online.pool,
    ...keyed(stat, '', '_static'),
    ...keyed(refOnline, 'ref_', ''),
    ...keyed(refStatic, 'ref_', '_static'),
    ...keyed(baseOnline, 'baseline_', ''),
    ...keyed(baseStatic, 'baseline_', '_static'),
    ...keyed(prevOnline, 'prev_', ''),
  }),
)
