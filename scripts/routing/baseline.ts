// The reference method of shared/data/README.md, computed in the same run as the model so that the
// comparison is like for like: the similar past questions (plain BM25 over title and body, k1 1.2, b 0.75)
// vote for the people who answered them, in proportion to their similarity to the best match, plus the
// overlap of the person's tag profile with the question's tags (log of 1 + their answers on those tags). Nothing in it is learned or tuned.
import { Bm25Index } from '../../src/server/asks/expertise/bm25.js'
import { normaliseTags } from '../../src/shared/tags.js'
import { tokenize } from '../../src/server/asks/expertise/text.js'
import type { AnswerInput, QuestionInput, QuestionQuery } from '../../src/server/asks/expertise/types.js'
import { type Learner, type Metrics, type Mode, MetricsSum, replayWith } from './protocol.js'
import type { Site } from './team2box.js'

/** How many similar questions vote. */
const SIMILAR = 20

function termFreqs(title: string, body: string): Map<string, number> {
  const tf = new Map<string, number>()
  for (const t of [...tokenize(title), ...tokenize(body)]) tf.set(t, (tf.get(t) ?? 0) + 1)
  return tf
}

/** The reference method, fed like the model. */
export class ReferenceMethod implements Learner {
  private readonly index = new Bm25Index({ k1: 1.2, b: 0.75 })
  private readonly byDoc: { tags: string[]; answerers: string[] }[] = []
  private readonly byId = new Map<string, { tags: string[]; answerers: string[] }>()
  /** person → tag → answers on it. */
  private readonly profiles = new Map<string, Map<string, number>>()

  hasQuestion(id: string): boolean {
    return this.byId.has(id)
  }

  addQuestion(q: QuestionInput): void {
    if (this.byId.has(q.id)) return
    const record = { tags: normaliseTags(q.tags), answerers: [] }
    this.byDoc[this.index.add(termFreqs(q.title, q.body))] = record
    this.byId.set(q.id, record)
  }

  addAnswer(a: AnswerInput): void {
    const q = this.byId.get(a.questionId)!
    q.answerers.push(a.authorId)
    let profile = this.profiles.get(a.authorId)
    if (!profile) this.profiles.set(a.authorId, (profile = new Map()))
    for (const t of q.tags) profile.set(t, (profile.get(t) ?? 0) + 1)
  }

  /** The candidates, best first (ties by id). */
  rank(query: QuestionQuery, candidates: readonly string[]): string[] {
    const votes = new Map<string, number>()
    const hits = this.index.search(termFreqs(query.title, query.body), SIMILAR)
    const top = hits[0]?.score ?? 0
    for (const h of hits) for (const p of this.byDoc[h.doc]!.answerers) votes.set(p, (votes.get(p) ?? 0) + h.score / top)
    const tags = normaliseTags(query.tags)
    // Tag-profile overlap: the person's answers on the question's tags, log-scaled.
    const overlap = (p: string): number => {
      const profile = this.profiles.get(p)
      let on = 0
      for (const t of tags) on += profile?.get(t) ?? 0
      return Math.log1p(on)
    }
    const score = new Map(candidates.map((p) => [p, (votes.get(p) ?? 0) + overlap(p)]))
    return [...candidates].sort((x, y) => score.get(y)! - score.get(x)! || (x < y ? -1 : 1))
  }
}

/** The reference method's metrics under the protocol. */
export function evaluateReference(site: Site, mode: Mode): Metrics {
  const sum = new MetricsSum()
  const pool = replayWith(site, mode, new ReferenceMethod(), (t) => sum.add(t.model.rank(t.query, t.candidates), t.relevant, t.accepted))
  return sum.metrics(pool)
}
