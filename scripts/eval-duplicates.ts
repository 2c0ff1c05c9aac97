// `npm run eval:duplicates [-- <beer.stackexchange.com.7z>]`
// Imports the Beer, Wine & Spirits dump into a fresh SQLite database, then for every known duplicate link
// (PostLinks LinkTypeId=3) types the duplicate question's title into the ask flow's search (the same
// service the web app calls while the question is typed) and checks whether the original question is among
// the first 10 results, the duplicate itself left out. Prints recall@10 (and @1, @3), n, the suggest p50, the
// reference method's recall@10 measured in the same run, and a JSON line.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ExpertiseService } from '../src/server/asks/expertise-service.js'
import { suggestForAsk } from '../src/server/asks/suggest.js'
import { importStackExchange } from '../src/server/imports/se-import.js'
import { extract7z } from '../src/server/imports/seven-zip.js'
import { findOrCreateImportCommunity } from '../src/server/communities/service.js'
import { blankPerson } from '../src/server/people/accounts.js'
import { insertPerson } from '../src/server/people/store.js'
import { openDatabase } from '../src/server/platform/db/database.js'

const DEFAULT = path.resolve(import.meta.dirname, '../../shared/data/stackexchange/beer-2020-06/beer.stackexchange.com.7z')
const archive = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? process.env.BEER_DUMP ?? DEFAULT
if (!fs.existsSync(archive)) {
  console.error(`The Beer dump is not here: ${archive}. Give its path (or set BEER_DUMP); it ships in ../shared/data/stackexchange/.`)
  process.exit(2)
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-evaldup-'))
const dump = path.join(dir, 'dump')
await extract7z(archive, dump)
const database = await openDatabase({ dataDir: path.join(dir, 'data'), databaseUrl: undefined })
const { db, dialect } = database
const site = 'beer.stackexchange.com'
const communityId = await findOrCreateImportCommunity(db, 'beer', site, 'Beer, wine and spirits')
const started = Date.now()
const report = await importStackExchange(db, { dir: dump, site, communityId })
console.log(`imported ${report.questions} questions, ${report.answers} answers in ${report.seconds} s`)

const asker = blankPerson({ email: 'eval@example.com', name: 'Eval' })
await insertPerson(db, asker)
const viewer = { id: asker.id, name: asker.name, email: asker.email, isAdmin: false, isManager: false, csrfToken: '' }

const links = await db
  .selectFrom('post_link as l')
  .innerJoin('post as d', 'd.id', 'l.post_id')
  .innerJoin('post as o', 'o.id', 'l.target_id')
  .select(['d.id as dup', 'd.title as title', 'o.id as original', 'd.kind as dkind', 'o.kind as okind'])
  .where('l.kind', '=', 'duplicate')
  .execute()
const expertise = new ExpertiseService(db)
// Built before typing starts, as on a running server (the first build happens in the background there).
await expertise.current()
const model = await expertise.current()
let n = 0
const hits = { 1: 0, 3: 0, 10: 0 }
// The reference, measured in the same run: the routing model's BM25 over past questions, which the ask flow
// used before the duplicate index (recall@10 0.417 on this dump).
let referenceHits = 0
const latencies: number[] = []
for (const l of links) {
  if (l.dkind !== 'question' || l.okind !== 'question') continue
  n++
  const t0 = performance.now()
  const found = await suggestForAsk({ db, dialect, expertise }, viewer, l.title)
  latencies.push(performance.now() - t0)
  const ranked = found.results.map((r) => r.post.id).filter((id) => id !== Number(l.dup))
  const at = ranked.indexOf(Number(l.original))
  for (const k of [1, 3, 10] as const) if (at >= 0 && at < k) hits[k]++
  if (at < 0 || at >= 10) console.log(`  miss: "${l.title}" -> #${l.original}`)
  const reference = model
    .similarQuestions({ title: l.title, body: '', tags: [], askerId: viewer.id }, 11)
    .map((s) => Number(s.id))
    .filter((id) => id !== Number(l.dup))
    .slice(0, 10)
  if (reference.includes(Number(l.original))) referenceHits++
}
latencies.sort((a, b) => a - b)
const r = (k: 1 | 3 | 10) => (n ? Math.round((hits[k] / n) * 1000) / 1000 : 0)
const p50 = latencies[Math.floor(latencies.length / 2)] ?? 0
console.log(`duplicate links: ${n} (question to question)`)
console.log(`recall@1 ${r(1)}  recall@3 ${r(3)}  recall@10 ${r(10)}  (suggest p50 ${p50.toFixed(1)} ms)`)
const referenceRecall = n ? Math.round((referenceHits / n) * 1000) / 1000 : 0
console.log(`reference (routing model's BM25 over questions): recall@10 ${referenceRecall}`)
await database.close()
fs.rmSync(dir, { recursive: true, force: true })
console.log(
  JSON.stringify({
    recall1: r(1),
    recall3: r(3),
    recall10: r(10),
    reference10: referenceRecall,
    p50ms: Math.round(p50 * 10) / 10,
    n,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }),
)
