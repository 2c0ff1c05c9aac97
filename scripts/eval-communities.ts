// `npm run eval:communities -- EDGES [TRUTH] [--seed N] [--seeds N] [--resolution G] [--cpm]`: the
// production Leiden (src/graph/network) on an edge list (`a b [weight]` per line; tabs or spaces; CRLF
// tolerated) read as an undirected simple graph when it has no weights, and a ground truth (`node label` per
// line) when given; a .gml file (test/fixtures/graphs) brings its own truth in `gt`. With --seeds N it runs seeds 1..N and reports their means (as the igraph figures in the
// issue are means over 10 seeds). The last line is JSON: {"modularity", "communities", "nmi", "ms"}.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { normalizedMutualInformation } from '../src/graph/network/compare.js'
import type { CsrGraph } from '../src/graph/network/csr.js'
import { parseEdgeList, parseGml, parseLabels } from '../src/graph/network/edge-list.js'
import { leiden } from '../src/graph/network/leiden.js'
import { modularity } from '../src/graph/network/quality.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '1' },
    seeds: { type: 'string', default: '1' },
    resolution: { type: 'string', default: '1' },
    cpm: { type: 'boolean', default: false },
  },
})
const [edgesPath, truthPath] = positionals
if (!edgesPath) {
  console.error('usage: npm run eval:communities -- EDGES [TRUTH] [--seed N] [--seeds N] [--resolution G] [--cpm]')
  process.exit(2)
}
const text = readFileSync(edgesPath, 'utf8')
// A weighted list keeps its weights (parallel edges summed); an unweighted one is read as a simple graph.
const weighted = text.split(/\r*\n|\r+/).some((line) => line.trim().split(/\s+/).length > 2 && !/^[#%]/.test(line.trim()))
let graph: CsrGraph
let truth: Int32Array | undefined
if (edgesPath.endsWith('.gml')) {
  // A GML file from the classic collection carries its own ground truth in `gt`.
  const gml = parseGml(text)
  graph = gml.graph
  const codes = new Map<string, number>()
  truth = Int32Array.from(gml.labels, (l) => (codes.has(l) ? codes.get(l)! : (codes.set(l, codes.size), codes.size - 1)))
} else {
  const parsed = parseEdgeList(text, { simple: !weighted })
  graph = parsed.graph
  truth = truthPath ? parseLabels(readFileSync(truthPath, 'utf8'), parsed.index) : undefined
}
console.log(`${edgesPath}: ${graph.n} nodes, ${graph.totalWeight} edge weight${weighted ? '' : ' (simple graph)'}`)

const seeds = Math.max(1, Number(opts.seeds))
const first = Number(opts.seed)
let sum = { modularity: 0, communities: 0, nmi: 0, ms: 0 }
for (let seed = first; seed < first + seeds; seed++) {
  const t0 = performance.now()
  const r = leiden(graph, { seed, resolution: Number(opts.resolution), quality: opts.cpm ? 'cpm' : 'modularity' })
  const ms = performance.now() - t0
  const q = modularity(graph, r.membership)
  // Nodes missing from the truth file are left out of the NMI.
  let nmi = Number.NaN
  if (truth) {
    const keep = Array.from(truth.keys()).filter((v) => truth[v]! >= 0)
    nmi = normalizedMutualInformation(
      keep.map((v) => r.membership[v]!),
      keep.map((v) => truth[v]!),
    )
  }
  console.log(
    `seed ${seed}: modularity ${q.toFixed(4)}, ${r.communities} communities${truth ? `, NMI ${nmi.toFixed(4)}` : ''}, ${ms.toFixed(0)} ms`,
  )
  sum = { modularity: sum.modularity + q, communities: sum.communities + r.communities, nmi: sum.nmi + nmi, ms: sum.ms + ms }
}
const r4 = (x: number) => Math.round((x / seeds) * 10000) / 10000
console.log(
  JSON.stringify({
    modularity: r4(sum.modularity),
    communities: r4(sum.communities),
    nmi: truth ? r4(sum.nmi) : null,
    ms: Math.round(sum.ms / seeds),
  }),
)
