// What the ranking looks at, per candidate, for one new question. Every feature is read from what people
// did: the answers they gave to similar questions, the tags they answered on, how much and how lately.
// Counts are log-scaled so that the learned linear combination compares orders of magnitude.
import type { Bm25Index, ScoredDoc } from './bm25.js'
import type { ExpertiseSettings } from './settings.js'
import type { Decay, PersonState, PersonTable, QuestionRecord, TagTable } from './state.js'
import { voteWeight } from './state.js'

export const FEATURES = [
  'sim_sum',
  'sim_recent',
  'sim_max',
  'sim_accepted',
  'sim_good',
  'tag_count',
  'tag_recent',
  'tag_short',
  'tag_accepted',
  'tag_good',
  'tag_share',
  'tag_idf',
  'activity',
  'activity_short',
  'asked',
  'asked_short',
  'answers',
  'idle',
  'accept_rate',
  'asker_tie',
] as const
export type FeatureName = (typeof FEATURES)[number]
export const FEATURE_COUNT = FEATURES.length
const F = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>
// Plain constants for the hot loop.
const { sim_sum: SIM_SUM, sim_recent: SIM_RECENT, sim_max: SIM_MAX, sim_accepted: SIM_ACCEPTED, sim_good: SIM_GOOD } = F
const { tag_count: TAG_COUNT, tag_recent: TAG_RECENT, tag_short: TAG_SHORT, tag_accepted: TAG_ACCEPTED, tag_good: TAG_GOOD } = F
const { tag_share: TAG_SHARE, tag_idf: TAG_IDF, activity: ACTIVITY, activity_short: ACTIVITY_SHORT, answers: ANSWERS } = F
const { idle: IDLE, accept_rate: ACCEPT_RATE, asker_tie: ASKER_TIE, asked: ASKED, asked_short: ASKED_SHORT } = F

/** The parts of the model the features read. */
export interface ModelView {
  settings: ExpertiseSettings
  decay: Decay
  now: number
  index: Bm25Index
  questionsByDoc: QuestionRecord[]
  people: ReadonlyMap<string, PersonState>
  peopleByRow: readonly PersonState[]
  personTable: PersonTable
  tagTables: ReadonlyMap<string, TagTable>
  /** Whether anyone hides a topic (when not, the checks are skipped). */
  anyHidden: boolean
  /** How many past questions carry each tag, for a tag's idf. */
  tagQuestions: ReadonlyMap<string, number>
  /** asker → answerer → answers given to that asker. */
  askerTies: ReadonlyMap<string, ReadonlyMap<string, number>>
}

export interface QueryTerms {
  terms: Map<string, number>
  tags: string[]
  askerId: string | null
}

export interface FeatureMatrix {
  /** Row i holds the features of candidates[i], FEATURE_COUNT values. */
  values: Float64Array
  /** The similar past questions found, best first, with their similarity scaled to the best one (0..1]. */
  similar: { question: QuestionRecord; similarity: number }[]
}

/** True when the person hid one of these tags: their answers there must not route questions to them. */
export function touchesHidden(person: PersonState, tags: readonly string[]): boolean {
  if (!person.hidden) return false
  for (const t of tags) if (person.hidden.has(t)) return true
  return false
}

/** The similar past questions for a query, each with its similarity relative to the best match. */
export function findSimilar(view: ModelView, query: QueryTerms): FeatureMatrix['similar'] {
  const hits: ScoredDoc[] = view.index.search(query.terms, view.settings.similarQuestions, view.settings.maxDocumentFrequency, view.settings.maxQueryTerms || Infinity)
  const top = hits[0]?.score ?? 0
  return top > 0 ? hits.map((h) => ({ question: view.questionsByDoc[h.doc]!, similarity: h.score / top })) : []
}

/** Per-person sums over the similar questions they answered. */
interface SimilarityVotes {
  sum: number
  recent: number
  max: number
  accepted: number
  good: number
}

/** Sums over the question's tags, per person row, for the people who answered on any of them. */
interface TagSums {
  seen: Uint8Array
  count: Float64Array
  recent: Float64Array
  short: Float64Array
  accepted: Float64Array
  good: Float64Array
  weighted: Float64Array
}

/**
 * Walks each query tag's table (one contiguous run per tag) and sums its rows per person. Reading the
 * tables in order, rather than looking up each candidate's tags, is what keeps ranking 10,000 people fast.
 */
function sumTags(view: ModelView, tags: readonly string[]): TagSums {
  const people = view.personTable.length
  const sums: TagSums = {
    seen: new Uint8Array(people),
    count: new Float64Array(people),
    recent: new Float64Array(people),
    short: new Float64Array(people),
    accepted: new Float64Array(people),
    good: new Float64Array(people),
    weighted: new Float64Array(people),
  }
  const { now } = view
  const { lambda, lambdaShort } = view.decay
  for (const tag of tags) {
    const table = view.tagTables.get(tag)
    if (!table) continue
    const idf = Math.log(1 + view.index.size / (1 + (view.tagQuestions.get(tag) ?? 0)))
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
    }
  }
  return sums
}

