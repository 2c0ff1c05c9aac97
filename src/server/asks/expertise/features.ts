// What the ranking looks at, per candidate, for one new question. Every feature is read from what people
// did: the answers they gave to similar questions, the tags they answered on, how much and how lately.
// Counts are log-scaled so that the learned linear combination compares orders of magnitude.
import type { Bm25Index, ScoredDoc } from './bm25.js'
import type { LsaIndex } from './lsa.js'
import { DEFAULT_ANSWERER_SMOOTHING, type ExpertiseSettings } from './settings.js'
import { type Decay, type PersonState, type PersonTable, type QuestionRecord, type TagTable, touchesHidden, voteWeight } from './state.js'
import { type TagSums, sumTags } from './tag-sums.js'
import { PRODUCT_FEATURES, addProducts, productColumns } from './products.js'

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
  'tagword_idf',
  'activity',
  'activity_short',
  'answers',
  'idle',
  'accept_rate',
  'asker_tie',
  'sim_x_active',
  'tag_x_active',
  // Added with the learned ranker; the weights of the current model (reference-weights.json) leave them at 0.
  'tag_lm',
  'declined',
  'lsa_sum',
  'lsa_max',
  // Added with the fourth ranker (activity at a middle half-life, who answers on the tags smoothed toward who
  // answers at all, latent votes of accepted and upvoted answers, the asker having answered the candidate).
  'activity_mid',
  'tag_pu',
  'lsa_accepted',
  'lsa_good',
  'asker_tie_back',
  ...PRODUCT_FEATURES,
] as const
export type FeatureName = (typeof FEATURES)[number]
export const FEATURE_COUNT = FEATURES.length
const F = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>
// Plain constants for the hot loop.
const { sim_sum: SIM_SUM, sim_recent: SIM_RECENT, sim_max: SIM_MAX, sim_accepted: SIM_ACCEPTED, sim_good: SIM_GOOD } = F
const { tag_count: TAG_COUNT, tag_recent: TAG_RECENT, tag_short: TAG_SHORT, tag_accepted: TAG_ACCEPTED, tag_good: TAG_GOOD } = F
const { tag_share: TAG_SHARE, tag_idf: TAG_IDF, activity: ACTIVITY, activity_short: ACTIVITY_SHORT, answers: ANSWERS } = F
const { tagword_idf: TAGWORD_IDF } = F
const { idle: IDLE, accept_rate: ACCEPT_RATE, asker_tie: ASKER_TIE, sim_x_active: SIM_X_ACTIVE, tag_x_active: TAG_X_ACTIVE } = F
const { tag_lm: TAG_LM, declined: DECLINED, lsa_sum: LSA_SUM, lsa_max: LSA_MAX } = F
const { activity_mid: ACTIVITY_MID, tag_pu: TAG_PU, lsa_accepted: LSA_ACCEPTED, lsa_good: LSA_GOOD, asker_tie_back: TIE_BACK } = F
const PRODUCTS = productColumns((name) => F[name as FeatureName])

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
  /** Scratch space for the per-person sums over the question's tags, reused between rankings. */
  tagSums: TagSums
  /** How many past questions carry each tag, for a tag's idf. */
  tagQuestions: ReadonlyMap<string, number>
  /** asker → answerer → answers given to that asker. */
  askerTies: ReadonlyMap<string, ReadonlyMap<string, number>>
  /** answerer → asker → answers given to that asker (askerTies the other way round). */
  answeredAskers: ReadonlyMap<string, ReadonlyMap<string, number>>
  /** Everyone's answers, decayed with the long half-life, at `now`. */
  totalActivity: number
  /** The latent semantic index of the recent questions. */
  lsa: LsaIndex
  /** Whether anyone has declined a question as "not my area" (when not, the feature is skipped). */
  anyDeclines: boolean
  /** How much a decline said at this calendar time (ms) weighs now. */
  declineWeight: (at: number) => number
}

