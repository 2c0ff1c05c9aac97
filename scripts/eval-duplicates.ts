// `npm run eval:duplicates [-- <beer.stackexchange.com.7z>]`
// Imports the Beer, Wine & Spirits dump into a fresh SQLite database, then for every known duplicate link
// (PostLinks LinkTypeId=3) types the duplicate question's title into the ask flow's search (the same
// service the web app calls while the question is typed) and checks whether the original question is among
// the first 10 results, the duplicate itself left out. Prints recall@10 (and @1, @3), n, the suggest p50, the
// reference method's recall@10 measured in the same run, the duplicate finder alone with its learned
// weights and with the hand ones, and a JSON line.
import { ExpertiseService } from '../src/server/asks/expertise-service.js'
import { DUPLICATE_DEFAULTS, DuplicateIndex, HAND_WEIGHTS, LEARNED_WEIGHTS } from '../src/server/asks/duplicates/duplicate-index.js'
import { suggestForAsk } from '../src/server/asks/suggest.js'
import { blankPerson } from '../src/server/people/accounts.js'
import { insertPerson } from '../src/server/people/store.js'
import { beerArchive, importBeer } from './duplicates/beer.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const started = Date.now()
const database = await importBeer(beerArchive(process.argv.slice(2)))
const { db, dialect } = database

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

// The learned weights against the hand ones, on the duplicate finder alone (no full-text search mixed in),
// each in an index of every question and answer of the dump.
const posts = await db
  .selectFrom('post')
  .select(['id', 'kind', 'parent_id', 'title', 'body'])
  .where('kind', 'in', ['question', 'answer'])
  .where('status', '=', 'active')
  .orderBy('id')
  .execute()
const finderRecall = (weights: typeof HAND_WEIGHTS) => {
  const index = new DuplicateIndex({ ...DUPLICATE_DEFAULTS, ...weights })
  for (const p of posts) {
    if (p.kind === 'question') index.addQuestion(String(p.id), p.title, p.body)
    else index.addAnswer(String(p.parent_id), p.body)
  }
  index.refresh()
  let found = 0
  for (const l of links) {
    if (l.dkind !== 'question' || l.okind !== 'question') continue
    const top = index
      .search(l.title, 11)
      .map((r) => Number(r.id))
      .filter((id) => id !== Number(l.dup))
      .slice(0, 10)
    if (top.includes(Number(l.original))) found++
  }
  return n ? Math.round((found / n) * 1000) / 1000 : 0
}
const learned10 = finderRecall(LEARNED_WEIGHTS)
const hand10 = finderRecall(HAND_WEIGHTS)
console.log(`duplicate finder alone: learned weights recall@10 ${learned10}, hand weights (the app's) ${hand10}`)
await database.close()
console.log(
  JSON.stringify({
    recall1: r(1),
    recall3: r(3),
    recall10: r(10),
    reference10: referenceRecall,
    finderLearned10: learned10,
    finderHand10: hand10,
    p50ms: Math.round(p50 * 10) / 10,
    n,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }),
)