/** Computes the feature rows of the candidates (people without any history get all zeros but `idle`). */
export function computeFeatures(view: ModelView, query: QueryTerms, candidates: readonly string[]): FeatureMatrix {
  const width = FEATURE_COUNT
  const values = new Float64Array(candidates.length * width)
  const similar = findSimilar(view, query)
  const votes = collectVotes(view, similar)
  const sums = sumTags(view, query.tags)
  const ties = query.askerId === null ? undefined : view.askerTies.get(query.askerId)
  const { now } = view
  const { lambda, lambdaShort } = view.decay
  const { n, accepted, t, activity, activityShort, asked, askedShort, lastTick } = view.personTable.c
  const neverIdle = Math.log1p(now + 1)
  // Column numbers are copied into locals: module-level constants cost a check on every access.
  const [cSum, cRecentSim, cMax, cAccSim, cGoodSim] = [SIM_SUM, SIM_RECENT, SIM_MAX, SIM_ACCEPTED, SIM_GOOD]
  const [cCount, cRecent, cShort, cAccepted, cGood, cShare, cIdf] = [
    TAG_COUNT,
    TAG_RECENT,
    TAG_SHORT,
    TAG_ACCEPTED,
    TAG_GOOD,
    TAG_SHARE,
    TAG_IDF,
  ]
  const [cActivity, cActivityShort, cAnswers, cIdle, cAcceptRate, cTie] = [ACTIVITY, ACTIVITY_SHORT, ANSWERS, IDLE, ACCEPT_RATE, ASKER_TIE]
  const [cAsked, cAskedShort] = [ASKED, ASKED_SHORT]
  for (let i = 0; i < candidates.length; i++) {
    const o = i * width
    const p = view.people.get(candidates[i]!)?.row
    if (p === undefined) {
      values[o + cIdle] = neverIdle
      continue
    }
    const v = votes.size > 0 ? votes.get(p) : undefined
    if (v !== undefined) {
      values[o + cSum] = Math.log1p(v.sum)
      values[o + cRecentSim] = Math.log1p(v.recent)
      values[o + cMax] = v.max
      values[o + cAccSim] = Math.log1p(v.accepted)
      values[o + cGoodSim] = Math.log1p(v.good)
    }
    const answers = n[p]!
    if (sums.seen[p] === 1) {
      values[o + cCount] = Math.log1p(sums.count[p]!)
      values[o + cRecent] = Math.log1p(sums.recent[p]!)
      values[o + cShort] = Math.log1p(sums.short[p]!)
      values[o + cAccepted] = Math.log1p(sums.accepted[p]!)
      values[o + cGood] = Math.log1p(sums.good[p]!)
      values[o + cShare] = answers > 0 ? sums.count[p]! / answers : 0
      values[o + cIdf] = Math.log1p(sums.weighted[p]!)
    }
    const age = now - t[p]!
    const f = age > 0 ? Math.exp(-lambda * age) : 1
    const fs = age > 0 ? Math.exp(-lambdaShort * age) : 1
    values[o + cActivity] = Math.log1p(activity[p]! * f)
    values[o + cActivityShort] = Math.log1p(activityShort[p]! * fs)
    values[o + cAsked] = Math.log1p(asked[p]! * f)
    values[o + cAskedShort] = Math.log1p(askedShort[p]! * fs)
    values[o + cAnswers] = Math.log1p(answers)
    values[o + cIdle] = lastTick[p]! < 0 ? neverIdle : Math.log1p(now - lastTick[p]!)
    values[o + cAcceptRate] = (accepted[p]! + 1) / (answers + 4)
    if (ties !== undefined) values[o + cTie] = Math.log1p(ties.get(candidates[i]!) ?? 0)
  }
  return { values, similar }
}

/** Each similar question votes for the people who answered it, in proportion to its similarity. */
function collectVotes(view: ModelView, similar: FeatureMatrix['similar']): Map<number, SimilarityVotes> {
  const { now, decay } = view
  const votes = new Map<number, SimilarityVotes>()
  for (const { question, similarity } of similar) {
    for (const answer of question.answers) {
      if (view.anyHidden && touchesHidden(answer.person, question.tags)) continue
      let v = votes.get(answer.person.row)
      if (!v) {
        v = { sum: 0, recent: 0, max: 0, accepted: 0, good: 0 }
        votes.set(answer.person.row, v)
      }
      v.sum += similarity
      v.recent += similarity * decay.factor(answer.tick, now)
      v.max = Math.max(v.max, similarity)
      if (answer.accepted) v.accepted += similarity
      v.good += similarity * voteWeight(answer.score)
    }
  }
  return votes
}
