import type { FastifyInstance } from 'fastify'
import { ADMINS, MEMBERS, selfId, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import { community } from './fixtures-domains.js'
import type { Role } from './support.js'

// Quizzes: learning staff (managers, admins) author, and only their own quizzes (admins any); members answer
// and review; a community's stewards start challenges; admins set the LRS.

const MANAGERS: readonly Role[] = ['manager', 'admin']

/** A quiz by `authorId` with one single-choice question; its id, the question's id and the right option's id. */
async function quiz(app: FastifyInstance, authorId: string): Promise<{ id: string; questionId: string; right: string }> {
  const id = `quiz-${Math.random().toString(36).slice(2)}`
  const now = new Date().toISOString()
  await app.db
    .insertInto('quiz')
    .values({
      id,
      title: 'Authz quiz',
      description: '',
      community_id: null,
      points_enabled: 0,
      created_by: authorId,
      created_at: now,
      updated_at: now,
    })
    .execute()
  const questionId = `${id}-q`
  await app.db
    .insertInto('quiz_question')
    .values({
      id: questionId,
      quiz_id: id,
      position: 0,
      kind: 'single',
      prompt: 'Which?',
      options: JSON.stringify([
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ]),
      answer: JSON.stringify(['a']),
      explanation: '',
      points: 1,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return { id, questionId, right: 'a' }
}

const QUESTION = { kind: 'short', prompt: 'Name it', accepted: ['it'] }

/** A row for an author-only route: the caller's own quiz, and someone else's (403 but for admins). */
function authorOnly(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: (q: { id: string; questionId: string }) => string,
  status: number,
  payload?: unknown,
): AuthzEntry {
  return {
    allowed: MANAGERS,
    status,
    request: async ({ app }, caller) => ({
      method,
      url: path(await quiz(app, await selfId(app, caller))),
      ...(payload ? { payload } : {}),
    }),
    notOwner: {
      request: async ({ app }) => ({ method, url: path(await quiz(app, (await fx.person(app)).id)), ...(payload ? { payload } : {}) }),
      status: { manager: 403, admin: status },
    },
  }
}

export const QUIZ_ROUTES: Record<string, AuthzEntry> = {
  'POST /api/learning/quizzes': {
    allowed: MANAGERS,
    status: 201,
    request: async () => ({ method: 'POST', url: '/api/learning/quizzes', payload: { title: 'A new quiz' } }),
  },
  'GET /api/learning/quizzes': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/learning/quizzes' }) },
  'GET /api/learning/quizzes/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/quizzes/${(await quiz(app, (await fx.person(app)).id)).id}` }),
  },
  'PATCH /api/learning/quizzes/:id': authorOnly('PATCH', (q) => `/api/learning/quizzes/${q.id}`, 200, { points: true }),
  'GET /api/learning/quizzes/:id/authoring': authorOnly('GET', (q) => `/api/learning/quizzes/${q.id}/authoring`, 200),
  'POST /api/learning/quizzes/:id/questions': authorOnly('POST', (q) => `/api/learning/quizzes/${q.id}/questions`, 201, QUESTION),
  'PUT /api/learning/quizzes/:id/questions/:questionId': authorOnly(
    'PUT',
    (q) => `/api/learning/quizzes/${q.id}/questions/${q.questionId}`,
    200,
    QUESTION,
  ),
  'DELETE /api/learning/quizzes/:id/questions/:questionId': authorOnly(
    'DELETE',
    (q) => `/api/learning/quizzes/${q.id}/questions/${q.questionId}`,
    200,
  ),
  'POST /api/learning/quizzes/:id/questions/:questionId/answer': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => {
      const q = await quiz(app, (await fx.person(app)).id)
      return { method: 'POST', url: `/api/learning/quizzes/${q.id}/questions/${q.questionId}/answer`, payload: { choices: [q.right] } }
    },
  },
  'GET /api/learning/reviews': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/learning/reviews' }) },
  // Stewards start challenges in their community: the caller stewards one; in someone else's it is 403 (admins may).
  'POST /api/learning/quizzes/:id/challenges': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }, caller) => {
      const c = await community(app, 'open', caller.person ?? null)
      const q = await quiz(app, (await fx.person(app)).id)
      const payload = { community: c.slug, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() }
      return { method: 'POST', url: `/api/learning/quizzes/${q.id}/challenges`, payload }
    },
    notOwner: {
      request: async ({ app }) => {
        const c = await community(app, 'open')
        const q = await quiz(app, (await fx.person(app)).id)
        const payload = { community: c.slug, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() }
        return { method: 'POST', url: `/api/learning/quizzes/${q.id}/challenges`, payload }
      },
      status: { member: 403, manager: 403, admin: 201 },
    },
  },
  'GET /api/learning/challenges/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => {
      const c = await community(app, 'open')
      const q = await quiz(app, (await fx.person(app)).id)
      const id = `challenge-${Math.random().toString(36).slice(2)}`
      const now = new Date().toISOString()
      await app.db
        .insertInto('quiz_challenge')
        .values({
          id,
          quiz_id: q.id,
          community_id: c.id,
          starts_at: now,
          ends_at: now.replace(/^\d{4}/, '2999'),
          created_by: null,
          created_at: now,
        })
        .execute()
      return { method: 'GET', url: `/api/learning/challenges/${id}` }
    },
  },
  'GET /api/learning/xapi': { allowed: ADMINS, status: 200, request: async () => ({ method: 'GET', url: '/api/learning/xapi' }) },
  'PUT /api/learning/xapi': {
    allowed: ADMINS,
    status: 200,
    request: async () => ({ method: 'PUT', url: '/api/learning/xapi', payload: { endpoint: '', key: '', actor: 'account' } }),
  },
}
