// `npm run train:duplicates [-- <beer.stackexchange.com.7z>]`: learns the weights of the duplicate finder's
// views (src/server/asks/duplicates/duplicate-index.ts) and writes src/server/asks/duplicates/learned-weights.json
// (LEARNED_WEIGHTS; eval:duplicates scores them beside the hand weights the app uses).
//
// It never sees what eval:duplicates scores. The dump is cut in time: the first 80% of its questions (by date)
// are the training split, and the index holds only them and their answers written before the cut. The
// examples are the dump's "related" links (PostLinks LinkTypeId=1, never its duplicate links) between two
// questions of that split, from the newer question to an older one: its title is typed as a query, and the
// older question should come up in the top 10. The weights are chosen from a grid by recall@10 on those
// examples (MRR breaks ties); the hand weights stay unless a change gains more than one example's worth.
import fs from 'node:fs'
import path from 'node:path'
import { DuplicateIndex, HAND_WEIGHTS, combineViews, type DuplicateWeights } from '../src/server/asks/duplicates/duplicate-index.js'
import { beerArchive, importBeer, questionLinks } from './duplicates/beer.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const OUT = path.resolve(import.meta.dirname, '../src/server/asks/duplicates/learned-weights.json')
const TRAIN_FRACTION = 0.8

const database = await importBeer(beerArchive(process.argv.slice(2)))
const { db } = database
// Cut by date, not id: the importer numbers all of the dump's questions before its answers.
const posts = await db
  .selectFrom('post')
  .select(['id', 'kind', 'parent_id', 'title', 'body', 'created_at'])
  .where('kind', 'in', ['question', 'answer'])
  .where('status', '=', 'active')
  .orderBy('created_at')
  .orderBy('id')
  .execute()
const questions = posts.filter((p) => p.kind === 'question')
const cut = questions[Math.floor(questions.length * TRAIN_FRACTION)]!.created_at
const askedAt = new Map(questions.map((q) => [Number(q.id), q.created_at]))
const index = new DuplicateIndex()
for (const p of posts) {
  if (p.created_at >= cut) break
  if (p.kind === 'question') index.addQuestion(String(p.id), p.title, p.body)
  else index.addAnswer(String(p.parent_id), p.body)
}
index.refresh()
const examples = (await questionLinks(db, 'related')).filter((l) => {
  const from = askedAt.get(l.from)
  const to = askedAt.get(l.to)
  return from !== undefined && to !== undefined && from < cut && to < from
})
await database.close()
console.log(`training split: ${index.size} questions asked before ${cut}; ${examples.length} related links within it`)

/** Each example's candidates (its own question left out) and which of them is the linked one. */
const prepared = examples.map((e) => {
  const views = index.views(e.title).filter((v) => v.id !== String(e.from))
  return { views, target: views.findIndex((v) => v.id === String(e.to)) }
})

function score(w: DuplicateWeights): { recall10: number; mrr: number } {
  let hits = 0
  let rr = 0
  for (const { views, target } of prepared) {
    if (target < 0) continue
    const mine = combineViews(w, views[target]!)
    if (mine === null) continue
    // Rank: how many score higher, ties broken by index order (older first), as search does.
    let rank = 1
    for (const v of views) {
      if (v === views[target]) continue
      const s = combineViews(w, v)
      if (s !== null && (s > mine || (s === mine && v.doc < views[target]!.doc))) rank++
    }
    if (rank <= 10) hits++
    rr += 1 / rank
  }
  return { recall10: hits / prepared.length, mrr: rr / prepared.length }
}

const GRID = [0, 0.25, 0.5, 1, 1.5, 2, 3]
const PRIORS = [0, 0.05, 0.1, 0.2, 0.4]
const hand = score(HAND_WEIGHTS)
let best = { weights: HAND_WEIGHTS, ...hand }
const better = (a: { recall10: number; mrr: number }, b: { recall10: number; mrr: number }) =>
  a.recall10 > b.recall10 + 1 / prepared.length - 1e-9 || (Math.abs(a.recall10 - b.recall10) < 1e-9 && a.mrr > b.mrr + 1e-3)
// The question view's weight is fixed at 1: only the ratios matter.
for (const answerWeight of GRID)
  for (const semanticWeight of GRID)
    for (const answeredPrior of PRIORS) {
      const weights = { questionWeight: 1, answerWeight, semanticWeight, answeredPrior }
      const s = score(weights)
      if (better(s, best)) best = { weights, ...s }
    }
const fmt = (s: { recall10: number; mrr: number }) => `recall@10 ${s.recall10.toFixed(3)}, MRR ${s.mrr.toFixed(3)}`
console.log(`hand weights ${JSON.stringify(HAND_WEIGHTS)}: ${fmt(hand)}`)
console.log(`learned      ${JSON.stringify(best.weights)}: ${fmt(best)}`)
fs.writeFileSync(OUT, JSON.stringify({ ...best.weights, trainedOn: { examples: prepared.length, askedBefore: cut } }, null, 2) + '\n')
console.log(`wrote ${OUT}`)
