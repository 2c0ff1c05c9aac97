// The topic part of the features: for each person, their (recency-weighted) answers on the new question's
// tags and on the words of those tags.
import type { ModelView } from './features.js'
import { DEFAULT_ANSWERER_SMOOTHING } from './settings.js'
import { touchesHidden } from './state.js'

const COLUMNS = ['count', 'recent', 'short', 'accepted', 'good', 'weighted', 'words', 'lm', 'pu'] as const

/**
 * Sums over a question's tags, per person row, for the people who answered on any of them. One instance
 * is reused from question to question: allocating these arrays for every ranking kept the garbage
 * collector busy on a large model.
 */
export class TagSums {
  seen = new Uint8Array(0)
  count = new Float64Array(0)
  recent = new Float64Array(0)
  short = new Float64Array(0)
  accepted = new Float64Array(0)
  good = new Float64Array(0)
  weighted = new Float64Array(0)
  /** Decayed answers on the tags' words, idf-weighted. */
  words = new Float64Array(0)
  /** The smoothed tag model's sum over the tags of log(1 + decayed answers / (mu × the tag's share)). */
  lm = new Float64Array(0)
  /** Who answers on the tags, smoothed: the sum over the tags of log(1 + decayed answers / (nu × the person's share of all answers)). */
  pu = new Float64Array(0)

  /** Makes room for `people` rows, all zero. */
  reset(people: number): void {
    if (this.seen.length < people) {
      const size = Math.max(people, this.seen.length * 2)
      this.seen = new Uint8Array(size)
      for (const k of COLUMNS) this[k] = new Float64Array(size)
      return
    }
    this.seen.fill(0, 0, people)
    for (const k of COLUMNS) this[k].fill(0, 0, people)
  }
}

/**
 * Walks each query tag's table (one contiguous run per tag) and sums its rows per person. Reading the
 * tables in order, rather than looking up each candidate's tags, is what keeps ranking 10,000 people fast.
 */
export function sumTags(view: ModelView, tags: readonly string[], words: readonly string[]): TagSums {
  const sums = view.tagSums
  sums.reset(view.personTable.length)
  const { now } = view
  const { lambda, lambdaShort } = view.decay
  const people = view.personTable.c
  // nu × a person's share of everyone's (decayed) answers is nu × activity / total: one division less per row.
  const share = (view.settings.answererSmoothing ?? DEFAULT_ANSWERER_SMOOTHING) / Math.max(view.totalActivity, 1e-9)
  for (const tag of tags) {
    const table = view.tagTables.get(tag)
    if (!table) continue
    const idf = Math.log(1 + view.index.size / (1 + (view.tagQuestions.get(tag) ?? 0)))
    // The tag's background probability, as a share of questions: the smoothing's prior.
    const prior = view.settings.tagSmoothing * ((1 + (view.tagQuestions.get(tag) ?? 0)) / (1 + view.index.size))
    const { person, n, t, count, short, accepted, good } = table.c
    for (let r = 0; r < table.length; r++) {
      const p = person[r]!
      if (view.anyHidden && view.peopleByRow[p]!.hidden?.has(tag)) continue
      const age = now - t[r]!
      const f = age > 0 ? Math.exp(-lambda * age) : 1
      sums.seen[p] = 1
      sums.count[p] = sums.count[p]! + n[r]!
      sums.recent[p] = sums.recent[p]! + count[r]! * f
      sums.short[p] = sums.short[p]! + short[r]! * (age > 0 ? Math.exp(-lambdaShort * age) : 1)
      sums.accepted[p] = sums.accepted[p]! + accepted[r]! * f
      sums.good[p] = sums.good[p]! + good[r]! * f
      sums.weighted[p] = sums.weighted[p]! + count[r]! * f * idf
      sums.lm[p] = sums.lm[p]! + Math.log1p((count[r]! * f) / prior)
      const personAge = now - people.t[p]!
      const activity = people.activity[p]! * (personAge > 0 ? Math.exp(-lambda * personAge) : 1)
      if (activity > 0) sums.pu[p] = sums.pu[p]! + Math.log1p((count[r]! * f) / (share * activity))
    }
  }
  for (const word of words) {
    const table = view.tagTables.get(word)
    if (!table) continue
    const idf = Math.log(1 + view.index.size / (1 + (view.tagQuestions.get(word) ?? 0)))
    const { person, t, count } = table.c
    for (let r = 0; r < table.length; r++) {
      const p = person[r]!
      if (view.anyHidden && touchesHidden(view.peopleByRow[p]!, tags)) continue
      const age = now - t[r]!
      sums.words[p] = sums.words[p]! + count[r]! * (age > 0 ? Math.exp(-lambda * age) : 1) * idf
    }
  }
  return sums
}
