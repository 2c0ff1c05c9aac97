import { parseTags } from '../../shared/tags.js'
import { interactionRefsSince } from '../insights/lookup.js'
import {
  answerSignals,
  expertisePostsByIds,
  postIdsInRange,
  questionsAndAnswersAfter,
  type ExpertisePostRow as PostRow,
} from '../knowledge/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import { ANY_WRITE, TableWatch, type CacheInvalidation, type WriteKind } from '../platform/db/write-invalidated.js'
import { ExpertiseModel } from './expertise/model.js'
import { DuplicateIndex } from './duplicates/duplicate-index.js'
import { findAllHiddenTopics, findTeachingDeclines } from './store.js'

/**
 * What the model holds besides posts and the interaction log, each followed by a watch of its own: hidden
 * topics, and "not my area" declines (an offer updated to declined). A write to one, on this node or (through
 * migration 0016's triggers) another, makes the next sync read that one again. Apart, since this node's every
 * offer update (accepted, answered, expired) sets off the declines' watch, and need not re-read hidden topics.
 */
const HIDDEN_TOPICS: Record<string, ReadonlySet<WriteKind>> = { hidden_topic: ANY_WRITE }
const DECLINES: Record<string, ReadonlySet<WriteKind>> = { route_offer: new Set<WriteKind>(['UpdateQueryNode']) }

/** Suggestions while typing may be this much behind the database (a question posted since appears after it). */
const SUGGEST_FRESHNESS_MS = 1000
/** How far below the newest id read a sync looks for ids still to commit. */
const GAP_WINDOW = 1000
/** How long a missing id is looked for: an insert still uncommitted after this was rolled back. */
const GAP_TTL_MS = 10 * 60_000
/** How far back each sync reads signals again (clock skew between nodes, late commits). */
const SIGNAL_OVERLAP_MS = 60_000

/** `iso` moved by `ms`; '' stays '' (no signal read yet). */
function shiftIso(iso: string, ms: number): string {
  return iso ? new Date(Date.parse(iso) + ms).toISOString() : ''
}

/**
 * The expertise model of this app node, fed from the database: every question and answer (native and
 * imported), acceptances, thanks and votes, hidden topics and "not my area" declines. It is derived state,
 * never the source of truth: each node builds its own and catches up incrementally (new posts by id, new
 * signals from the interaction log) before it ranks, so several nodes agree without sharing memory. Hidden
 * topics and declines are each read again whenever their table was written, by any node (a TableWatch each),
 * and on every sync while other nodes' writes cannot be heard; the services that write them never touch the
 * model.
 */
export class ExpertiseService {
  private model: ExpertiseModel | undefined
  /** Past questions for the ask flow's "asked before?" suggestions, fed by the same sync as the model. */
  private readonly duplicates = new DuplicateIndex()
  /** Set once a first sync has finished: until then the model holds only part of the history. */
  private built = false
  /** When the last sync finished (ms). */
  private syncedAt = 0
  private lastPostId = 0
  private lastSignalAt = ''
  private syncing: Promise<ExpertiseModel> | undefined
  private readonly tagsByQuestion = new Map<string, string[]>()
  private readonly hiddenWatch = new TableWatch(HIDDEN_TOPICS)
  private readonly declineWatch = new TableWatch(DECLINES)
  /** Each watch's generation when what it follows was last read (-1: never). */
  private hiddenAt = -1
  private declinesAt = -1
  /** People whose hidden topics the model holds, so a person who shows every topic again is cleared. */
  private hiding = new Set<string>()
  /** Declines (offer ids) the model has learned from. */
  private readonly declines = new Set<string>()
  /** Post ids below lastPostId not committed when their range was read -> when first missed (followGaps). */
  private readonly gaps = new Map<number, number>()

  /**
   * `caches` is the app's registry: without it (a script) nothing tells the model of writes, so it reads
   * hidden topics and declines again on every sync.
   */
  constructor(
    private readonly db: Db,
    caches?: CacheInvalidation,
  ) {
    for (const watch of [this.hiddenWatch, this.declineWatch]) {
      if (caches) caches.register(watch)
      else watch.bypassed = true
    }
  }

  /** The model, brought up to date with the database. */
  current(): Promise<ExpertiseModel> {
    this.syncing ??= this.sync().finally(() => {
      this.syncing = undefined
    })
    return this.syncing
  }

  /**
   * The model brought up to date if it was built before; otherwise undefined at once, with the first build
   * started in the background. For the ask flow's as-you-type suggestions, which must not wait for a first
   * build (about a minute at a million posts); by the time the question is posted and routed, it is ready.
   */
  async currentIfBuilt(): Promise<ExpertiseModel | undefined> {
    if (this.built) return this.current()
    this.current().catch(() => {
      // The build is retried on the next call; routing, which awaits current(), reports the error itself.
    })
    return undefined
  }

  /** The tags of a question the model knows. */
  questionTags(questionId: number): string[] {
    return this.tagsByQuestion.get(String(questionId)) ?? []
  }

