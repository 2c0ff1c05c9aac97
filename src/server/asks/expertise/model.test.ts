import { describe, expect, it } from 'vitest'
import { MIN_EVIDENCE_SIMILARITY } from './features.js'
import { ExpertiseModel } from './model.js'
import { DEFAULT_SETTINGS } from './settings.js'
import type { AnswerInput, QuestionInput } from './types.js'

const TOPICS = {
  mysql: ['innodb', 'replication', 'binlog', 'mysqldump', 'buffer'],
  postgres: ['vacuum', 'autovacuum', 'wal', 'pgbouncer', 'tablespace'],
  oracle: ['rman', 'tablespace', 'pluggable', 'sqlplus', 'listener'],
} as const
type Topic = keyof typeof TOPICS
const EXPERTS: Record<Topic, string[]> = { mysql: ['alice', 'dan'], postgres: ['bob', 'erin'], oracle: ['carol', 'frank'] }

/** A deterministic history: each question is on one topic and answered by that topic's experts. */
function history(count: number): { questions: QuestionInput[]; answers: AnswerInput[] } {
  const questions: QuestionInput[] = []
  const answers: AnswerInput[] = []
  const topics = Object.keys(TOPICS) as Topic[]
  for (let i = 0; i < count; i++) {
    const topic = topics[i % 3]!
    const words = TOPICS[topic]
    const id = `q${i}`
    questions.push({
      id,
      askerId: `asker${i % 5}`,
      title: `${words[i % 5]} problem with ${words[(i + 2) % 5]}`,
      body: `${topic} ${words[(i + 1) % 5]} setup`,
      tags: [topic],
    })
    EXPERTS[topic].forEach((person, k) => {
      if ((i + k) % 2 === 0 || k === 0)
        answers.push({ id: `a${i}-${k}`, questionId: id, authorId: person, accepted: k === 0, score: 3 - k })
    })
  }
  return { questions, answers }
}

