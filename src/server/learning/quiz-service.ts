// Quizzes: learning staff author question banks; learners answer with immediate feedback, their answers are
// their progress, and every answered question becomes a spaced-retrieval card (quiz-schedule.ts).
import type {
  AnswerFeedback,
  AnswerInput,
  NewQuiz,
  QuestionInput,
  Quiz,
  QuizForAuthor,
  QuizSummary,
  ReviewList,
} from '../../shared/quiz.js'
import { canRead, communityRefBySlug, getCommunityRefs } from '../communities/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso, type Clock } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import type { EventBus } from '../platform/events.js'
import { newId } from '../platform/time.js'
import { quizChallengeRefs } from './quiz-challenges.js'
import { authorQuestion, checkAnswer, isRight, playQuestion, questionContent, rightAnswer } from './quiz-grading.js'
import type { QuizAnswerTable, QuizQuestionTable, QuizTable } from './quiz-rows.js'
import { scheduleAnswer } from './quiz-schedule.js'
import * as store from './quiz-store.js'
import { queueAnswerStatement } from './xapi-statements.js'
import type { XapiDeps } from './xapi.js'

/** What the quiz services need from the app. */
export interface QuizDeps extends XapiDeps {
  db: Db
  bus: EventBus
  clock: Clock
  minAggregate: number
}

/** The author (while learning staff) and admins may edit a quiz. */
const canEdit = (viewer: Viewer, q: QuizTable) => viewer.isAdmin || (q.created_by === viewer.id && viewer.isManager)

/** A quiz the viewer may see: of the whole organisation, or of a community they can read. 404 otherwise. */
export async function visibleQuiz(db: Db, viewer: Viewer, id: string): Promise<QuizTable> {
  const q = await store.findQuiz(db, id)
  if (!q || (q.community_id && !viewer.isAdmin && !(await canRead(db, viewer.id, q.community_id))))
    throw new NotFoundError('quiz_not_found', `no quiz ${id}`)
  return q
}

async function editableQuiz(db: Db, viewer: Viewer, id: string): Promise<QuizTable> {
  const q = await visibleQuiz(db, viewer, id)
  if (!canEdit(viewer, q)) throw new ForbiddenError('not_quiz_author', 'only the quiz’s author and admins may edit it')
  return q
}

/** The latest answer per question, from answers oldest first. */
function latest(answers: QuizAnswerTable[]): Map<string, QuizAnswerTable> {
  const out = new Map<string, QuizAnswerTable>()
  for (const a of answers) out.set(a.question_id, a)
  return out
}

async function summaries(db: Db, viewer: Viewer, quizzes: QuizTable[]): Promise<QuizSummary[]> {
  const ids = quizzes.map((q) => q.id)
  const questions = await store.findQuestions(db, ids)
  const last = latest(await store.answersOf(db, viewer.id, ids))
  const communities = await getCommunityRefs(
    db,
    quizzes.flatMap((q) => (q.community_id ? [q.community_id] : [])),
  )
  return quizzes.map((q) => {
    const own = questions.filter((x) => x.quiz_id === q.id)
    const answered = own.flatMap((x) => last.get(x.id) ?? [])
    const c = q.community_id ? communities.get(q.community_id) : undefined
    return {
      id: q.id,
      title: q.title,
      description: q.description,
      community: c ? { slug: c.slug, name: c.name } : null,
      points: q.points_enabled === 1,
      questions: own.length,
      answered: answered.length,
      right: answered.filter((a) => a.correct === 1).length,
      canEdit: canEdit(viewer, q),
    }
  })
}

/** Creates a quiz (learning staff: managers and admins). */
export async function createQuiz(deps: QuizDeps, viewer: Viewer, body: NewQuiz): Promise<QuizForAuthor> {
  let communityId: string | null = null
  if (body.community) {
    const c = await communityRefBySlug(deps.db, body.community)
    if (!c || (!viewer.isAdmin && !(await canRead(deps.db, viewer.id, c.id))))
      throw new BadRequestError('unknown_community', `no community ${body.community}`)
    communityId = c.id
  }
  const now = clockIso(deps.clock)
  const row: QuizTable = {
    id: newId(),
    title: body.title.trim(),
    description: body.description?.trim() ?? '',
    community_id: communityId,
    points_enabled: body.points ? 1 : 0,
    created_by: viewer.id,
    created_at: now,
    updated_at: now,
  }
  await store.insertQuiz(deps.db, row)
  return quizForAuthor(deps, viewer, row.id)
}

