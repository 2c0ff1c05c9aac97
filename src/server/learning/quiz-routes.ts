import {
  AnswerFeedback,
  AnswerInput,
  ChallengeProgress,
  ChallengeRef,
  NewChallenge,
  NewQuiz,
  QuestionInput,
  QuestionParams,
  Quiz,
  QuizForAuthor,
  QuizList,
  QuizPatch,
  ReviewList,
  XapiSettings,
  XapiSettingsView,
} from '../../shared/quiz.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import { clockIso } from '../platform/clock.js'
import type { App } from '../platform/fastify-types.js'
import { challengeProgress, startChallenge } from './quiz-challenges.js'
import * as quizzes from './quiz-service.js'
import { saveXapiSettings, xapiSettings } from './xapi.js'

/** The services' view of the app; the base URL is read late, since a server learns its port when it listens. */
export function quizDeps(app: App): quizzes.QuizDeps {
  return {
    db: app.db,
    bus: app.bus,
    clock: app.clock,
    jobs: app.jobs,
    minAggregate: app.config.minAggregate,
    get baseUrl() {
      return app.config.baseUrl
    },
  }
}

/**
 * Quizzes (learning staff author, members answer), spaced-retrieval reviews, team challenges (a community's
 * stewards start them, its members follow them) and the xAPI LRS settings (admins).
 */
export function quizRoutes(app: App): void {
  const tags = ['learning']
  const member = { access: 'member' as const }
  const deps = quizDeps(app)
  const authored = { 200: QuizForAuthor, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody }

  app.post(
    '/api/learning/quizzes',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Create a quiz (managers and admins)', body: NewQuiz, response: { 201: QuizForAuthor, 400: ErrorBody } },
    },
    async (req, reply) => reply.status(201).send(await quizzes.createQuiz(deps, requireViewer(req), req.body)),
  )
  app.get(
    '/api/learning/quizzes',
    { config: member, schema: { tags, summary: 'The quizzes the viewer may take, with their progress', response: { 200: QuizList } } },
    async (req) => ({ items: await quizzes.listQuizzes(deps, requireViewer(req)) }),
  )
  app.get(
    '/api/learning/quizzes/:id',
    {
      config: member,
      schema: {
        tags,
        summary: 'A quiz to take, with the viewer’s answers and feedback',
        params: IdParams,
        response: { 200: Quiz, 404: ErrorBody },
      },
    },
    async (req) => quizzes.quizToPlay(deps, requireViewer(req), req.params.id),
  )
  app.patch(
    '/api/learning/quizzes/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Change a quiz’s title, description or points (its author, admins)',
        params: IdParams,
        body: QuizPatch,
        response: authored,
      },
    },
    async (req) => quizzes.patchQuiz(deps, requireViewer(req), req.params.id, req.body),
  )
  app.get(
    '/api/learning/quizzes/:id/authoring',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'A quiz with its answers (its author, admins)', params: IdParams, response: authored },
    },
    async (req) => quizzes.quizForAuthor(deps, requireViewer(req), req.params.id),
  )
  app.post(
    '/api/learning/quizzes/:id/questions',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Add a question (its author, admins)',
        params: IdParams,
        body: QuestionInput,
        response: { ...authored, 201: QuizForAuthor },
      },
    },
    async (req, reply) => reply.status(201).send(await quizzes.addQuestion(deps, requireViewer(req), req.params.id, req.body)),
  )
  app.put(
    '/api/learning/quizzes/:id/questions/:questionId',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Rewrite a question (its author, admins)', params: QuestionParams, body: QuestionInput, response: authored },
    },
    async (req) => quizzes.editQuestion(deps, requireViewer(req), req.params.id, req.params.questionId, req.body),
  )
  app.delete(
    '/api/learning/quizzes/:id/questions/:questionId',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Remove a question and its answers (its author, admins)', params: QuestionParams, response: authored },
    },
    async (req) => quizzes.removeQuestion(deps, requireViewer(req), req.params.id, req.params.questionId),
  )
  app.post(
    '/api/learning/quizzes/:id/questions/:questionId/answer',
    {
      config: member,
      schema: {
        tags,
        summary: 'Answer a question: immediate feedback; the answer is kept and scheduled for spaced retrieval',
        params: QuestionParams,
        body: AnswerInput,
        response: { 200: AnswerFeedback, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => quizzes.answerQuestion(deps, requireViewer(req), req.params.id, req.params.questionId, req.body),
  )
  app.get(
    '/api/learning/reviews',
    { config: member, schema: { tags, summary: 'The viewer’s questions due for review (FSRS)', response: { 200: ReviewList } } },
    async (req) => quizzes.dueReviews(deps, requireViewer(req)),
  )
  app.post(
    '/api/learning/quizzes/:id/challenges',
    {
      config: member,
      schema: {
        tags,
        summary: 'Start a team challenge on a quiz for a community (its stewards, admins)',
        params: IdParams,
        body: NewChallenge,
        response: { 201: ChallengeRef, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req)
      const quiz = await quizzes.visibleQuiz(app.db, viewer, req.params.id)
      return reply.status(201).send(await startChallenge(deps, viewer, quiz, req.body))
    },
  )
  app.get(
    '/api/learning/challenges/:id',
    {
      config: member,
      schema: {
        tags,
        summary: 'A challenge’s progress, in aggregate, for those who can read its community',
        params: IdParams,
        response: { 200: ChallengeProgress, 404: ErrorBody },
      },
    },
    async (req) => {
      const viewer = requireViewer(req)
      return challengeProgress(deps, viewer, req.params.id, (quizId) => quizzes.visibleQuiz(app.db, viewer, quizId))
    },
  )
  app.get(
    '/api/learning/xapi',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'The LRS that xAPI statements go to (admins)', response: { 200: XapiSettingsView } },
    },
    async () => xapiSettings(app.db),
  )
  app.put(
    '/api/learning/xapi',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Set the LRS (admins); an empty endpoint turns sending off',
        body: XapiSettings,
        response: { 200: XapiSettingsView, 400: ErrorBody },
      },
    },
    async (req) => saveXapiSettings(app.db, req.body, clockIso(app.clock)),
  )
}
