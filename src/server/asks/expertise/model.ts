// The expertise model behind question routing: it learns from each question and answer as they happen and
// ranks people for a new question. Pure and in memory: the caller feeds it from the database (or from a
// team2box export, for the evaluation) and keeps it up to date with one call per new answer.
import { normaliseTags, tagWords } from '../../../shared/tags.js'
import { Bm25Index } from './bm25.js'
import { LsaIndex } from './lsa.js'
import { FEATURE_COUNT, FEATURES, type ModelView, type QueryTerms, computeFeatures, findSimilar, hasEvidence } from './features.js'
import { collectEvidence, knownTopics } from './evidence.js'
import { DEFAULT_SETTINGS, type ExpertiseSettings } from './settings.js'
import {
  type AnswerRecord,
  Decay,
  PERSON_COLUMNS,
  type PersonState,
  type PersonTable,
  type QuestionRecord,
  TAG_COLUMNS,
  Table,
  type TagTable,
  voteWeight,
} from './state.js'
import { tagWordKeys, tokenize } from './text.js'
import type { AnswerInput, KnownTopic, QuestionInput, QuestionQuery, RankOptions, RankedPerson } from './types.js'
import { orderTop } from './select.js'
import { TagSums } from './tag-sums.js'
import { dot, weightVector } from './weights.js'
import { type CompiledTrees, addTreeScores, compileTrees, gatherTreeRow } from './trees.js'

/** The middle half-life when the settings have none (weights trained before it existed). */
const DEFAULT_MID_HALF_LIFE = 1000

export class ExpertiseModel {
  readonly settings: ExpertiseSettings
  private readonly decay: Decay
  private readonly weights: Float64Array
  /** Added to the linear score when the settings have trees. */
  private readonly trees: CompiledTrees | null
  private readonly index: Bm25Index
  private readonly lsa: LsaIndex
  private readonly questions = new Map<string, QuestionRecord>()
  private readonly questionsByDoc: QuestionRecord[] = []
  private readonly answers = new Map<string, AnswerRecord>()
  private readonly people = new Map<string, PersonState>()
  private readonly peopleByRow: PersonState[] = []
  private readonly personTable: PersonTable = new Table(PERSON_COLUMNS, 64)
  private readonly tagTables = new Map<string, TagTable>()
  private readonly tagSums = new TagSums()
  private stamps = new Uint32Array(0)
  private stampGeneration = 0
  private peopleDeclining = 0
  /** How many people hide some topic: while none do, ranking skips the checks. */
  private peopleHiding = 0
  private readonly tagQuestions = new Map<string, number>()
  private readonly askerTies = new Map<string, Map<string, number>>()
  /** answerer → asker → answers given: the ties the other way, so a ranking reads only the asker's. */
  private readonly answeredAskers = new Map<string, Map<string, number>>()
  /** The activity clock: answers added so far. */
  private tick = 0
  /** Everyone's answers decayed with the long half-life, at the current tick: the answerer mix's total. */
  private totalActivity = 0
  /** The latest decline's calendar time (ms): "now" for declines when a ranking is given no time. */
  private declineClock = 0
  /** The calendar decay rate of declines, per ms. */
  private readonly declineLambda: number

  /**
   * `backgroundRefit`: refit the semantic index in the background (the app), so the call that adds a question
   * never waits for it; by default at once (the evaluation and training, which must be reproducible).
   */
  constructor(settings: ExpertiseSettings = DEFAULT_SETTINGS, options: { backgroundRefit?: boolean } = {}) {
    this.settings = settings
    this.decay = new Decay(settings.halfLife, settings.shortHalfLife, settings.midHalfLife ?? DEFAULT_MID_HALF_LIFE)
    this.weights = weightVector(settings)
    // Declines are not in the training data, so their weight is set, not learned.
    this.weights[FEATURES.indexOf('declined')] = -settings.declinePenalty
    this.trees = settings.trees && settings.trees.trees.length > 0 ? compileTrees(settings.trees) : null
    this.index = new Bm25Index(settings.bm25)
    this.lsa = new LsaIndex(settings.lsa, (term) => this.index.documentFrequency(term), options.backgroundRefit ?? false)
    const halfLifeMs = (settings.declineHalfLifeDays ?? 0) * 24 * 3600_000
    this.declineLambda = halfLifeMs > 0 ? Math.LN2 / halfLifeMs : 0
  }

