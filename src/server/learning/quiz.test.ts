import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotTables } from '../../../test/api/support.js'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'
import { ManualClock } from '../platform/clock.js'

const T0 = Date.parse('2026-03-02T09:00:00.000Z')
const DAY = 86_400_000
const QUIZ_TABLES = ['quiz', 'quiz_question', 'quiz_answer', 'review_card', 'quiz_challenge']

interface Authored {
  id: string
  items: { id: string; kind: string; correct: number[]; accepted: string[] }[]
}
interface Played {
  items: { id: string; kind: string; options: { id: string; text: string }[]; last: { feedback: { correct: boolean } } | null }[]
  score: number | null
  answered: number
  right: number
}

describe.each(DIALECTS)('quizzes and spaced retrieval on %s', (dialect) => {
  let t: TestApp
  let clock: ManualClock
  let admin: Client
  let mia: Client // a manager: learning staff
  let max: Client // another manager
  let ana: Client
  let raj: Client
  let quiz: Authored
  let played: Played

  const optionId = (q: Played['items'][number], text: string) => q.options.find((o) => o.text === text)!.id

  beforeAll(async () => {
    clock = new ManualClock(T0)
    t = await createTestApp(dialect, {}, { clock })
    admin = await setupAdmin(t.app)
    mia = await loggedInPerson(t.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    max = await loggedInPerson(t.app, { name: 'Max Manager', email: 'max@example.com', manager_granted: 1 })
    ana = await loggedInPerson(t.app, { name: 'Ana Learner', email: 'ana@example.com' })
    raj = await loggedInPerson(t.app, { name: 'Raj Learner', email: 'raj@example.com' })
  })
  afterAll(async () => {
    await t.close()
  })

  it('is authored by learning staff only, and refuses questions that cannot be answered', async () => {
    const body = { title: 'Incident response basics' }
    expect((await ana.post('/api/learning/quizzes', body)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/learning/quizzes', payload: body })).statusCode).toBe(401)
    const created = await mia.post('/api/learning/quizzes', body)
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ title: 'Incident response basics', points: false, questions: 0, canEdit: true })
    quiz = created.json<Authored>()
    const url = `/api/learning/quizzes/${quiz.id}/questions`

    const before = await snapshotTables(t.app, QUIZ_TABLES)
    const bad: [unknown, string | undefined][] = [
      [{ kind: 'single', prompt: 'Pick', options: ['A'], correct: [0] }, 'too_few_options'],
      [{ kind: 'single', prompt: 'Pick', options: ['A', 'B'], correct: [0, 1] }, 'one_right_option'],
      [{ kind: 'multiple', prompt: 'Pick', options: ['A', 'B'], correct: [] }, 'no_right_option'],
      [{ kind: 'single', prompt: 'Pick', options: ['A', 'B'], correct: [5] }, 'unknown_option'],
      [{ kind: 'single', prompt: 'Pick', options: ['A', ' a '], correct: [0] }, 'duplicate_options'],
      [{ kind: 'short', prompt: 'Type', accepted: [] }, 'no_accepted_answer'],
      [{ kind: 'essay', prompt: 'Write' }, undefined],
      [{ kind: 'short', prompt: '   ', accepted: ['x'] }, undefined],
      [{ kind: 'short', prompt: 'Type', accepted: ['x'], extra: 1 }, undefined],
    ]
    for (const [payload, code] of bad) {
      const res = await mia.post(url, payload)
      expect(res.statusCode, JSON.stringify(payload)).toBe(400)
      if (code) expect(res.json()).toEqual({ error: { code, message: expect.any(String) } })
    }
    expect(await snapshotTables(t.app, QUIZ_TABLES)).toEqual(before)

    const questions = [
      {
        kind: 'single',
        prompt: 'Who declares an incident?',
        options: ['Anyone who sees one', 'Only the on-call lead'],
        correct: [0],
        explanation: 'Declaring early is cheap; anyone may do it.',
      },
      {
        kind: 'multiple',
        prompt: 'Which belong in a status update?',
        options: ['Impact', 'Next update time', 'Who caused it'],
        correct: [0, 1],
        explanation: 'Blameless: impact and when to expect news, never a culprit.',
      },
      {
        kind: 'ordering',
        prompt: 'Put the steps in order',
        options: ['Declare', 'Mitigate', 'Review'],
        explanation: 'Declare, then stop the bleeding, then learn.',
      },
      {
        kind: 'short',
        prompt: 'What do we call the meeting after?',
        accepted: ['post-incident review', 'retrospective'],
        explanation: 'A blameless review.',
      },
    ]
    // Only the author and admins edit: another manager and a member are refused.
    expect((await max.post(url, questions[0])).statusCode).toBe(403)
    expect((await ana.post(url, questions[0])).statusCode).toBe(403)
    for (const q of questions) expect((await mia.post(url, q)).statusCode).toBe(201)
    quiz = (await admin.get(`/api/learning/quizzes/${quiz.id}/authoring`)).json<Authored>()
    expect(quiz.items.map((q) => q.kind)).toEqual(['single', 'multiple', 'ordering', 'short'])
    expect(quiz.items[1]).toMatchObject({ correct: [0, 1] })
    expect((await max.get(`/api/learning/quizzes/${quiz.id}/authoring`)).statusCode).toBe(403)
    expect((await ana.get(`/api/learning/quizzes/${quiz.id}/authoring`)).statusCode).toBe(403)
  })

  it('shows learners no answers, gives immediate feedback on every kind, and keeps their progress', async () => {
    const res = await ana.get(`/api/learning/quizzes/${quiz.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toMatch(/"correct"|"accepted"|post-incident|Blameless/)
    played = res.json<Played>()
    expect(played).toMatchObject({ score: null, answered: 0, questions: 4 })
    const [single, multiple, ordering, short] = played.items as [
      Played['items'][number],
      Played['items'][number],
      Played['items'][number],
      Played['items'][number],
    ]
    // Learners see the ordering shuffled, never already in order.
    expect(ordering.options.map((o) => o.text)).not.toEqual(['Declare', 'Mitigate', 'Review'])
    const answer = (q: { id: string }, body: unknown) => ana.post(`/api/learning/quizzes/${quiz.id}/questions/${q.id}/answer`, body)

    const before = await snapshotTables(t.app, QUIZ_TABLES)
    for (const [q, body] of [
      [single, { choices: ['nope'] }],
      [single, { choices: [optionId(single, 'Anyone who sees one'), optionId(single, 'Only the on-call lead')] }],
      [multiple, { choices: [] }],
      [ordering, { order: [ordering.options[0]!.id] }],
      [short, { text: '   ' }],
    ] as const) {
      const r = await answer(q, body)
      expect(r.statusCode, JSON.stringify(body)).toBe(400)
      expect(r.json()).toEqual({ error: { code: 'answer_does_not_fit', message: expect.any(String) } })
    }
    expect((await answer({ id: 'no-such-question' }, { text: 'x' })).statusCode).toBe(404)
    expect(await snapshotTables(t.app, QUIZ_TABLES)).toEqual(before)

    const wrong = await answer(single, { choices: [optionId(single, 'Only the on-call lead')] })
    expect(wrong.json()).toMatchObject({
      correct: false,
      explanation: 'Declaring early is cheap; anyone may do it.',
      rightAnswer: ['Anyone who sees one'],
      points: null,
      review: false,
    })
    expect(
      (await answer(multiple, { choices: [optionId(multiple, 'Impact'), optionId(multiple, 'Next update time')] })).json(),
    ).toMatchObject({
      correct: true,
      rightAnswer: ['Impact', 'Next update time'],
    })
    const inOrder = ['Declare', 'Mitigate', 'Review'].map((x) => optionId(ordering, x))
    expect((await answer(ordering, { order: inOrder })).json()).toMatchObject({ correct: true })
    expect((await answer(short, { text: '  Post-Incident  Review. ' })).json()).toMatchObject({
      correct: true,
      rightAnswer: ['post-incident review'],
    })

    const again = (await ana.get(`/api/learning/quizzes/${quiz.id}`)).json<Played>()
    expect(again).toMatchObject({ answered: 4, right: 3 })
    expect(again.items.map((q) => q.last?.feedback.correct)).toEqual([false, true, true, true])
    // Someone else's progress is their own.
    expect((await raj.get(`/api/learning/quizzes/${quiz.id}`)).json()).toMatchObject({ answered: 0 })
  })

  it('brings a card back when FSRS says it is due, and not before', async () => {
    const reviews = () =>
      ana.get('/api/learning/reviews').then((r) => r.json<{ due: number; nextDue: string | null; items: { question: { id: string } }[] }>())
    const single = played.items[0]!
    const multiple = played.items[1]!
    expect(await reviews()).toMatchObject({ due: 0, nextDue: new Date(T0 + DAY).toISOString() })
    // The wrong answer (Again) is due after a day; the right ones (Good) after three.
    clock.advance(DAY - 60_000)
    expect((await reviews()).due).toBe(0)
    clock.advance(60_000)
    const oneDay = await reviews()
    expect(oneDay.items.map((i) => i.question.id)).toEqual([single.id])
    // Answering a card that is not due yet is practice: it does not move the schedule.
    const practice = await ana.post(`/api/learning/quizzes/${quiz.id}/questions/${multiple.id}/answer`, {
      choices: [optionId(multiple, 'Impact'), optionId(multiple, 'Next update time')],
    })
    expect(practice.json()).toMatchObject({ review: false, nextReview: new Date(T0 + 3 * DAY).toISOString() })
    const review = await ana.post(`/api/learning/quizzes/${quiz.id}/questions/${single.id}/answer`, {
      choices: [optionId(single, 'Anyone who sees one')],
    })
    expect(review.json()).toMatchObject({ correct: true, review: true })
    expect(Date.parse(review.json<{ nextReview: string }>().nextReview)).toBeGreaterThan(T0 + 2 * DAY)
    expect((await reviews()).due).toBe(0)
    clock.set(T0 + 3 * DAY)
    expect((await reviews()).due).toBe(3)
    clock.set(T0)
  })

  it('keeps points off by default, and counts each question once when the author turns them on', async () => {
    const id = quiz.id
    expect((await max.patch(`/api/learning/quizzes/${id}`, { points: true })).statusCode).toBe(403)
    expect((await mia.patch(`/api/learning/quizzes/${id}`, { points: true })).json()).toMatchObject({ points: true })
    const short = played.items[3]!
    const first = await raj.post(`/api/learning/quizzes/${id}/questions/${short.id}/answer`, { text: 'retrospective' })
    expect(first.json()).toMatchObject({ correct: true, points: 1 })
    const second = await raj.post(`/api/learning/quizzes/${id}/questions/${short.id}/answer`, { text: 'retrospective' })
    expect(second.json()).toMatchObject({ correct: true, points: 0 })
    expect((await raj.get(`/api/learning/quizzes/${id}`)).json()).toMatchObject({ score: 1 })
    await mia.patch(`/api/learning/quizzes/${id}`, { points: false })
    expect((await raj.get(`/api/learning/quizzes/${id}`)).json()).toMatchObject({ score: null })
  })

  it("hides a closed community's quiz from people outside it", async () => {
    await mia.post('/api/communities', { name: 'Pager duty', purpose: 'On-call', visibility: 'closed' })
    const res = await mia.post('/api/learning/quizzes', { title: 'On-call secrets', community: 'pager-duty' })
    expect(res.statusCode).toBe(201)
    const id = res.json<{ id: string }>().id
    await mia.post(`/api/learning/quizzes/${id}/questions`, { kind: 'short', prompt: 'Code word?', accepted: ['x'] })
    const q = (await mia.get(`/api/learning/quizzes/${id}`)).json<Played>().items[0]!
    expect((await ana.get(`/api/learning/quizzes/${id}`)).statusCode).toBe(404)
    expect((await ana.post(`/api/learning/quizzes/${id}/questions/${q.id}/answer`, { text: 'x' })).statusCode).toBe(404)
    expect((await ana.get('/api/learning/quizzes')).json<{ items: { id: string }[] }>().items.map((x) => x.id)).not.toContain(id)
    expect((await mia.post('/api/learning/quizzes', { title: 'Elsewhere', community: 'no-such' })).json()).toMatchObject({
      error: { code: 'unknown_community' },
    })
  })

  it('keeps the ids of options whose text stays when a question is rewritten, and refuses a question of another quiz', async () => {
    const multiple = played.items[1]!
    const url = `/api/learning/quizzes/${quiz.id}/questions/${multiple.id}`
    const rewritten = {
      kind: 'multiple',
      prompt: 'Which belong in a status update?',
      options: ['Impact', 'Next update time', 'Workaround'],
      correct: [0, 1, 2],
    }
    expect((await max.put(url, rewritten)).statusCode).toBe(403)
    expect((await mia.put(url, { ...rewritten, correct: [7] })).statusCode).toBe(400)
    expect((await mia.put(url, rewritten)).json<Authored>().items[1]).toMatchObject({ correct: [0, 1, 2] })
    const after = (await ana.get(`/api/learning/quizzes/${quiz.id}`)).json<Played>().items[1]!
    expect(optionId(after, 'Impact')).toBe(optionId(multiple, 'Impact'))
    expect(after.options.map((o) => o.text)).toEqual(['Impact', 'Next update time', 'Workaround'])
    expect((await mia.put(`/api/learning/quizzes/${quiz.id}/questions/no-such`, rewritten)).statusCode).toBe(404)
  })

  it("puts a learner's answers and cards in their export, and erases them with them", async () => {
    const exported = (await ana.get('/api/me/export')).json<{ learning: { quizAnswers: unknown[]; reviewCards: unknown[] } }>()
    expect(exported.learning.quizAnswers).toHaveLength(6)
    expect(exported.learning.reviewCards).toHaveLength(4)
    expect(exported.learning.quizAnswers[0]).toMatchObject({ quizId: quiz.id, correct: false, mode: 'quiz' })
    const request = await ana.post('/api/me/erasure', { reason: 'moving on' })
    expect(request.statusCode).toBe(201)
    expect((await admin.post(`/api/admin/erasures/${request.json<{ id: string }>().id}/confirm`)).statusCode).toBe(200)
    const anaId = ana.id
    const left = await t.app.db.selectFrom('quiz_answer').select('id').where('person_id', '=', anaId).execute()
    const cards = await t.app.db.selectFrom('review_card').select('question_id').where('person_id', '=', anaId).execute()
    expect([left.length, cards.length]).toEqual([0, 0])
    // Other people's answers stay.
    expect((await raj.get(`/api/learning/quizzes/${quiz.id}`)).json()).toMatchObject({ answered: 1 })
  })
})
