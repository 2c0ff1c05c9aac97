import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { communityRefBySlug } from '../../src/server/communities/lookup.js'
import { isRight, questionContent } from '../../src/server/learning/quiz-grading.js'
import type { QuizQuestionTable, ReviewCardTable } from '../../src/server/learning/quiz-rows.js'
import { scheduleAnswer } from '../../src/server/learning/quiz-schedule.js'
import { importScormPackage } from '../../src/server/learning/scorm/import.js'
import { reindexCatalogue } from '../../src/server/learning/search-store.js'
import type { Db } from '../../src/server/platform/db/dialect.js'
import type { Storage } from '../../src/server/platform/storage.js'
import { newId } from '../../src/server/platform/time.js'
import { findPeopleByEmails } from '../../src/server/people/roster-store.js'
import type { AnswerInput } from '../../src/shared/quiz.js'
import type { DemoPractice } from './learning-practice.js'
import { DEMO_SCORM_DIR, zipFolder } from './scorm-package.js'

export interface PracticeLoadResult {
  quizzes: number
  quizAnswers: number
  challenges: number
  assignments: number
  scormModules: number
  scormAttempts: number
}

/** What a learner sent: the right answer, or a plausible wrong one (the options in another order, a slip). */
function inputFor(q: QuizQuestionTable, right: boolean): AnswerInput {
  const options = (JSON.parse(q.options) as { id: string }[]).map((o) => o.id)
  const answer = JSON.parse(q.answer) as string[]
  if (q.kind === 'short') return { text: right ? answer[0]! : 'not sure' }
  if (q.kind === 'ordering') return { order: right ? answer : [...answer.slice(1), answer[0]!] }
  if (right) return { choices: answer }
  const wrong = options.find((o) => !answer.includes(o)) ?? options[0]!
  return { choices: q.kind === 'single' ? [wrong] : [...answer.slice(1), wrong] }
}

/**
 * Writes the demo's quizzes with their answers and FSRS cards (scheduled as the app schedules them, answer by
 * answer), the team challenge, the managers' assignments and, when a storage is given, the demo's own SCORM
 * package imported through learning's import with its tracked attempts; then rewrites the catalogue's search
 * index, since the demo writes learning's rows directly.
 */
