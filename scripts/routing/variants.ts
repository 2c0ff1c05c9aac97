// `npx tsx scripts/routing/variants.ts VARIANT...`: validation MRR (train part only, see diagnose.ts) of fit
// variants on the cached training rows, one line each. A variant is `name:key=value;key=value`, keys: l2,
// iterations, drop (features, comma-separated), poolMax (features), keep (sampling one in N).
import path from 'node:path'
import { DEFAULT_SETTINGS } from '../../src/server/asks/expertise/settings.js'
import { collectSite } from './collect.js'
import { fitListwise, meanReciprocalRank } from './fit.js'
import { splitSite } from './protocol.js'
import { type RowOptions, rowDims, trainingRows } from './rows.js'
import { loadSite } from './team2box.js'
import { parseVariantSpec } from './variant-spec.js'

const root = path.resolve(import.meta.dirname, '../..')
const sites = ['dba', 'history', 'android'].map((s) => {
  const site = loadSite(path.resolve(root, '../shared/data/expert-finding', s))
  const collected = collectSite(site.name, splitSite(site).train, DEFAULT_SETTINGS, 8)
  const cut = Math.floor(collected.length * 0.75)
  return { name: site.name, fit: collected.slice(0, cut), val: collected.slice(cut) }
})

for (const spec of process.argv.slice(2)) {
  const { name, kv } = parseVariantSpec(spec)
  const list = (k: string) => kv.get(k)?.split(',').filter(Boolean)
  const rows: RowOptions = { drop: list('drop'), poolMax: list('poolMax') }
  const dims = rowDims(rows)
  const keep = Number(kv.get('keep') ?? 5)
  const t0 = performance.now()
  const w = fitListwise(
    sites.flatMap((s) => s.fit.map((q) => trainingRows(q, keep, rows))),
    { dims, l2: Number(kv.get('l2') ?? 1e-3), iterations: Number(kv.get('iterations') ?? 300), learningRate: Number(kv.get('lr') ?? 0.05) },
  )
  const per = sites.map((s) =>
    meanReciprocalRank(
      s.val.map((q) => trainingRows(q, 1, rows)),
      w,
      dims,
    ),
  )
  const mean = per.reduce((a, b) => a + b, 0) / per.length
  console.log(
    `${name.padEnd(16)} mean ${mean.toFixed(4)}  ${per.map((m, i) => `${sites[i]!.name} ${m.toFixed(4)}`).join('  ')}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  )
}