/** Changes a quiz's title, description or points (its author, admins). */
export async function patchQuiz(
  deps: QuizDeps,
  viewer: Viewer,
  id: string,
  body: Partial<Omit<NewQuiz, 'community'>>,
): Promise<QuizForAuthor> {
  await editableQuiz(deps.db, viewer, id)
  await store.updateQuiz(deps.db, id, {
    ...(body.title !== undefined && { title: body.title.trim() }),
    ...(body.description !== undefined && { description: body.description.trim() }),
    ...(body.points !== undefined && { points_enabled: body.points ? 1 : 0 }),
    updated_at: clockIso(deps.clock),
  })
  return quizForAuthor(deps, viewer, id)
}

/** The quizzes the viewer may see, newest first, with their progress. */
export async function listQuizzes(deps: QuizDeps, viewer: Viewer): Promise<QuizSummary[]> {
  const visible: QuizTable[] = []
  for (const q of await store.listQuizzes(deps.db, 200))
    if (!q.community_id || viewer.isAdmin || (await canRead(deps.db, viewer.id, q.community_id))) visible.push(q)
  return summaries(deps.db, viewer, visible)
}

function feedbackOf(q: QuizQuestionTable, a: QuizAnswerTable, nextReview: string, pointsOn: boolean): AnswerFeedback {
  return {
    correct: a.correct === 1,
    explanation: q.explanation,
    rightAnswer: rightAnswer(q),
    points: pointsOn ? a.points : null,
    nextReview,
    review: a.mode === 'review',
  }
}

/** A quiz to take: its questions without answers, and the viewer's last answer to each with its feedback. */
export async function quizToPlay(deps: QuizDeps, viewer: Viewer, id: string): Promise<Quiz> {
  const q = await visibleQuiz(deps.db, viewer, id)
  const [summary] = await summaries(deps.db, viewer, [q])
  const answers = await store.answersOf(deps.db, viewer.id, [id])
  const last = latest(answers)
  const due = new Map((await store.cardsOf(deps.db, viewer.id)).map((c) => [c.question_id, c.due]))
  const pointsOn = q.points_enabled === 1
  const questions = await store.findQuestions(deps.db, [id])
  // Counted from the answers rather than summed from each answer's points, so two answers sent at once can
  // never earn a question's points twice.
  const rightOnce = new Set(answers.filter((a) => a.correct === 1).map((a) => a.question_id))
  const score = questions.reduce((sum, question) => sum + (rightOnce.has(question.id) ? question.points : 0), 0)
  const items = questions.map((question) => {
    const a = last.get(question.id)
    return playQuestion(
      question,
      a
        ? {
            response: JSON.parse(a.response) as AnswerInput,
            feedback: feedbackOf(question, a, due.get(question.id) ?? a.answered_at, pointsOn),
            answeredAt: a.answered_at,
          }
        : null,
    )
  })
  const { challenges, canChallengeIn } = await quizChallengeRefs(deps.db, viewer, q)
  return {
    ...summary!,
    items,
    score: pointsOn ? score : null,
    challenges,
    canChallengeIn,
  }
}

/** A quiz with its answers, for its author and admins. */
export async function quizForAuthor(deps: QuizDeps, viewer: Viewer, id: string): Promise<QuizForAuthor> {
  const q = await editableQuiz(deps.db, viewer, id)
  const [summary] = await summaries(deps.db, viewer, [q])
  return { ...summary!, items: (await store.findQuestions(deps.db, [id])).map(authorQuestion) }
}

/** Adds a question at the end of a quiz (its author, admins). */
export async function addQuestion(deps: QuizDeps, viewer: Viewer, id: string, input: QuestionInput): Promise<QuizForAuthor> {
  await editableQuiz(deps.db, viewer, id)
  const content = questionContent(input)
  const now = clockIso(deps.clock)
  await deps.bus.transaction(deps.db, async (tx) => {
    const position = await store.nextPosition(tx, id)
    await store.insertQuestion(tx, { id: newId(), quiz_id: id, position, ...content, created_at: now, updated_at: now })
  })
  return quizForAuthor(deps, viewer, id)
}

