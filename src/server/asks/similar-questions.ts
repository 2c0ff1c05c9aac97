// Whether two questions are about the same thing, for the rule that a "not my area" decline is never followed
// by a similar offer to the same person within the week: they share a tag, or their words overlap enough.
import { normaliseTags } from '../../shared/tags.js'
import { tokenize } from './expertise/text.js'

/** Cosine similarity of the two questions' word counts at or above which they count as similar. */
export const SIMILAR_TEXT = 0.3

export interface QuestionText {
  title: string
  body: string
  tags: readonly string[]
}

/** The question's stemmed words, the title's counted twice (it says what the question is about). */
function termCounts(q: QuestionText): Map<string, number> {
  const tf = new Map<string, number>()
  for (const t of tokenize(q.title)) tf.set(t, (tf.get(t) ?? 0) + 2)
  for (const t of tokenize(q.body.slice(0, 5000))) tf.set(t, (tf.get(t) ?? 0) + 1)
  return tf
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (const [t, v] of a) {
    na += v * v
    const w = b.get(t)
    if (w) dot += v * w
  }
  for (const v of b.values()) nb += v * v
  return na && nb ? dot / Math.sqrt(na * nb) : 0
}

/** True when the questions share a tag or their words are at least SIMILAR_TEXT alike. */
export function areSimilarQuestions(a: QuestionText, b: QuestionText): boolean {
  const tags = new Set(normaliseTags(a.tags))
  if (normaliseTags(b.tags).some((t) => tags.has(t))) return true
  return cosine(termCounts(a), termCounts(b)) >= SIMILAR_TEXT
}
