// The evaluation protocol of shared/data/README.md, run on the production model (ExpertiseModel):
// questions ordered by id, the first 80% train and the rest test; the pool is everyone who answered in
// train; for each test question the pool less the asker is ranked, and the relevant people are its
// answerers in the pool other than the asker. Online mode feeds the model every question and answer with an
// id lower than the test question's; static mode knows the train part only.
import { ExpertiseModel } from '../../src/server/asks/expertise/model.js'
import type { ExpertiseSettings } from '../../src/server/asks/expertise/settings.js'
import type { AnswerInput, QuestionInput, QuestionQuery } from '../../src/server/asks/expertise/types.js'
import type { Site, SiteAnswer, SiteQuestion } from './team2box.js'

export type Mode = 'online' | 'static'

export interface TestQuery {
  model: ExpertiseModel
  question: SiteQuestion
  query: QuestionQuery
  /** The pool less the asker. */
  candidates: string[]
  relevant: Set<string>
  /** The accepted answerer, when in the pool and not the asker. */
  accepted: string | null
}

export interface Metrics {
  mrr: number
  hit1: number
  hit10: number
  acc10: number
  n: number
  pool: number
}

/** The train/test split: the first `trainFraction` of the questions by id are train. */
export function splitSite(site: Site, trainFraction = 0.8): { train: SiteQuestion[]; test: SiteQuestion[] } {
  const cut = Math.floor(site.questions.length * trainFraction)
  return { train: site.questions.slice(0, cut), test: site.questions.slice(cut) }
}

const toInput = (q: SiteQuestion) => ({ id: q.id, askerId: q.askerId, title: q.title, body: q.body, tags: q.tags })

/** What the protocol feeds: the production model, or the reference method (baseline.ts). */
export interface Learner {
  addQuestion(q: QuestionInput): void
  addAnswer(a: AnswerInput): void
  hasQuestion(id: string): boolean
}

/** Feeds a model in time order: questions, and answers once both they and their question are known. */
export class Feeder {
  private readonly answers: { a: SiteAnswer; q: SiteQuestion }[]
  private readonly questions: SiteQuestion[]
  private nextAnswer = 0
  private nextQuestion = 0
  private readonly waiting = new Map<string, SiteAnswer[]>()

  constructor(
    readonly model: Learner,
    questions: SiteQuestion[],
  ) {
    this.questions = [...questions].sort((a, b) => a.num - b.num)
    this.answers = questions.flatMap((q) => q.answers.map((a) => ({ a, q }))).sort((x, y) => x.a.num - y.a.num)
  }

  /** Adds every question and answer with an id below `limit`. */
  feedBelow(limit: number): void {
    while (this.nextQuestion < this.questions.length && this.questions[this.nextQuestion]!.num < limit) {
      const q = this.questions[this.nextQuestion++]!
      this.model.addQuestion(toInput(q))
      for (const a of this.waiting.get(q.id) ?? []) this.addAnswer(a, q)
      this.waiting.delete(q.id)
    }
    while (this.nextAnswer < this.answers.length && this.answers[this.nextAnswer]!.a.num < limit) {
      const { a, q } = this.answers[this.nextAnswer++]!
      // An answer older than its question (merged questions) waits for the question.
      if (this.model.hasQuestion(q.id)) this.addAnswer(a, q)
      else this.waiting.set(q.id, [...(this.waiting.get(q.id) ?? []), a])
    }
  }

  private addAnswer(a: SiteAnswer, q: SiteQuestion): void {
    this.model.addAnswer({ id: a.id, questionId: q.id, authorId: a.authorId, accepted: a.accepted, score: a.score })
  }
}

/** Replays the protocol and calls `visit` for each test question that has a relevant person. */
export function replay(
  site: Site,
  mode: Mode,
  settings: ExpertiseSettings | undefined,
  visit: (t: TestQuery) => void,
  trainFraction = 0.8,
): number {
  return replayWith(site, mode, new ExpertiseModel(settings), visit, trainFraction)
}

/** The same protocol with any learner, e.g. the reference method. */
export function replayWith<M extends Learner>(
  site: Site,
  mode: Mode,
  model: M,
  visit: (t: Omit<TestQuery, 'model'> & { model: M }) => void,
  trainFraction = 0.8,
): number {
  const { train, test } = splitSite(site, trainFraction)
  const pool = [...new Set(train.flatMap((q) => q.answers.map((a) => a.authorId)))]
  const inPool = new Set(pool)
  const feeder = new Feeder(model, mode === 'online' ? site.questions : train)
  if (mode === 'static') feeder.feedBelow(Infinity)
  for (const q of test) {
    if (mode === 'online') feeder.feedBelow(q.num)
    const relevant = new Set(q.answers.map((a) => a.authorId).filter((u) => inPool.has(u) && u !== q.askerId))
    if (relevant.size === 0) continue
    const accepted = q.acceptedAnswererId !== null && relevant.has(q.acceptedAnswererId) ? q.acceptedAnswererId : null
    const candidates = pool.filter((u) => u !== q.askerId)
    visit({ model, question: q, query: { title: q.title, body: q.body, tags: q.tags, askerId: q.askerId }, candidates, relevant, accepted })
  }
  return pool.length
}

/** Scores one ranking: the 1-based rank of the first relevant person, and whether the accepted one is in the top 10. */
export function scoreRanking(ranked: readonly string[], relevant: Set<string>, accepted: string | null): { first: number; acc10: boolean } {
  const first = ranked.findIndex((id) => relevant.has(id)) + 1
  const acc10 = accepted !== null && ranked.slice(0, 10).includes(accepted)
  return { first, acc10 }
}

/** Sums rankings into the metrics. */
export class MetricsSum {
  private n = 0
  private rr = 0
  private hit1 = 0
  private hit10 = 0
  private acc10 = 0

  add(ranked: readonly string[], relevant: Set<string>, accepted: string | null): void {
    const s = scoreRanking(ranked, relevant, accepted)
    this.n++
    if (s.first > 0) this.rr += 1 / s.first
    if (s.first === 1) this.hit1++
    if (s.first > 0 && s.first <= 10) this.hit10++
    if (s.acc10) this.acc10++
  }

  metrics(pool: number): Metrics {
    const avg = (x: number) => (this.n > 0 ? x / this.n : 0)
    return { mrr: avg(this.rr), hit1: avg(this.hit1), hit10: avg(this.hit10), acc10: avg(this.acc10), n: this.n, pool }
  }
}

/** Runs the protocol with the model's own ranking and returns the metrics. */
export function evaluateSite(site: Site, mode: Mode, settings?: ExpertiseSettings, trainFraction = 0.8): Metrics {
  const sum = new MetricsSum()
  const pool = replay(
    site,
    mode,
    settings,
    (t) =>
      sum.add(
        t.model.rank(t.query, t.candidates, { evidenceFor: 0 }).map((r) => r.personId),
        t.relevant,
        t.accepted,
      ),
    trainFraction,
  )
  return sum.metrics(pool)
}