async function questionOf(db: Db, quizId: string, questionId: string): Promise<QuizQuestionTable> {
  const [question] = await store.findQuestionsById(db, [questionId])
  if (!question || question.quiz_id !== quizId)
    throw new NotFoundError('question_not_found', `quiz ${quizId} has no question ${questionId}`)
  return question
}

/** Rewrites a question (its author, admins); options whose text stays keep their ids. */
export async function editQuestion(
  deps: QuizDeps,
  viewer: Viewer,
  id: string,
  questionId: string,
  input: QuestionInput,
): Promise<QuizForAuthor> {
  await editableQuiz(deps.db, viewer, id)
  const previous = await questionOf(deps.db, id, questionId)
  await store.updateQuestion(deps.db, questionId, { ...questionContent(input, previous), updated_at: clockIso(deps.clock) })
  return quizForAuthor(deps, viewer, id)
}

/** Removes a question with everyone's answers and cards for it (its author, admins). */
export async function removeQuestion(deps: QuizDeps, viewer: Viewer, id: string, questionId: string): Promise<QuizForAuthor> {
  await editableQuiz(deps.db, viewer, id)
  await questionOf(deps.db, id, questionId)
  await deps.bus.transaction(deps.db, (tx) => store.deleteQuestion(tx, questionId))
  return quizForAuthor(deps, viewer, id)
}

/**
 * Answers a question: the answer is kept (the viewer's progress), its card is scheduled, an xAPI statement is
 * queued when an LRS is configured, and the feedback comes back at once. Points, when the quiz has them, are
 * earned once per question, by the first right answer.
 */
export async function answerQuestion(
  deps: QuizDeps,
  viewer: Viewer,
  id: string,
  questionId: string,
  input: AnswerInput,
): Promise<AnswerFeedback> {
  const quiz = await visibleQuiz(deps.db, viewer, id)
  const question = await questionOf(deps.db, id, questionId)
  checkAnswer(question, input)
  const right = isRight(question, input)
  const now = deps.clock.now()
  return deps.bus.transaction(deps.db, async (tx) => {
    const earlier = (await store.answersOf(tx, viewer.id, [id])).filter((a) => a.question_id === questionId)
    const scored = earlier.some((a) => a.points > 0)
    const ids = { question_id: questionId, person_id: viewer.id, quiz_id: id }
    const { card, moved, review } = scheduleAnswer(await store.findCard(tx, questionId, viewer.id), ids, right, now)
    if (moved) await store.upsertCard(tx, card)
    const answer: QuizAnswerTable = {
      id: newId(),
      ...ids,
      response: JSON.stringify(input),
      correct: right ? 1 : 0,
      points: quiz.points_enabled === 1 && right && !scored ? question.points : 0,
      mode: review ? 'review' : 'quiz',
      answered_at: new Date(now).toISOString(),
    }
    await store.insertAnswer(tx, answer)
    await queueAnswerStatement(tx, deps, viewer.id, quiz, question, input, right)
    return feedbackOf(question, answer, card.due, quiz.points_enabled === 1)
  })
}

/** The viewer's cards that are due now, across the quizzes they may still see, oldest due first. */
export async function dueReviews(deps: QuizDeps, viewer: Viewer): Promise<ReviewList> {
  const now = clockIso(deps.clock)
  const cards = await store.cardsOf(deps.db, viewer.id)
  const quizzes = new Map<string, QuizTable | null>()
  for (const quizId of new Set(cards.map((c) => c.quiz_id))) {
    quizzes.set(quizId, await visibleQuiz(deps.db, viewer, quizId).catch(() => null))
  }
  const visible = cards.filter((c) => quizzes.get(c.quiz_id))
  const due = visible.filter((c) => c.due <= now)
  const questions = new Map(
    (
      await store.findQuestionsById(
        deps.db,
        due.map((c) => c.question_id),
      )
    ).map((q) => [q.id, q]),
  )
  return {
    due: due.length,
    nextDue: visible.find((c) => c.due > now)?.due ?? null,
    items: due.flatMap((c) => {
      const question = questions.get(c.question_id)
      const quiz = quizzes.get(c.quiz_id)!
      return question ? [{ quiz: { id: quiz.id, title: quiz.title }, question: playQuestion(question), due: c.due }] : []
    }),
  }
}
