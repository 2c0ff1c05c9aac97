import type { Db } from '../platform/db/dialect.js'
import type { QuizAnswerTable, QuizChallengeTable, QuizQuestionTable, QuizTable, ReviewCardTable } from './quiz-rows.js'
import { reindexCatalogueItems } from './search-store.js'

/** Inserts a quiz. */
export async function insertQuiz(db: Db, row: QuizTable): Promise<void> {
  await db.insertInto('quiz').values(row).execute()
  await reindexCatalogueItems(db, [{ kind: 'quiz', id: row.id }])
}

/** A quiz by id, or undefined. */
export function findQuiz(db: Db, id: string): Promise<QuizTable | undefined> {
  return db.selectFrom('quiz').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Quizzes, newest first. */
export function listQuizzes(db: Db, limit: number): Promise<QuizTable[]> {
  return db.selectFrom('quiz').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute()
}

/** Changes a quiz's title, description or points. */
export async function updateQuiz(
  db: Db,
  id: string,
  fields: Partial<Pick<QuizTable, 'title' | 'description' | 'points_enabled' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('quiz').set(fields).where('id', '=', id).execute()
  await reindexCatalogueItems(db, [{ kind: 'quiz', id }])
}

/** The questions of the given quizzes, in order. */
export function findQuestions(db: Db, quizIds: readonly string[]): Promise<QuizQuestionTable[]> {
  if (quizIds.length === 0) return Promise.resolve([])
  return db.selectFrom('quiz_question').selectAll().where('quiz_id', 'in', quizIds).orderBy('quiz_id').orderBy('position').execute()
}

/** Questions by id. */
export function findQuestionsById(db: Db, ids: readonly string[]): Promise<QuizQuestionTable[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('quiz_question').selectAll().where('id', 'in', ids).execute()
}

/** The next free position in a quiz. */
export async function nextPosition(db: Db, quizId: string): Promise<number> {
  const row = await db
    .selectFrom('quiz_question')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('quiz_id', '=', quizId)
    .executeTakeFirst()
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1
}

/** Inserts a question. */
export async function insertQuestion(db: Db, row: QuizQuestionTable): Promise<void> {
  await db.insertInto('quiz_question').values(row).execute()
  await reindexCatalogueItems(db, [{ kind: 'quiz', id: row.quiz_id }])
}

/** Rewrites a question's content (not its quiz or position). */
export async function updateQuestion(
  db: Db,
  id: string,
  fields: Pick<QuizQuestionTable, 'kind' | 'prompt' | 'options' | 'answer' | 'explanation' | 'points' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('quiz_question').set(fields).where('id', '=', id).execute()
  await reindexQuizOf(db, id)
}

/** Deletes a question with everyone's answers and cards for it. */
export async function deleteQuestion(db: Db, id: string): Promise<void> {
  await db.deleteFrom('review_card').where('question_id', '=', id).execute()
  await db.deleteFrom('quiz_answer').where('question_id', '=', id).execute()
  const quiz = await db.selectFrom('quiz_question').select('quiz_id').where('id', '=', id).executeTakeFirst()
  await db.deleteFrom('quiz_question').where('id', '=', id).execute()
  if (quiz) await reindexCatalogueItems(db, [{ kind: 'quiz', id: quiz.quiz_id }])
}

/** Rewrites the search document of a question's quiz: its prompts are part of what search finds. */
async function reindexQuizOf(db: Db, questionId: string): Promise<void> {
  const quiz = await db.selectFrom('quiz_question').select('quiz_id').where('id', '=', questionId).executeTakeFirst()
  if (quiz) await reindexCatalogueItems(db, [{ kind: 'quiz', id: quiz.quiz_id }])
}

/** Appends an answer. */
export async function insertAnswer(db: Db, row: QuizAnswerTable): Promise<void> {
  await db.insertInto('quiz_answer').values(row).execute()
}

/** A person's answers in the given quizzes, oldest first. */
export function answersOf(db: Db, personId: string, quizIds: readonly string[]): Promise<QuizAnswerTable[]> {
  if (quizIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('quiz_answer')
    .selectAll()
    .where('person_id', '=', personId)
    .where('quiz_id', 'in', quizIds)
    .orderBy('answered_at')
    .orderBy('id')
    .execute()
}

/** Everyone's answers to a quiz within [from, to), oldest first: what a challenge counts. */
export function answersBetween(db: Db, quizId: string, from: string, to: string): Promise<QuizAnswerTable[]> {
  return db
    .selectFrom('quiz_answer')
    .selectAll()
    .where('quiz_id', '=', quizId)
    .where('answered_at', '>=', from)
    .where('answered_at', '<', to)
    .orderBy('answered_at')
    .orderBy('id')
    .execute()
}

/** A person's card for a question, or undefined before their first answer. */
export function findCard(db: Db, questionId: string, personId: string): Promise<ReviewCardTable | undefined> {
  return db.selectFrom('review_card').selectAll().where('question_id', '=', questionId).where('person_id', '=', personId).executeTakeFirst()
}

/** Stores a card's new state. */
export async function upsertCard(db: Db, row: ReviewCardTable): Promise<void> {
  const { question_id: _q, person_id: _p, ...fields } = row
  await db
    .insertInto('review_card')
    .values(row)
    .onConflict((oc) => oc.columns(['question_id', 'person_id']).doUpdateSet(fields))
    .execute()
}

/** A person's cards, soonest due first. */
export function cardsOf(db: Db, personId: string): Promise<ReviewCardTable[]> {
  return db.selectFrom('review_card').selectAll().where('person_id', '=', personId).orderBy('due').orderBy('question_id').execute()
}

/** Inserts a challenge. */
export async function insertChallenge(db: Db, row: QuizChallengeTable): Promise<void> {
  await db.insertInto('quiz_challenge').values(row).execute()
}

/** A challenge by id. */
export function findChallenge(db: Db, id: string): Promise<QuizChallengeTable | undefined> {
  return db.selectFrom('quiz_challenge').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A quiz's challenges, newest first. */
export function challengesOf(db: Db, quizId: string): Promise<QuizChallengeTable[]> {
  return db.selectFrom('quiz_challenge').selectAll().where('quiz_id', '=', quizId).orderBy('starts_at', 'desc').execute()
}

/** Everything of a person's quiz answers and cards, for their export. */
export async function quizDataOf(db: Db, personId: string): Promise<{ answers: QuizAnswerTable[]; cards: ReviewCardTable[] }> {
  const answers = await db.selectFrom('quiz_answer').selectAll().where('person_id', '=', personId).orderBy('answered_at').execute()
  return { answers, cards: await cardsOf(db, personId) }
}

/** Erases a person's quiz answers and cards. */
export async function eraseQuizData(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('quiz_answer').where('person_id', '=', personId).execute()
  await db.deleteFrom('review_card').where('person_id', '=', personId).execute()
}