export async function insertPractice(tx: Db, practice: DemoPractice, storage?: Storage): Promise<PracticeLoadResult> {
  const emails = new Set<string>([practice.scormBy])
  for (const q of practice.quizzes) [q.author, ...q.answers.map((a) => a.email)].forEach((e) => emails.add(e))
  for (const a of practice.assignments) [a.by, a.to].forEach((e) => emails.add(e))
  for (const a of practice.scormAttempts) emails.add(a.email)
  if (practice.challenge) emails.add(practice.challenge.by)
  const ids = new Map((await findPeopleByEmails(tx, [...emails])).map((p) => [p.email, p.id]))
  const person = (email: string) => {
    const id = ids.get(email)
    if (!id) throw new Error(`demo learning names ${email}, who is not in the demo`)
    return id
  }
  const spaceId = async (slug: string) => {
    const ref = await communityRefBySlug(tx, slug)
    if (!ref) throw new Error(`demo learning names community ${slug}, which is not in the demo`)
    return ref.id
  }

  let quizAnswers = 0
  const quizIds = new Map<string, string>()
  for (const q of practice.quizzes) {
    const id = newId()
    quizIds.set(q.spec.title, id)
    const communityId = await spaceId(q.space)
    await tx
      .insertInto('quiz')
      .values({
        id,
        title: q.spec.title,
        description: q.spec.description,
        community_id: communityId,
        points_enabled: 0,
        created_by: person(q.author),
        created_at: q.createdAt,
        updated_at: q.createdAt,
      })
      .execute()
    const questions: QuizQuestionTable[] = q.spec.questions.map((input, position) => ({
      id: newId(),
      quiz_id: id,
      position,
      ...questionContent(input),
      created_at: q.createdAt,
      updated_at: q.createdAt,
    }))
    await tx.insertInto('quiz_question').values(questions).execute()
    const cards = new Map<string, ReviewCardTable>()
    const answers = q.answers.map((a) => {
      const question = questions[a.question]!
      const input = inputFor(question, a.right)
      const right = isRight(question, input)
      const key = `${question.id} ${a.email}`
      const { card, moved, review } = scheduleAnswer(
        cards.get(key),
        { question_id: question.id, person_id: person(a.email), quiz_id: id },
        right,
        Date.parse(a.at),
      )
      if (moved) cards.set(key, card)
      return {
        id: newId(),
        quiz_id: id,
        question_id: question.id,
        person_id: person(a.email),
        response: JSON.stringify(input),
        correct: right ? 1 : 0,
        points: 0,
        mode: review ? ('review' as const) : ('quiz' as const),
        answered_at: a.at,
      }
    })
    for (let i = 0; i < answers.length; i += 200)
      await tx
        .insertInto('quiz_answer')
        .values(answers.slice(i, i + 200))
        .execute()
    const cardRows = [...cards.values()]
    for (let i = 0; i < cardRows.length; i += 200)
      await tx
        .insertInto('review_card')
        .values(cardRows.slice(i, i + 200))
        .execute()
    quizAnswers += answers.length
  }

  const c = practice.challenge
  const challengeQuiz = c && quizIds.get(c.quiz)
  if (c && challengeQuiz)
    await tx
      .insertInto('quiz_challenge')
      .values({
        id: newId(),
        quiz_id: challengeQuiz,
        community_id: await spaceId(c.space),
        starts_at: c.startsAt,
        ends_at: c.endsAt,
        created_by: person(c.by),
        created_at: c.startsAt,
      })
      .execute()

  const scorm = storage ? await importDemoScorm(tx, storage, person(practice.scormBy)) : null
  if (scorm) {
    const attempts = practice.scormAttempts.map((a) => {
      const status = a.score === null ? 'incomplete' : a.score >= 80 ? 'passed' : 'failed'
      const cmi: Record<string, string> = { 'cmi.core.lesson_status': status, 'cmi.core.lesson_location': String(a.page) }
      if (a.score !== null)
        Object.assign(cmi, { 'cmi.core.score.raw': String(a.score), 'cmi.core.score.min': '0', 'cmi.core.score.max': '100' })
      const startedAt = new Date(Date.parse(a.at) - 12 * 60_000).toISOString()
      return {
        module_id: scorm,
        position: 0,
        person_id: person(a.email),
        status,
        score: a.score,
        suspend_data: '',
        location: String(a.page),
        cmi: JSON.stringify(cmi),
        started_at: startedAt,
        updated_at: a.at,
        completed_at: status === 'passed' ? a.at : null,
      }
    })
    for (let i = 0; i < attempts.length; i += 200)
      await tx
        .insertInto('scorm_attempt')
        .values(attempts.slice(i, i + 200))
        .execute()
  }

  const lessons = new Map(
    (await tx.selectFrom('learning_module').select(['id', 'title']).where('kind', '=', 'lesson').execute()).map((m) => [m.title, m.id]),
  )
  const assignments = practice.assignments.flatMap((a) => {
    const moduleId = a.item.kind === 'scorm' ? scorm : lessons.get(a.item.title)
    if (!moduleId) return []
    return [
      {
        id: newId(),
        module_id: moduleId,
        person_id: person(a.to),
        assigned_by: person(a.by),
        due_at: a.dueAt,
        note: a.note,
        created_at: a.createdAt,
        updated_at: a.createdAt,
      },
    ]
  })
  for (let i = 0; i < assignments.length; i += 200)
    await tx
      .insertInto('learning_assignment')
      .values(assignments.slice(i, i + 200))
      .execute()

  await reindexCatalogue(tx)
  return {
    quizzes: practice.quizzes.length,
    quizAnswers,
    challenges: c && challengeQuiz ? 1 : 0,
    assignments: assignments.length,
    scormModules: scorm ? 1 : 0,
    scormAttempts: scorm ? practice.scormAttempts.length : 0,
  }
}

/** Imports the demo's own SCORM 1.2 package, zipped from its sources, as an admin's upload would be. */
async function importDemoScorm(tx: Db, storage: Storage, by: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellspring-demo-scorm-'))
  const file = path.join(dir, 'customer-data.zip')
  try {
    fs.writeFileSync(file, zipFolder(DEMO_SCORM_DIR))
    const result = await importScormPackage(tx, storage, file, {
      createdBy: by,
      description:
        'Ten minutes on taking, keeping and sharing customer data the way we agreed, with a short check at the end. Everyone takes it once a year.',
    })
    return result.id
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