  /** A model fed with a whole history at once; the same as adding each question, then each answer in order. */
  static fromHistory(questions: Iterable<QuestionInput>, answers: Iterable<AnswerInput>, settings?: ExpertiseSettings): ExpertiseModel {
    const model = new ExpertiseModel(settings)
    for (const q of questions) model.addQuestion(q)
    for (const a of answers) model.addAnswer(a)
    return model
  }

  get questionCount(): number {
    return this.questions.size
  }

  get answerCount(): number {
    return this.answers.size
  }

  /** Resolves once no background refit of the semantic index is under way. */
  settled(): Promise<void> {
    return this.lsa.settled()
  }

  hasQuestion(id: string): boolean {
    return this.questions.has(id)
  }

  /** Indexes a question's text and tags. Adding a known question again changes nothing. */
  addQuestion(q: QuestionInput): void {
    if (this.questions.has(q.id)) return
    const tags = normaliseTags(q.tags)
    const tf = this.termFreqs(q.title, q.body, tags)
    const doc = this.index.add(tf)
    this.lsa.add(doc, tf)
    const keys = [...tags, ...tagWordKeys(tags)]
    const record: QuestionRecord = { id: q.id, doc, askerId: q.askerId, tags, keys, answers: [] }
    this.questions.set(q.id, record)
    this.questionsByDoc[doc] = record
    for (const t of keys) this.tagQuestions.set(t, (this.tagQuestions.get(t) ?? 0) + 1)
  }

  /**
   * Records an answer: a constant amount of work per tag of its question, whatever the history's size.
   * The question must have been added. Adding a known answer again changes nothing.
   */
  addAnswer(a: AnswerInput): void {
    if (this.answers.has(a.id)) return
    const question = this.questions.get(a.questionId)
    if (!question) throw new RangeError(`answer ${a.id}: unknown question ${a.questionId}`)
    const now = ++this.tick
    const person = this.personOrNew(a.authorId)
    const record: AnswerRecord = { id: a.id, person, question, tick: now, accepted: false, score: 0 }
    this.answers.set(a.id, record)
    question.answers.push(record)
    person.answers.push(record)
    const row = person.row
    this.decay.bringPerson(this.personTable, row, now)
    const pc = this.personTable.c
    pc.n[row] = pc.n[row]! + 1
    pc.activity[row] = pc.activity[row]! + 1
    pc.activityShort[row] = pc.activityShort[row]! + 1
    pc.activityMid[row] = pc.activityMid[row]! + 1
    pc.lastTick[row] = now
    this.totalActivity = this.totalActivity * this.decay.factor(now - 1, now) + 1
    for (const t of question.keys) {
      let table = this.tagTables.get(t)
      if (!table) {
        table = new Table(TAG_COLUMNS)
        this.tagTables.set(t, table)
      }
      let r = person.tagRows.get(t)
      if (r === undefined) {
        r = table.add()
        table.c.person[r] = row
        table.c.t[r] = now
        person.tagRows.set(t, r)
      }
      this.decay.bringTag(table, r, now)
      const c = table.c
      c.n[r] = c.n[r]! + 1
      c.count[r] = c.count[r]! + 1
      c.short[r] = c.short[r]! + 1
    }
    if (question.askerId !== null && question.askerId !== a.authorId) {
      let ties = this.askerTies.get(question.askerId)
      if (!ties) {
        ties = new Map()
        this.askerTies.set(question.askerId, ties)
      }
      ties.set(a.authorId, (ties.get(a.authorId) ?? 0) + 1)
      let back = this.answeredAskers.get(a.authorId)
      if (!back) {
        back = new Map()
        this.answeredAskers.set(a.authorId, back)
      }
      back.set(question.askerId, (back.get(question.askerId) ?? 0) + 1)
    }
    this.setAnswerSignals(a.id, { accepted: a.accepted ?? false, score: a.score ?? 0 })
  }