const T0 = Date.parse('2026-03-02T09:00:00Z')
const DAY = 24 * 3600_000
const PEOPLE = ['alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'nobody']
const ask = (title: string, tags: string[], askerId: string | null = 'zed') => ({ title, body: '', tags, askerId })

describe('ExpertiseModel', () => {
  it('ranks the people who answered similar questions first, with evidence', () => {
    const { questions, answers } = history(60)
    const model = ExpertiseModel.fromHistory(questions, answers)
    const ranked = model.rank(ask('autovacuum is slow on a big table', ['postgres']), PEOPLE)
    expect(
      ranked
        .slice(0, 2)
        .map((r) => r.personId)
        .sort(),
    ).toEqual(['bob', 'erin'])
    expect(ranked.at(-1)!.personId).toBe('nobody')
    const top = ranked[0]!
    const answerEvidence = top.evidence.filter((e) => e.kind === 'answer')
    expect(answerEvidence.length).toBeGreaterThan(0)
    for (const e of answerEvidence) {
      const q = questions.find((x) => x.id === e.questionId)!
      expect(q.tags).toEqual(['postgres'])
      expect(answers.find((a) => a.id === e.answerId)!.authorId).toBe(top.personId)
    }
    expect(model.rank(ask('rman backup of a pluggable database', ['oracle']), PEOPLE)[0]!.personId).toMatch(/carol|frank/)
  })

  it('never routes a question to its asker, nor to excluded people', () => {
    const { questions, answers } = history(30)
    const model = ExpertiseModel.fromHistory(questions, answers)
    const ranked = model.rank(ask('innodb buffer pool size', ['mysql'], 'alice'), PEOPLE, { exclude: ['dan'] })
    const ids = ranked.map((r) => r.personId)
    expect(ids).not.toContain('alice')
    expect(ids).not.toContain('dan')
    expect(ids).toHaveLength(PEOPLE.length - 2)
  })

  it('ranks the same after answers added one by one (with rankings in between) as when built at once', () => {
    const { questions, answers } = history(90)
    const incremental = new ExpertiseModel()
    const query = ask('wal archiving and tablespace', ['postgres', 'oracle'])
    let a = 0
    for (const q of questions) {
      incremental.addQuestion(q)
      while (a < answers.length && answers[a]!.questionId === q.id) {
        const { accepted, score, ...rest } = answers[a]!
        // Acceptance and votes arrive after the answer, as in production.
        incremental.addAnswer(rest)
        incremental.setAnswerSignals(rest.id, { accepted, score })
        a++
      }
      incremental.rank(query, PEOPLE)
    }
    const batch = ExpertiseModel.fromHistory(questions, answers)
    const x = incremental.rank(query, PEOPLE)
    const y = batch.rank(query, PEOPLE)
    expect(x.map((r) => r.personId)).toEqual(y.map((r) => r.personId))
    x.forEach((r, i) => expect(r.score).toBeCloseTo(y[i]!.score, 9))
    expect(x.map((r) => r.evidence)).toEqual(y.map((r) => r.evidence))
  })

  it('is deterministic, and orders equal scores by person id', () => {
    const { questions, answers } = history(30)
    const one = ExpertiseModel.fromHistory(questions, answers).rank(ask('anything at all', ['cobol']), ['zoe', 'yann', 'xavier'])
    const two = ExpertiseModel.fromHistory(questions, answers).rank(ask('anything at all', ['cobol']), ['zoe', 'yann', 'xavier'])
    expect(one).toEqual(two)
    expect(one.map((r) => r.personId)).toEqual(['xavier', 'yann', 'zoe'])
  })

  it('limits the results and the evidence', () => {
    const { questions, answers } = history(30)
    const model = ExpertiseModel.fromHistory(questions, answers)
    const ranked = model.rank(ask('mysqldump of innodb', ['mysql']), PEOPLE, { limit: 3, evidenceFor: 1, evidenceItems: 2 })
    expect(ranked).toHaveLength(3)
    expect(ranked[0]!.evidence.length).toBeGreaterThan(0)
    expect(ranked[0]!.evidence.length).toBeLessThanOrEqual(2)
    expect(ranked[1]!.evidence).toEqual([])
  })

  it('does not use hidden topics to route, and shows them again when unhidden', () => {
    const { questions, answers } = history(60)
    const model = ExpertiseModel.fromHistory(questions, answers)
    const query = ask('replication lag with binlog', ['mysql'])
    const before = model.rank(query, PEOPLE).find((r) => r.personId === 'alice')!
    model.setHiddenTopics('alice', ['MySQL'])
    const hidden = model.rank(query, PEOPLE).find((r) => r.personId === 'alice')!
    expect(hidden.score).toBeLessThan(before.score)
    expect(hidden.evidence).toEqual([])
    expect(model.knownFor('alice').map((t) => t.tag)).not.toContain('mysql')
    model.setHiddenTopics('alice', [])
    expect(model.rank(query, PEOPLE).find((r) => r.personId === 'alice')!.score).toBe(before.score)
  })

  it('lowers the rank of someone who declined questions on these topics', () => {
    const { questions, answers } = history(60)
    const model = ExpertiseModel.fromHistory(questions, answers)
    const query = ask('vacuum freeze', ['postgres'])
    const score = (id: string) => model.rank(query, PEOPLE).find((r) => r.personId === id)!.score
    const before = score('bob')
    model.addDecline('bob', ['postgres'], T0)
    expect(score('bob')).toBeLessThan(before)
  })

  it('after "not my area", ranks the decliner below the other expert on that topic only', () => {
    const { questions, answers } = history(60)
    const model = ExpertiseModel.fromHistory(questions, answers)
    const postgres = ask('autovacuum and wal on a big table', ['postgres'])
    const mysql = ask('innodb replication lag', ['mysql'])
    // bob answered every postgres question and had them accepted: the clear first choice.
    expect(model.rank(postgres, PEOPLE)[0]!.personId).toBe('bob')
    const mysqlBefore = model.rank(mysql, PEOPLE)
    model.addDecline('bob', ['postgres'], T0)
    const after = model.rank(postgres, PEOPLE).map((r) => r.personId)
    expect(after[0]).toBe('erin')
    // Still above the people who never answered on postgres: declining lowers, it does not erase.
    expect(after.indexOf('bob')).toBeLessThan(after.indexOf('alice'))
    expect(model.rank(mysql, PEOPLE)).toEqual(mysqlBefore)
  })

  it('lets a decline fade with calendar time, not with the answers given since', () => {
    const { questions, answers } = history(60)
    const model = ExpertiseModel.fromHistory(questions, answers.slice(0, 60))
    const fresh = ExpertiseModel.fromHistory(questions, answers)
    const query = ask('autovacuum and wal on a big table', ['postgres'])
    const score = (m: ExpertiseModel, now: number) => m.rank(query, ['bob'], { now })[0]!.score
    model.addDecline('bob', ['postgres'], T0)
    const cost = (now: number) => score(fresh, now) - score(model, now)
    for (const a of answers.slice(60)) model.addAnswer(a)
    // Right after: the full penalty, whatever the answers added since. The decline counts on the tag and on its
    // word (one each): log(1 + 2) × declinePenalty.
    expect(cost(T0)).toBeCloseTo(Math.log(3) * DEFAULT_SETTINGS.declinePenalty, 6)
    // One half-life later, the decline weighs half: log(1 + 2 × 1/2).
    const halfLife = DEFAULT_SETTINGS.declineHalfLifeDays * DAY
    expect(cost(T0 + halfLife)).toBeCloseTo(Math.log(2) * DEFAULT_SETTINGS.declinePenalty, 6)
    // Half a year on, it has all but gone.
    expect(cost(T0 + 182 * DAY)).toBeLessThan(cost(T0) / 10)
    // Two declines a half-life apart weigh 1.5 at the second, as each would on its own.
    model.addDecline('bob', ['postgres'], T0 + halfLife)
    expect(cost(T0 + halfLife)).toBeCloseTo(Math.log(4) * DEFAULT_SETTINGS.declinePenalty, 6)
  })

  it('says for every candidate whether there is any evidence, beyond those given evidence items', () => {
    const { questions, answers } = history(60)
    const model = ExpertiseModel.fromHistory(questions, answers)
    const ranked = model.rank(ask('vacuum of a tablespace', ['postgres']), PEOPLE, { evidenceFor: 1 })
    const evident = Object.fromEntries(ranked.map((r) => [r.personId, r.hasEvidence]))
    // carol and frank answered on 'tablespace' questions (oracle) that the text search finds similar.
    expect(evident).toMatchObject({ bob: true, erin: true, alice: false, dan: false, nobody: false })
    for (const r of ranked.slice(1)) expect(r.evidence).toEqual([])
    for (const r of model.rank(ask('vacuum of a tablespace', ['postgres']), PEOPLE, { evidenceFor: 10 }))
      expect(r.evidence.length > 0).toBe(r.hasEvidence)
    const answerEvidence = ranked[0]!.evidence.find((e) => e.kind === 'answer')
    expect(answerEvidence).toMatchObject({ kind: 'answer', score: expect.any(Number) as number })
  })

  it('does not count a faint match as evidence: one shared word with a far better match', () => {
    const model = new ExpertiseModel()
    const past = [
      ['q1', 'Backfill the orders partition after a grain change in the warehouse model', ['backfill'], 'raj'],
      ['q2', 'Parking permits at the warehouse', ['facilities'], 'mei'],
    ] as const
    for (const [id, title, tags, answerer] of past) {
      model.addQuestion({ id, askerId: 'sam', title, body: title, tags })
      model.addAnswer({ id: `${id}-a`, questionId: id, authorId: answerer })
    }
    const query = ask('How do we backfill the orders partition when the warehouse model changed its grain?', ['backfill'])
    // The text search does find Mei's question, far behind Raj's: under the evidence threshold.
    const mei = model.similarQuestions(query, 10).find((s) => s.id === 'q2')
    expect(mei?.similarity).toBeGreaterThan(0)
    expect(mei?.similarity).toBeLessThan(MIN_EVIDENCE_SIMILARITY)
    const ranked = Object.fromEntries(model.rank(query, ['raj', 'mei']).map((r) => [r.personId, r]))
    expect(ranked.raj).toMatchObject({ hasEvidence: true })
    expect(ranked.raj!.evidence.length).toBeGreaterThan(0)
    expect(ranked.mei).toMatchObject({ hasEvidence: false, evidence: [] })
  })

  it('ranks while its semantic index refits in the background, and as the inline model once it is done', async () => {
    const { questions, answers } = history(60)
    const inline = ExpertiseModel.fromHistory(questions, answers)
    const model = new ExpertiseModel(DEFAULT_SETTINGS, { backgroundRefit: true })
    for (const q of questions) model.addQuestion(q)
    for (const a of answers) model.addAnswer(a)
    // The refit started by the 30th question has not run yet: the call returned at once, and ranking works.
    const query = ask('standby lag after failover of the wal sender', ['postgres'])
    const during = model.rank(query, PEOPLE)
    expect(
      during
        .map((r) => r.personId)
        .slice(0, 2)
        .sort(),
    ).toEqual(['bob', 'erin'])
    await model.settled()
    expect(model.rank(query, PEOPLE)).toEqual(inline.rank(query, PEOPLE))
  })

  it('ranks by the smoothed tag model: many answers on the tag beat many answers elsewhere', () => {
    const model = new ExpertiseModel({ ...DEFAULT_SETTINGS, trees: undefined, features: ['tag_lm'], weights: [1] })
    for (let i = 0; i < 40; i++) {
      const rare = i % 8 === 0
      model.addQuestion({ id: `q${i}`, askerId: 'x', title: 'x', body: '', tags: [rare ? 'rare' : 'common'] })
      // expert: the 5 answers on 'rare'; busy: the same 5 and 10 more elsewhere.
      if (rare) model.addAnswer({ id: `e${i}`, questionId: `q${i}`, authorId: 'expert' })
      if (rare || i < 12) model.addAnswer({ id: `b${i}`, questionId: `q${i}`, authorId: 'busy' })
    }
    const ranked = model.rank(ask('anything', ['rare']), ['busy', 'expert', 'nobody'])
    expect(ranked.map((r) => r.personId)).toEqual(['expert', 'busy', 'nobody'])
    expect(ranked[2]!.score).toBe(0)
  })

  it('says what someone is known for, with their answers as evidence', () => {
    const { questions, answers } = history(30)
    const model = ExpertiseModel.fromHistory(questions, answers)
    const [topic, ...rest] = model.knownFor('carol')
    expect(topic!.tag).toBe('oracle')
    expect(rest).toEqual([])
    expect(topic!.answers).toBe(10)
    expect(topic!.accepted).toBe(10)
    expect(topic!.answerIds[0]).toBe('a29-0')
    expect(topic!.answerIds).toHaveLength(5)
    expect(model.knownFor('nobody')).toEqual([])
  })

  it('ignores repeated questions and answers, and refuses an answer to an unknown question', () => {
    const { questions, answers } = history(6)
    const model = ExpertiseModel.fromHistory(questions, answers)
    model.addQuestion(questions[0]!)
    model.addAnswer(answers[0]!)
    expect(model.questionCount).toBe(6)
    expect(model.answerCount).toBe(answers.length)
    expect(() => model.addAnswer({ id: 'x', questionId: 'missing', authorId: 'alice' })).toThrow(RangeError)
  })

  it('matches the words of tags: sql-server-2012 answers count for a sql-server-2008 question', () => {
    // Only the tag-word feature (no trees), to test that mechanism alone.
    const model = new ExpertiseModel({ ...DEFAULT_SETTINGS, trees: undefined, features: ['tagword_idf'], weights: [1] })
    model.addQuestion({ id: 'q1', askerId: 'x', title: 'backup', body: '', tags: ['sql-server-2012'] })
    model.addQuestion({ id: 'q2', askerId: 'x', title: 'backup', body: '', tags: ['oracle'] })
    model.addAnswer({ id: 'a1', questionId: 'q1', authorId: 'alice' })
    model.addAnswer({ id: 'a2', questionId: 'q2', authorId: 'bob' })
    const query = ask('restore', ['sql-server-2008'])
    const ranked = model.rank(query, ['bob', 'alice'])
    expect(ranked.map((r) => r.personId)).toEqual(['alice', 'bob'])
    expect(ranked[0]!.score).toBeGreaterThan(0)
    expect(ranked[1]!.score).toBe(0)
    expect(model.knownFor('alice').map((t) => t.tag)).toEqual(['sql-server-2012'])
    model.setHiddenTopics('alice', ['sql-server-2008'])
    expect(model.rank(query, ['alice'])[0]!.score).toBe(0)
  })
})
