import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { importScormPackage } from '../../src/server/learning/scorm/import.js'
import { newId } from '../../src/server/platform/time.js'
import { MAP_ROUTES } from './authz-learning-map.js'
import { ADMINS, MEMBERS, selfId, type AuthzEntry } from './authz-types.js'
import { simulationRoutes } from './authz-simulations.js'
import * as dx from './fixtures-domains.js'
import * as fx from './fixtures.js'
import type { Role } from './support.js'

// The learning catalogue: admins import SCORM packages; members read the catalogue, play its content and keep
// their own tracking data (someone else's is never reachable: the routes only ever use the caller's).

const PACKAGE = path.resolve('test/fixtures/scorm/singlesco_scorm12.zip')

/** A SCORM 1.2 module of the whole organisation; returns its id. */
async function scormModule(app: FastifyInstance): Promise<string> {
  return (await importScormPackage(app.db, app.storage, PACKAGE, { createdBy: null })).id
}

const MANAGERS: readonly Role[] = ['manager', 'admin']
const HOUR = 3_600_000

/** A session led by `facilitatorId`, starting `inMs` from now (negative: already started); returns its id. */
async function session(app: FastifyInstance, facilitatorId: string, inMs = 24 * HOUR): Promise<string> {
  const id = newId()
  const now = new Date().toISOString()
  await app.db
    .insertInto('learning_session')
    .values({
      id,
      title: 'Facilitating retrospectives',
      description: '',
      community_id: null,
      facilitator_id: facilitatorId,
      starts_at: new Date(Date.now() + inMs).toISOString(),
      ends_at: new Date(Date.now() + inMs + HOUR).toISOString(),
      location: '',
      capacity: 10,
      status: 'scheduled',
      sequence: 0,
      created_by: facilitatorId,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

/** `personId` enrolled in session `id` (attended when `attended`). */
async function enrolled(app: FastifyInstance, id: string, personId: string, attended = false): Promise<void> {
  const now = new Date().toISOString()
  await app.db
    .insertInto('session_enrolment')
    .values({
      session_id: id,
      person_id: personId,
      status: 'enrolled',
      seq: 1,
      attended: attended ? 1 : null,
      rating: null,
      feedback: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
}

/** A one-page lesson of the whole organisation written by `authorId` (null: by nobody still here); returns its id. */
async function lesson(app: FastifyInstance, authorId: string | null): Promise<string> {
  const id = newId()
  const now = new Date().toISOString()
  await app.db
    .insertInto('learning_module')
    .values({
      id,
      kind: 'lesson',
      title: 'Running an incident review',
      description: '',
      community_id: null,
      scorm_version: null,
      schema_version: null,
      identifier: null,
      launch: null,
      file_count: 1,
      bytes: 0,
      created_by: authorId,
      created_at: now,
      updated_at: now,
    })
    .execute()
  await app.db
    .insertInto('lesson_page')
    .values({ module_id: id, position: 0, title: 'Why', body: 'Because.', html: '<p>Because.</p>' })
    .execute()
  return id
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const LESSON = { title: 'Running an incident review', pages: [{ title: 'Why', body: 'Because.' }] }

const lessonRoutes: Record<string, AuthzEntry> = {
  'POST /api/learning/lessons': {
    allowed: MANAGERS,
    status: 201,
    request: async () => ({ method: 'POST', url: '/api/learning/lessons', payload: LESSON }),
  },
  'GET /api/learning/lessons/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/lessons/${await lesson(app, null)}` }),
  },
  // Author-only routes: the caller wrote the lesson; someone else's gives 403 (admins may change any).
  'PUT /api/learning/lessons/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'PUT',
      url: `/api/learning/lessons/${await lesson(app, await selfId(app, caller))}`,
      payload: LESSON,
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PUT',
        url: `/api/learning/lessons/${await lesson(app, (await fx.person(app)).id)}`,
        payload: LESSON,
      }),
      status: { member: 403, manager: 403, admin: 200 },
    },
  },
  'POST /api/learning/lessons/:id/media': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }, caller) => ({
      method: 'POST',
      url: `/api/learning/lessons/${await lesson(app, await selfId(app, caller))}/media`,
      headers: { 'content-type': 'image/png', 'x-filename': 'board.png' },
      payload: PNG,
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/learning/lessons/${await lesson(app, (await fx.person(app)).id)}/media`,
        headers: { 'content-type': 'image/png', 'x-filename': 'board.png' },
        payload: PNG,
      }),
      status: { member: 403, manager: 403, admin: 201 },
    },
  },
  'GET /api/learning/lessons/:id/media/:name': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => {
      const id = await lesson(app, null)
      await app.storage.put(`lessons/${id}/board.png`, PNG)
      return { method: 'GET', url: `/api/learning/lessons/${id}/media/board.png` }
    },
  },
  'PUT /api/learning/lessons/:id/progress': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({
      method: 'PUT',
      url: `/api/learning/lessons/${await lesson(app, null)}/progress`,
      payload: { position: 0, read: 0 },
    }),
  },
}

/** An assignment of a fresh lesson to a new person, made by `byId`; returns its id. */
async function assignment(app: FastifyInstance, byId: string | null): Promise<string> {
  const id = newId()
  const now = new Date().toISOString()
  await app.db
    .insertInto('learning_assignment')
    .values({
      id,
      module_id: await lesson(app, null),
      person_id: (await fx.person(app)).id,
      assigned_by: byId,
      due_at: null,
      note: '',
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

const assignmentRoutes: Record<string, AuthzEntry> = {
  // A manager assigns to their own direct reports (the caller is made the new person's manager); an admin to anyone.
  'POST /api/learning/assignments': {
    allowed: MANAGERS,
    status: 200,
    request: async ({ app }, caller) => {
      const report = await fx.person(app)
      // Only a manager caller is made the report's manager: a member given a report would become a manager.
      if (caller.role === 'manager') {
        await app.db
          .updateTable('person')
          .set({ manager_id: await selfId(app, caller) })
          .where('id', '=', report.id)
          .execute()
      }
      return { method: 'POST', url: '/api/learning/assignments', payload: { moduleId: await lesson(app, null), personIds: [report.id] } }
    },
  },
  'GET /api/learning/assignments/mine': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/learning/assignments/mine' }),
  },
  'GET /api/learning/assignments/made': {
    allowed: MANAGERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/learning/assignments/made' }),
  },
  'DELETE /api/learning/assignments/:id': {
    allowed: MEMBERS,
    status: 204,
    request: async ({ app }, caller) => ({
      method: 'DELETE',
      url: `/api/learning/assignments/${await assignment(app, await selfId(app, caller))}`,
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'DELETE',
        url: `/api/learning/assignments/${await assignment(app, (await fx.person(app)).id)}`,
      }),
      status: { member: 404, manager: 404, admin: 204 },
    },
  },
}

const sessionRoutes: Record<string, AuthzEntry> = {
  'POST /api/learning/sessions': {
    allowed: MANAGERS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/learning/sessions',
      payload: {
        title: 'Pairing clinic',
        startsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        endsAt: new Date(Date.now() + 25 * HOUR).toISOString(),
        capacity: 8,
      },
    }),
  },
  'GET /api/learning/sessions': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/learning/sessions' }) },
  'GET /api/learning/sessions/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/sessions/${await session(app, (await fx.person(app)).id)}` }),
  },
  'POST /api/learning/sessions/:id/enrolment': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({
      method: 'POST',
      url: `/api/learning/sessions/${await session(app, (await fx.person(app)).id)}/enrolment`,
    }),
  },
  'DELETE /api/learning/sessions/:id/enrolment': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => {
      const id = await session(app, (await fx.person(app)).id)
      await enrolled(app, id, await selfId(app, caller))
      return { method: 'DELETE', url: `/api/learning/sessions/${id}/enrolment` }
    },
  },
  // Facilitator-only routes: the caller leads the session; someone else's gives 403 (admins may manage any).
  'GET /api/learning/sessions/:id/roster': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'GET',
      url: `/api/learning/sessions/${await session(app, await selfId(app, caller))}/roster`,
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'GET',
        url: `/api/learning/sessions/${await session(app, (await fx.person(app)).id)}/roster`,
      }),
      status: { member: 403, manager: 403, admin: 200 },
    },
  },
  'PUT /api/learning/sessions/:id/attendance': {
    allowed: MEMBERS,
    status: 204,
    request: async ({ app }, caller) => ({
      method: 'PUT',
      url: `/api/learning/sessions/${await session(app, await selfId(app, caller), -HOUR)}/attendance`,
      payload: { attended: [] },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PUT',
        url: `/api/learning/sessions/${await session(app, (await fx.person(app)).id, -HOUR)}/attendance`,
        payload: { attended: [] },
      }),
      status: { member: 403, manager: 403, admin: 204 },
    },
  },
  'PUT /api/learning/sessions/:id/feedback': {
    allowed: MEMBERS,
    status: 204,
    request: async ({ app }, caller) => {
      const id = await session(app, (await fx.person(app)).id, -HOUR)
      await enrolled(app, id, await selfId(app, caller), true)
      return { method: 'PUT', url: `/api/learning/sessions/${id}/feedback`, payload: { rating: 4 } }
    },
  },
  'PATCH /api/learning/sessions/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'PATCH',
      url: `/api/learning/sessions/${await session(app, await selfId(app, caller))}`,
      payload: { location: 'Room 2.04' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PATCH',
        url: `/api/learning/sessions/${await session(app, (await fx.person(app)).id)}`,
        payload: { location: 'Room 2.04' },
      }),
      status: { member: 403, manager: 403, admin: 200 },
    },
  },
  'POST /api/learning/sessions/:id/cancel': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'POST',
      url: `/api/learning/sessions/${await session(app, await selfId(app, caller))}/cancel`,
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/learning/sessions/${await session(app, (await fx.person(app)).id)}/cancel`,
      }),
      status: { member: 403, manager: 403, admin: 200 },
    },
  },
}

export const LEARNING_ROUTES: Record<string, AuthzEntry> = {
  'POST /api/learning/scorm': {
    allowed: ADMINS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/learning/scorm',
      headers: { 'content-type': 'application/zip' },
      payload: fs.readFileSync(PACKAGE),
    }),
  },
  'GET /api/learning/modules': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/learning/modules' }) },
  // A community's learning section: an open community's for anyone signed in; a secret one's is hidden.
  'GET /api/learning/communities/:slug': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/communities/${(await dx.community(app)).slug}` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/learning/communities/${(await dx.community(app, 'secret')).slug}` }),
      status: { member: 404, manager: 404, admin: 404 },
    },
  },
  'GET /api/learning/modules/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/modules/${await scormModule(app)}` }),
  },
  'GET /api/learning/modules/:id/items/:position/attempt': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/modules/${await scormModule(app)}/items/0/attempt` }),
  },
  'PUT /api/learning/modules/:id/items/:position/attempt': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({
      method: 'PUT',
      url: `/api/learning/modules/${await scormModule(app)}/items/0/attempt`,
      payload: { cmi: { 'cmi.core.lesson_status': 'incomplete' } },
    }),
  },
  'GET /api/learning/modules/:id/files/*': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/learning/modules/${await scormModule(app)}/files/shared/launchpage.html` }),
  },
  ...sessionRoutes,
  ...lessonRoutes,
  ...assignmentRoutes,
  ...MAP_ROUTES,

  ...simulationRoutes,
}
