// The statements learning sends (xapi.ts queues and sends them): a quiz answer as a cmi.interaction, and a
// module's completion (SCORM) as completed, passed or failed.
import type { AnswerInput } from '../../shared/quiz.js'
import type { Db } from '../platform/db/dialect.js'
import type { QuizQuestionTable, QuizTable } from './quiz-rows.js'
import { activityId, queueStatement, VERBS, type XapiDeps } from './xapi.js'

const INTERACTION = { single: 'choice', multiple: 'choice', ordering: 'sequencing', short: 'fill-in' } as const

/** Queues "answered" for a quiz answer, with success and the response in xAPI's interaction format. */
export async function queueAnswerStatement(
  db: Db,
  deps: XapiDeps,
  personId: string,
  quiz: QuizTable,
  question: QuizQuestionTable,
  input: AnswerInput,
  right: boolean,
): Promise<void> {
  const quizActivity = activityId(deps.baseUrl, `/learning/quizzes/${quiz.id}`)
  const response = question.kind === 'short' ? (input.text ?? '') : (input.order ?? input.choices ?? []).join('[,]')
  await queueStatement(db, deps, personId, {
    verb: VERBS.answered,
    object: {
      objectType: 'Activity',
      id: `${quizActivity}/questions/${question.id}`,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: { 'en-US': question.prompt.slice(0, 200) },
        interactionType: INTERACTION[question.kind],
      },
    },
    result: { success: right, response },
    context: {
      platform: 'Wellspring',
      contextActivities: {
        parent: [{ objectType: 'Activity', id: quizActivity, definition: { name: { 'en-US': quiz.title } } }],
      },
    },
  })
}

/** Queues a module's completion: passed or failed when the content said so, else completed; the score when known. */
export async function queueCompletionStatement(
  db: Db,
  deps: XapiDeps,
  personId: string,
  module: { id: string; title: string },
  status: string,
  scorePercent: number | null,
): Promise<void> {
  const verb = status === 'passed' ? VERBS.passed : status === 'failed' ? VERBS.failed : VERBS.completed
  const score = scorePercent === null ? undefined : { scaled: Math.max(-1, Math.min(1, scorePercent / 100)) }
  await queueStatement(db, deps, personId, {
    verb,
    object: {
      objectType: 'Activity',
      id: activityId(deps.baseUrl, `/learning/${module.id}`),
      definition: { type: 'http://adlnet.gov/expapi/activities/module', name: { 'en-US': module.title.slice(0, 200) } },
    },
    result: {
      completion: true,
      ...(status === 'passed' || status === 'failed' ? { success: status === 'passed' } : {}),
      ...(score ? { score } : {}),
    },
    context: { platform: 'Wellspring' },
  })
}