  /**
   * Updates an answer's acceptance or score (votes, thanks, "learned from"). The change is credited at the
   * time of the answer, so a late vote on an old answer stays old news.
   */
  setAnswerSignals(answerId: string, signals: { accepted?: boolean; score?: number }): void {
    const a = this.answers.get(answerId)
    if (!a) return
    const p = a.person
    const dAccepted = signals.accepted === undefined ? 0 : Number(signals.accepted) - Number(a.accepted)
    const dGood = signals.score === undefined ? 0 : voteWeight(signals.score) - voteWeight(a.score)
    if (signals.accepted !== undefined) a.accepted = signals.accepted
    if (signals.score !== undefined) a.score = signals.score
    if (dAccepted === 0 && dGood === 0) return
    const pc = this.personTable.c
    pc.accepted[p.row] = pc.accepted[p.row]! + dAccepted
    for (const t of a.question.keys) {
      const table = this.tagTables.get(t)
      const r = p.tagRows.get(t)
      if (!table || r === undefined) continue
      const c = table.c
      const f = this.decay.factor(a.tick, c.t[r]!)
      c.accepted[r] = c.accepted[r]! + dAccepted * f
      c.good[r] = c.good[r]! + dGood * f
    }
  }

  /** Hides topics from routing to this person (and from what they are known for), or shows them again. */
  setHiddenTopics(personId: string, tags: readonly string[]): void {
    const person = this.personOrNew(personId)
    const hidden = normaliseTags(tags)
    if (person.hidden) this.peopleHiding--
    person.hidden = hidden.length > 0 ? new Set(hidden) : null
    if (person.hidden) this.peopleHiding++
  }

  /**
   * "Not my area", said at `at` (calendar ms): the person is routed fewer questions on these tags, and on tags
   * sharing their words; the effect fades with calendar time (declineHalfLifeDays), not with the answers given
   * meanwhile (the `declined` feature).
   */
  addDecline(personId: string, tags: readonly string[], at: number): void {
    const person = this.personOrNew(personId)
    if (!person.declines) {
      person.declines = new Map()
      this.peopleDeclining++
    }
    this.declineClock = Math.max(this.declineClock, at)
    const normal = normaliseTags(tags)
    for (const t of [...normal, ...tagWordKeys(normal)]) {
      const [value, since] = person.declines.get(t) ?? [0, at]
      // Kept as a value at the later of the two times, so the sum decays as each decline would on its own.
      const later = Math.max(since, at)
      person.declines.set(t, [value * this.declineFactor(since, later) + this.declineFactor(at, later), later])
    }
  }

  /** How much a decline said at `from` still weighs at `to` (calendar ms). */
  private declineFactor(from: number, to: number): number {
    return to <= from ? 1 : Math.exp(-this.declineLambda * (to - from))
  }

