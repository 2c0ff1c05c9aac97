// `npm run eval:routing -- DIR`: the production routing model on a team2box site directory, under the
// protocol of shared/data/README.md, in online and static mode. The last line is JSON.
import { evaluateSite, type Metrics } from './routing/protocol.js'
import { loadSite } from './routing/team2box.js'

const dir = process.argv[2]
if (!dir) {
  console.error('usage: npm run eval:routing -- DIR   (a team2box site directory, e.g. ../shared/data/expert-finding/dba)')
  process.exit(2)
}

const site = loadSite(dir)
const show = (label: string, m: Metrics, ms: number) =>
  console.log(
    `${site.name} ${label.padEnd(6)} MRR ${m.mrr.toFixed(3)}  Hit@1 ${m.hit1.toFixed(3)}  Hit@10 ${m.hit10.toFixed(3)}  acc@10 ${m.acc10.toFixed(3)}  n ${m.n}  pool ${m.pool}  (${(ms / 1000).toFixed(1)} s)`,
  )
let t0 = performance.now()
const online = evaluateSite(site, 'online')
show('online', online, performance.now() - t0)
t0 = performance.now()
const stat = evaluateSite(site, 'static')
show('static', stat, performance.now() - t0)
const r = (x: number) => Math.round(x * 10000) / 10000
console.log(
  JSON.stringify({
    mrr: r(online.mrr),
    hit1: r(online.hit1),
    hit10: r(online.hit10),
    acc10: r(online.acc10),
    n: online.n,
    pool: online.pool,
    mrr_static: r(stat.mrr),
    hit1_static: r(stat.hit1),
    hit10_static: r(stat.hit10),
    acc10_static: r(stat.acc10),
  }),
)