  private async sync(): Promise<ExpertiseModel> {
    const first = !this.model
    // The semantic index refits in the background: a sync that adds the question making a refit due does not
    // wait seconds for it (ranking uses the previous basis until the new one is ready).
    const model = (this.model ??= new ExpertiseModel(undefined, { backgroundRefit: true }))
    const signalSince = this.lastSignalAt
    const before = this.lastPostId
    for (;;) {
      const rows: PostRow[] = await questionsAndAnswersAfter(this.db, this.lastPostId, 5000)
      if (rows.length === 0) break
      for (const r of rows) this.add(model, r)
      this.lastPostId = Number(rows[rows.length - 1]?.id)
    }
    await this.followGaps(model, Math.max(before, this.lastPostId - GAP_WINDOW))
    // Signals are written with each node's clock and commit in any order: look back over a window (applying
    // a signal again is harmless, it sets absolute values).
    await this.applySignals(model, first ? '' : shiftIso(signalSince, -SIGNAL_OVERLAP_MS))
    // Each generation is taken before reading: a write that lands during the read moves it on, and the next
    // sync reads again.
    if (this.hiddenWatch.changedSince(this.hiddenAt)) {
      const generation = this.hiddenWatch.generation
      await this.followHiddenTopics(model)
      this.hiddenAt = generation
    }
    if (this.declineWatch.changedSince(this.declinesAt)) {
      const generation = this.declineWatch.generation
      await this.followDeclines(model)
      this.declinesAt = generation
    }
    // The semantic view of past questions is rebuilt only once the corpus has grown by a quarter.
    this.duplicates.refresh()
    this.built = true
    this.syncedAt = Date.now()
    return model
  }

  /**
   * The past questions most like `text` (question ids, best first), once the first build has finished;
   * otherwise undefined, the build started in the background (see currentIfBuilt). Suggestions while typing do
   * not wait for the catch-up with the database either: it starts here and serves the next keystroke, so a
   * question is found from the moment one sync after it was posted has run.
   */
  similarQuestionsIfBuilt(text: string, k: number): { id: string; score: number }[] | undefined {
    // Keystrokes come every few hundred ms: one catch-up per SUGGEST_FRESHNESS_MS is enough for suggestions,
    // and spares the database (and, on SQLite, this thread) a sync per keystroke.
    if (this.built && Date.now() - this.syncedAt < SUGGEST_FRESHNESS_MS) return this.duplicates.search(text, k)
    const pending = this.currentIfBuilt()
    if (!this.built) return undefined
    pending.catch(() => {
      // Reported by routing, which awaits current(); suggestions go on with what the index holds.
    })
    return this.duplicates.search(text, k)
  }

  /**
   * On PostgreSQL a post's id is drawn when it is inserted, not when it commits, so a post may appear below ids
   * already read (another transaction, on any node, committed first). Ids of the range just read that were
   * missing are kept as gaps and looked up on each sync until they appear or GAP_TTL_MS passes (a rolled back
   * insert leaves a gap for good).
   */
  private async followGaps(model: ExpertiseModel, from: number): Promise<void> {
    const now = Date.now()
    if (this.lastPostId > from) {
      const present = new Set(await postIdsInRange(this.db, from, this.lastPostId))
      for (let id = from + 1; id < this.lastPostId; id++) if (!present.has(id)) this.gaps.set(id, now)
    }
    if (this.gaps.size === 0) return
    const rows = await expertisePostsByIds(this.db, [...this.gaps.keys()].slice(0, 1000))
    for (const r of rows) {
      this.gaps.delete(Number(r.id))
      if (r.status === 'active' && (r.kind === 'question' || r.kind === 'answer')) this.add(model, r)
    }
    for (const [id, since] of this.gaps) if (now - since > GAP_TTL_MS) this.gaps.delete(id)
  }

  /** Sets every person's hidden topics as the database has them now, clearing those who hide none any more. */
  private async followHiddenTopics(model: ExpertiseModel): Promise<void> {
    const hidden = new Map<string, string[]>()
    for (const h of await findAllHiddenTopics(this.db)) hidden.set(h.person_id, [...(hidden.get(h.person_id) ?? []), h.tag])
    for (const person of this.hiding) if (!hidden.has(person)) model.setHiddenTopics(person, [])
    for (const [person, tags] of hidden) model.setHiddenTopics(person, tags)
    this.hiding = new Set(hidden.keys())
  }

  /** Learns from the "not my area" declines it has not seen yet. */
  private async followDeclines(model: ExpertiseModel): Promise<void> {
    for (const d of await findTeachingDeclines(this.db)) {
      if (this.declines.has(d.id)) continue
      this.declines.add(d.id)
      model.addDecline(d.person_id, this.questionTags(Number(d.question_id)), Date.parse(d.responded_at ?? '') || 0)
    }
  }

  private add(model: ExpertiseModel, r: PostRow): void {
    const id = String(r.id)
    if (r.kind === 'question') {
      const tags = parseTags(r.tags)
      this.tagsByQuestion.set(id, tags)
      model.addQuestion({ id, askerId: r.anonymous ? null : r.author_id, title: r.title, body: r.body, tags })
      this.duplicates.addQuestion(id, r.title, r.body)
    } else if (r.parent_id !== null && model.hasQuestion(String(r.parent_id))) {
      // An answer's words help find its question even when its author is gone (erased, imported without one).
      this.duplicates.addAnswer(String(r.parent_id), r.body)
      if (r.author_id) model.addAnswer({ id, questionId: String(r.parent_id), authorId: r.author_id, score: r.score, body: r.body })
    }
  }

  /** Acceptances, thanks and "learned from" on answers since `since`, re-read from the posts they name. */
  private async applySignals(model: ExpertiseModel, since: string): Promise<void> {
    const signals = await interactionRefsSince(this.db, ['accept', 'thanks', 'learned', 'vote'], since)
    if (signals.length === 0) return
    this.lastSignalAt = signals[signals.length - 1]?.at ?? this.lastSignalAt
    const answerIds = [
      ...new Set(
        signals
          .map((s) => /^post:(\d+)$/.exec(s.ref ?? '')?.[1])
          .filter((x): x is string => Boolean(x))
          .map(Number),
      ),
    ]
    for (const [id, signal] of await answerSignals(this.db, answerIds)) model.setAnswerSignals(String(id), signal)
  }
}
