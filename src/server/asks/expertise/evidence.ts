// Explanations: which of a person's past answers and topics support their rank for a question, and what
// they are known for overall. They show why the router chose someone, and feed "What I'm known for".
import { MIN_EVIDENCE_SIMILARITY, type Similar } from './features.js'
import { type Decay, type PersonState, type TagTable, touchesHidden } from './state.js'
import type { Evidence, KnownTopic } from './types.js'

/** The person's plain answer count on a tag. */
function answersOn(person: PersonState, tables: ReadonlyMap<string, TagTable>, tag: string): number {
  const r = person.tagRows.get(tag)
  return r === undefined ? 0 : (tables.get(tag)?.c.n[r] ?? 0)
}

/**
 * The person's answers to the most similar past questions (accepted ones first among equals), then the
 * question's tags they answered on most, up to `items` in all: non-empty exactly when `hasEvidence` holds.
 */
export function collectEvidence(
  person: PersonState,
  tables: ReadonlyMap<string, TagTable>,
  similar: Similar,
  tags: readonly string[],
  items: number,
): Evidence[] {
  const answers: Extract<Evidence, { kind: 'answer' }>[] = []
  for (const { question, similarity } of similar) {
    if (similarity < MIN_EVIDENCE_SIMILARITY || touchesHidden(person, question.tags)) continue
    for (const a of question.answers) {
      if (a.person === person)
        answers.push({ kind: 'answer', questionId: question.id, answerId: a.id, similarity, accepted: a.accepted, score: a.score })
    }
  }
  answers.sort((x, y) => y.similarity - x.similarity || Number(y.accepted) - Number(x.accepted))
  const out: Evidence[] = answers.slice(0, items)
  const topics = tags
    .filter((t) => !person.hidden?.has(t))
    .map((tag) => ({ tag, answers: answersOn(person, tables, tag) }))
    .filter((t) => t.answers > 0)
    .sort((x, y) => y.answers - x.answers || (x.tag < y.tag ? -1 : 1))
  for (const t of topics) {
    if (out.length >= items) break
    out.push({ kind: 'topic', tag: t.tag, answers: t.answers })
  }
  return out
}

/** The person's topics by recency-weighted answers, hidden ones left out, each with its latest answers. */
export function knownTopics(
  person: PersonState,
  tables: ReadonlyMap<string, TagTable>,
  decay: Decay,
  now: number,
  limit: number,
): KnownTopic[] {
  const topics: KnownTopic[] = []
  for (const [tag, r] of person.tagRows) {
    const table = tables.get(tag)
    if (!table || tag.startsWith('~') || person.hidden?.has(tag)) continue
    const c = table.c
    topics.push({ tag, weight: c.count[r]! * decay.factor(c.t[r]!, now), answers: c.n[r]!, accepted: 0, answerIds: [] })
  }
  topics.sort((x, y) => y.weight - x.weight || y.answers - x.answers || (x.tag < y.tag ? -1 : 1))
  const shown = topics.slice(0, limit)
  const byTag = new Map(shown.map((t) => [t.tag, t]))
  // Newest answers first; each topic keeps up to five as its evidence.
  for (let i = person.answers.length - 1; i >= 0; i--) {
    const a = person.answers[i]!
    for (const tag of a.question.tags) {
      const topic = byTag.get(tag)
      if (!topic) continue
      if (a.accepted) topic.accepted += 1
      if (topic.answerIds.length < 5) topic.answerIds.push(a.id)
    }
  }
  return shown
}
