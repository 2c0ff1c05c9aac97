import { parseTags } from '../../shared/tags.js'
import type { Db } from '../platform/db/dialect.js'
import { ExpertiseModel } from './expertise/model.js'
import { findAllHiddenTopics, findTeachingDeclines } from './store.js'

interface PostRow {
  id: number | string
  kind: string
  parent_id: number | string | null
  author_id: string | null
  anonymous: number
  title: string
  body: string
  tags: string
  score: number
}

/**
 * The expertise model of this app node, fed from the database: every question and answer (native and
 * imported), acceptances, thanks and votes, hidden topics and "not my area" declines. It is derived state,
 * never the source of truth: each node builds its own and catches up incrementally (new posts by id, new
 * signals from the interaction log) before it ranks, so several nodes agree without sharing memory.
 */
export class ExpertiseService {
  private model: ExpertiseModel | undefined
  /** Set once a first sync has finished: until then the model holds only part of the history. */
  private built = false
  private lastPostId = 0
  private lastSignalAt = ''
  private syncing: Promise<ExpertiseModel> | undefined
  private readonly tagsByQuestion = new Map<string, string[]>()

  constructor(private readonly db: Db) {}

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
    const model = (this.model ??= new ExpertiseModel())
    const signalSince = this.lastSignalAt
    for (;;) {
      const rows: PostRow[] = await this.db
        .selectFrom('post')
        .select(['id', 'kind', 'parent_id', 'author_id', 'anonymous', 'title', 'body', 'tags', 'score'])
        .where('id', '>', this.lastPostId)
        .where('kind', 'in', ['question', 'answer'])
        .where('status', '=', 'active')
        .orderBy('id')
        .limit(5000)
        .execute()
      if (rows.length === 0) break
      for (const r of rows) this.add(model, r)
      this.lastPostId = Number(rows[rows.length - 1]?.id)
    }
    await this.applySignals(model, first ? '' : signalSince)
    if (first) {
      const hidden = new Map<string, string[]>()
      for (const h of await findAllHiddenTopics(this.db)) hidden.set(h.person_id, [...(hidden.get(h.person_id) ?? []), h.tag])
      for (const [person, tags] of hidden) model.setHiddenTopics(person, tags)
      for (const d of await findTeachingDeclines(this.db)) model.addDecline(d.person_id, this.questionTags(Number(d.question_id)))
    }
    this.built = true
    return model
  }

  private add(model: ExpertiseModel, r: PostRow): void {
    const id = String(r.id)
    if (r.kind === 'question') {
      const tags = parseTags(r.tags)
      this.tagsByQuestion.set(id, tags)
      model.addQuestion({ id, askerId: r.anonymous ? null : r.author_id, title: r.title, body: r.body, tags })
    } else if (r.parent_id !== null && r.author_id && model.hasQuestion(String(r.parent_id))) {
      model.addAnswer({ id, questionId: String(r.parent_id), authorId: r.author_id, score: r.score, body: r.body })
    }
  }

  /** Acceptances, thanks and "learned from" on answers since `since`, re-read from the posts they name. */
  private async applySignals(model: ExpertiseModel, since: string): Promise<void> {
    let q = this.db
      .selectFrom('interaction')
      .select(['ref', 'at'])
      .where('kind', 'in', ['accept', 'thanks', 'learned', 'vote'])
      .where('ref', 'is not', null)
    if (since) q = q.where('at', '>', since)
    const signals = await q.orderBy('at').execute()
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
    for (let i = 0; i < answerIds.length; i += 500) {
      const chunk = answerIds.slice(i, i + 500)
      const answers = await this.db
        .selectFrom('post as a')
        .leftJoin('post as q', 'q.id', 'a.parent_id')
        .select(['a.id', 'a.score', 'q.accepted_answer_id'])
        .select((eb) =>
          eb
            .selectFrom('thanks as t')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('t.post_id', '=', 'a.id')
            .as('thanks'),
        )
        .where('a.id', 'in', chunk)
        .where('a.kind', '=', 'answer')
        .execute()
      for (const a of answers) {
        model.setAnswerSignals(String(a.id), {
          accepted: Number(a.accepted_answer_id) === Number(a.id),
          score: Number(a.score) + Number(a.thanks ?? 0),
        })
      }
    }
  }
}
