// What the ranking looks at, per candidate, for one new question. Every feature is read from what people
// did: the answers they gave to similar questions, the tags they answered on, how much and how lately.
// Counts are log-scaled so that the learned linear combination compares orders of magnitude.
import type { Bm25Index, ScoredDoc } from './bm25.js'
import type { ExpertiseSettings } from './settings.js'
import { type Decay, type PersonState, type QuestionRecord, voteWeight } from './state.js'

export const FEATURES = [
  'sim_sum',
  'sim_recent',
  'sim_max',
  'sim_accepted',
  'sim_good',
  'tag_count',
  'tag_recent',
  'tag_accepted',
  'tag_good',
  'tag_share',
  'tag_idf',
  'activity',
  'answers',
  'idle',
  'accept_rate',
  'asker_tie',
] as const
export type FeatureName = (typeof FEATURES)[number]
export const FEATURE_COUNT = FEATURES.length
const F = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>

/** The parts of the model the features read. */
export interface ModelView {
  settings: ExpertiseSettings
  decay: Decay
  now: number
  index: Bm25Index
  questionsByDoc: QuestionRecord[]
  people: ReadonlyMap<string, PersonState>
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
  const hits: ScoredDoc[] = view.index.search(query.terms, view.settings.similarQuestions, view.settings.maxDocumentFrequency)
  const top = hits[0]?.score ?? 0
  return top > 0 ? hits.map((h) => ({ question: view.questionsByDoc[h.doc]!, similarity: h.score / top })) : []
}

/** Computes the feature rows of the candidates (people without any history get all zeros but `idle`). */
export function computeFeatures(view: ModelView, query: QueryTerms, candidates: readonly string[]): FeatureMatrix {
  const values = new Float64Array(candidates.length * FEATURE_COUNT)
  const rowOf = new Map<string, number>()
  candidates.forEach((id, i) => rowOf.set(id, i))
  const similar = findSimilar(view, query)
  addSimilarityFeatures(view, similar, rowOf, values)

  const ties = query.askerId === null ? undefined : view.askerTies.get(query.askerId)
  const tagIdf = query.tags.map((t) => Math.log(1 + view.index.size / (1 + (view.tagQuestions.get(t) ?? 0))))
  const { now, decay } = view
  for (let i = 0; i < candidates.length; i++) {
    const o = i * FEATURE_COUNT
    const person = view.people.get(candidates[i]!)
    if (!person) {
      values[o + F.idle] = Math.log1p(now + 1)
      continue
    }
    let count = 0
    let recent = 0
    let accepted = 0
    let good = 0
    let weighted = 0
    for (let j = 0; j < query.tags.length; j++) {
      const tag = query.tags[j]!
      const stat = person.tags.get(tag)
      if (!stat || person.hidden?.has(tag)) continue
      const at = decay.tagAt(stat, now)
      count += stat.n
      recent += at.count
      accepted += at.accepted
      good += at.good
      weighted += at.count * tagIdf[j]!
    }
    const f = decay.factor(person.t, now)
    values[o + F.tag_count] = Math.log1p(count)
    values[o + F.tag_recent] = Math.log1p(recent)
    values[o + F.tag_accepted] = Math.log1p(accepted)
    values[o + F.tag_good] = Math.log1p(good)
    values[o + F.tag_share] = person.n > 0 ? count / person.n : 0
    values[o + F.tag_idf] = Math.log1p(weighted)
    values[o + F.activity] = Math.log1p(person.activity * f)
    values[o + F.answers] = Math.log1p(person.n)
    values[o + F.idle] = Math.log1p(person.lastTick < 0 ? now + 1 : now - person.lastTick)
    values[o + F.accept_rate] = (person.accepted + 1) / (person.n + 4)
    values[o + F.asker_tie] = Math.log1p(ties?.get(person.id) ?? 0)
  }
  return { values, similar }
}

function addSimilarityFeatures(view: ModelView, similar: FeatureMatrix['similar'], rowOf: Map<string, number>, values: Float64Array): void {
  const { now, decay } = view
  for (const { question, similarity } of similar) {
    for (const answer of question.answers) {
      const row = rowOf.get(answer.person.id)
      if (row === undefined || touchesHidden(answer.person, question.tags)) continue
      const o = row * FEATURE_COUNT
      values[o + F.sim_sum] = values[o + F.sim_sum]! + similarity
      values[o + F.sim_recent] = values[o + F.sim_recent]! + similarity * decay.factor(answer.tick, now)
      if (similarity > values[o + F.sim_max]!) values[o + F.sim_max] = similarity
      if (answer.accepted) values[o + F.sim_accepted] = values[o + F.sim_accepted]! + similarity
      values[o + F.sim_good] = values[o + F.sim_good]! + similarity * voteWeight(answer.score)
    }
  }
  for (let row = 0; row < rowOf.size; row++) {
    const o = row * FEATURE_COUNT
    values[o + F.sim_sum] = Math.log1p(values[o + F.sim_sum]!)
    values[o + F.sim_recent] = Math.log1p(values[o + F.sim_recent]!)
    values[o + F.sim_accepted] = Math.log1p(values[o + F.sim_accepted]!)
    values[o + F.sim_good] = Math.log1p(values[o + F.sim_good]!)
  }
}