  /**
   * Ranks candidates for a new question, best first. The asker and `exclude` are never returned; people
   * with no history rank last, by id. Deterministic: equal scores are ordered by person id.
   */
  rank(question: QuestionQuery, candidates: Iterable<string>, options: RankOptions = {}): RankedPerson[] {
    const excluded = new Set(options.exclude ?? [])
    if (question.askerId !== null) excluded.add(question.askerId)
    const { ids, rows } = this.resolve(candidates, excluded)
    const query = this.queryTerms(question)
    const view = this.view(options.now)
    const scores = new Float64Array(ids.length)
    const w = this.weights
    const trees = this.trees
    const treeRows = trees === null ? null : new Float32Array(ids.length * trees.width)
    const evident = new Uint8Array(ids.length)
    const similar = computeFeatures(view, query, rows, (i, row) => {
      scores[i] = dot(row, w)
      if (treeRows !== null) gatherTreeRow(trees!, row, treeRows, i)
      evident[i] = hasEvidence(row) ? 1 : 0
    })
    if (treeRows !== null) addTreeScores(trees!, scores, treeRows, options.limit ?? ids.length)
    const order = orderTop(scores, ids, options.limit ?? ids.length)
    const evidenceFor = options.evidenceFor ?? 10
    const items = options.evidenceItems ?? 3
    const out: RankedPerson[] = []
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!
      const id = ids[i]!
      const person = rows[i]! >= 0 ? this.peopleByRow[rows[i]!] : undefined
      const evidence = k < evidenceFor && person ? collectEvidence(person, this.tagTables, similar, query.tags, items) : []
      out.push({ personId: id, score: scores[i]!, evidence, hasEvidence: evident[i] === 1 })
    }
    return out
  }

  /** The raw feature rows for candidates, for training the weights (scripts/train-routing.ts). */
  featuresFor(question: QuestionQuery, candidates: readonly string[]): Float64Array {
    const values = new Float64Array(candidates.length * FEATURE_COUNT)
    const rows = Int32Array.from(candidates, (id) => this.people.get(id)?.row ?? -1)
    computeFeatures(this.view(), this.queryTerms(question), rows, (i, row) => values.set(row, i * FEATURE_COUNT))
    return values
  }

  /**
   * The candidates without duplicates or excluded people, with their rows in the person table (-1 for
   * people the model has never seen). Duplicates are found by stamping rows: a Set of 10,000 ids per
   * question cost more than the rest of the bookkeeping.
   */
  private resolve(candidates: Iterable<string>, excluded: ReadonlySet<string>): { ids: string[]; rows: Int32Array } {
    if (this.stamps.length < this.personTable.length)
      this.stamps = new Uint32Array(Math.max(this.personTable.length, this.stamps.length * 2))
    const stamp = ++this.stampGeneration
    const ids: string[] = []
    const rowList: number[] = []
    let unknown: Set<string> | null = null
    for (const id of candidates) {
      if (excluded.has(id)) continue
      const row = this.people.get(id)?.row
      if (row === undefined) {
        unknown ??= new Set()
        if (unknown.has(id)) continue
        unknown.add(id)
      } else {
        if (this.stamps[row] === stamp) continue
        this.stamps[row] = stamp
      }
      ids.push(id)
      rowList.push(row ?? -1)
    }
    return { ids, rows: Int32Array.from(rowList) }
  }

  /** The topics a person is known for, strongest first, each with the answers that show it. */
  knownFor(personId: string, limit = 10): KnownTopic[] {
    const person = this.people.get(personId)
    return person ? knownTopics(person, this.tagTables, this.decay, this.tick, limit) : []
  }

  /**
   * The past questions most similar to a new one (the BM25 search that feeds routing), best first, with their
   * similarity relative to the best. Used by the ask flow to show likely duplicates; the caller checks that the
   * viewer may read them.
   */
  similarQuestions(question: QuestionQuery, k: number): { id: string; similarity: number }[] {
    return findSimilar(this.view(), this.queryTerms(question))
      .slice(0, k)
      .map((s) => ({ id: s.question.id, similarity: s.similarity }))
  }

  private personOrNew(personId: string): PersonState {
    let person = this.people.get(personId)
    if (!person) {
      const row = this.personTable.add()
      this.personTable.c.lastTick[row] = -1
      person = { id: personId, row, tagRows: new Map(), answers: [], declines: null, hidden: null }
      this.people.set(personId, person)
      this.peopleByRow[row] = person
    }
    return person
  }

  private termFreqs(title: string, body: string, tags: readonly string[]): Map<string, number> {
    const tf = new Map<string, number>()
    const add = (terms: string[], w: number) => {
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + w)
    }
    add(tokenize(title), this.settings.titleWeight)
    add(tokenize(body), 1)
    if (this.settings.tagTermWeight > 0) add(tokenize(tagWords(tags)), this.settings.tagTermWeight)
    return tf
  }

  private queryTerms(q: QuestionQuery): QueryTerms {
    const tags = normaliseTags(q.tags)
    return { terms: this.termFreqs(q.title, q.body, tags), tags, words: tagWordKeys(tags), askerId: q.askerId }
  }

  private view(now?: number): ModelView {
    const { settings, decay, index, questionsByDoc, people, peopleByRow, personTable, tagTables, tagQuestions, askerTies } = this
    return {
      settings,
      decay,
      now: this.tick,
      index,
      questionsByDoc,
      people,
      peopleByRow,
      personTable,
      tagTables,
      anyHidden: this.peopleHiding > 0,
      tagSums: this.tagSums,
      tagQuestions,
      askerTies,
      answeredAskers: this.answeredAskers,
      totalActivity: this.totalActivity,
      anyDeclines: this.peopleDeclining > 0,
      declineWeight: (at) => this.declineFactor(at, now ?? this.declineClock),
      lsa: this.lsa,
    }
  }
}