export interface QueryTerms {
  terms: Map<string, number>
  tags: string[]
  /** The words of the tags, as topic keys (see tagWordKeys). */
  words: string[]
  askerId: string | null
}

/** The similar past questions found, best first, with their similarity scaled to the best one (0..1]. */
export type Similar = { question: QuestionRecord; similarity: number }[]

/** The similar past questions for a query, each with its similarity relative to the best match. */
export function findSimilar(view: ModelView, query: QueryTerms): Similar {
  const hits: ScoredDoc[] = view.index.search(
    query.terms,
    view.settings.similarQuestions,
    view.settings.maxDocumentFrequency,
    view.settings.maxQueryTerms || Infinity,
  )
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

/**
 * Computes the feature row of each candidate, given as a row of the person table (-1: never seen), and
 * hands it to `visit`; the row buffer is reused, so copy it to keep it. People without any history get
 * all zeros but `idle`. Returns the similar questions found.
 */
export function computeFeatures(
  view: ModelView,
  query: QueryTerms,
  candidates: Int32Array,
  visit: (i: number, row: Float64Array) => void,
): Similar {
  const values = new Float64Array(FEATURE_COUNT)
  const similar = findSimilar(view, query)
  const votes = collectVotes(view, similar)
  const lsaVotes = collectLsaVotes(view, query)
  const sums = sumTags(view, query.tags, query.words)
  const ties = query.askerId === null ? undefined : view.askerTies.get(query.askerId)
  const { now } = view
  const { lambda, lambdaShort } = view.decay
  const { n, accepted, t, activity, activityShort, activityMid, lastTick } = view.personTable.c
  const { lambdaMid } = view.decay
  const nu = view.settings.answererSmoothing ?? DEFAULT_ANSWERER_SMOOTHING
  // The people whose questions the asker answered, by row: read once, not looked up for every candidate.
  const tiedBack = new Map<number, number>()
  if (query.askerId !== null)
    for (const [askerId, count] of view.answeredAskers.get(query.askerId) ?? []) {
      const row = view.people.get(askerId)?.row
      if (row !== undefined) tiedBack.set(row, Math.log1p(count))
    }
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
  const cWords = TAGWORD_IDF
  const [cSimActive, cTagActive, cLm, cDeclined] = [SIM_X_ACTIVE, TAG_X_ACTIVE, TAG_LM, DECLINED]
  // The smoothed tag model's part that every candidate shares: log mu for each of the question's tags.
  const mu = view.settings.tagSmoothing
  const tagCount = query.tags.length
  const declineKeys = [...query.tags, ...query.words]
  const o = 0
  for (let i = 0; i < candidates.length; i++) {
    values.fill(0)
    const p = candidates[i]!
    if (p < 0) {
      values[o + cIdle] = neverIdle
      visit(i, values)
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
    const lv = lsaVotes.size > 0 ? lsaVotes.get(p) : undefined
    if (lv !== undefined) {
      values[o + LSA_SUM] = Math.log1p(lv[0])
      values[o + LSA_MAX] = lv[1]
      values[o + LSA_ACCEPTED] = Math.log1p(lv[2])
      values[o + LSA_GOOD] = Math.log1p(lv[3])
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
    values[o + cWords] = Math.log1p(sums.words[p]!)
    const age = now - t[p]!
    const decayed = age > 0 ? activity[p]! * Math.exp(-lambda * age) : activity[p]!
    values[o + cActivity] = Math.log1p(decayed)
    // Dirichlet-smoothed log P(question's tags | person) less its value for a person who never answered on them.
    if (tagCount > 0) values[o + cLm] = (sums.seen[p] === 1 ? sums.lm[p]! : 0) + tagCount * (Math.log(mu) - Math.log(decayed + mu))
    values[o + cActivityShort] = Math.log1p(age > 0 ? activityShort[p]! * Math.exp(-lambdaShort * age) : activityShort[p]!)
    values[o + ACTIVITY_MID] = Math.log1p(age > 0 ? activityMid[p]! * Math.exp(-lambdaMid * age) : activityMid[p]!)
    // log P(question's tags | answerer) with each tag's answerer mix smoothed toward everyone's (see sumTags).
    if (tagCount > 0 && decayed > 0)
      values[o + TAG_PU] = (sums.seen[p] === 1 ? sums.pu[p]! : 0) + tagCount * Math.log((nu * decayed) / view.totalActivity)
    values[o + cAnswers] = Math.log1p(answers)
    values[o + cIdle] = lastTick[p]! < 0 ? neverIdle : Math.log1p(now - lastTick[p]!)
    values[o + cAcceptRate] = (accepted[p]! + 1) / (answers + 4)
    if (ties !== undefined) values[o + cTie] = Math.log1p(ties.get(view.peopleByRow[p]!.id) ?? 0)
    if (tiedBack.size > 0) values[o + TIE_BACK] = tiedBack.get(p) ?? 0
    // Knowing the topic and being around right now: a product, which a sum of the two cannot express.
    values[o + cSimActive] = values[o + cMax]! * values[o + cActivityShort]!
    values[o + cTagActive] = values[o + cShare]! * values[o + cActivityShort]!
    if (view.anyDeclines) values[o + cDeclined] = declinedOn(view, view.peopleByRow[p]!, declineKeys)
    addProducts(values, PRODUCTS)
    visit(i, values)
  }
  return similar
}

/** The person's "not my area" declines on the question's tags and tag words, decayed in calendar time, log-scaled. */
function declinedOn(view: ModelView, person: PersonState, keys: readonly string[]): number {
  if (!person.declines) return 0
  let total = 0
  for (const k of keys) {
    const d = person.declines.get(k)
    if (d) total += d[0] * view.declineWeight(d[1])
  }
  return Math.log1p(total)
}

/**
 * Each of the nearest questions in the latent space votes for its answerers: [sum, max] of its cosine, and
 * the sums over accepted answers and weighted by the answers' votes.
 */
function collectLsaVotes(view: ModelView, query: QueryTerms): Map<number, [number, number, number, number]> {
  const votes = new Map<number, [number, number, number, number]>()
  for (const { doc, score } of view.lsa.search(query.terms, view.settings.lsa.neighbours)) {
    const question = view.questionsByDoc[doc]!
    for (const answer of question.answers) {
      if (view.anyHidden && touchesHidden(answer.person, question.tags)) continue
      const accepted = answer.accepted ? score : 0
      const good = score * voteWeight(answer.score)
      const v = votes.get(answer.person.row)
      if (v) {
        v[0] += score
        v[1] = Math.max(v[1], score)
        v[2] += accepted
        v[3] += good
      } else votes.set(answer.person.row, [score, score, accepted, good])
    }
  }
  return votes
}

/**
 * A past answer counts as evidence only if its question is at least this similar to the new one (relative to
 * the best match): sharing one common word with the best-matching question is not knowing the topic.
 */
export const MIN_EVIDENCE_SIMILARITY = 0.2

/**
 * Whether a feature row shows evidence for the question: an answer to a similar enough past question, or
 * answers on one of its tags. The one definition: routing offers a question only to people with it (outside
 * an explore slot), and the reasons shown are exactly these answers and topics (collectEvidence).
 */
export function hasEvidence(row: Float64Array): boolean {
  return row[SIM_MAX]! >= MIN_EVIDENCE_SIMILARITY || row[TAG_COUNT]! > 0
}

const newVotes = (): SimilarityVotes => ({ sum: 0, recent: 0, max: 0, accepted: 0, good: 0 })

/** Each similar question votes for the people who answered it, in proportion to its similarity. */
function collectVotes(view: ModelView, similar: Similar): Map<number, SimilarityVotes> {
  const { now, decay } = view
  const votes = new Map<number, SimilarityVotes>()
  for (const { question, similarity } of similar) {
    for (const answer of question.answers) {
      if (view.anyHidden && touchesHidden(answer.person, question.tags)) continue
      let v = votes.get(answer.person.row)
      if (!v) {
        v = newVotes()
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
