import {
  Attendance,
  LearningSession,
  LearningSessionList,
  NewSession,
  SessionChanges,
  SessionFeedback,
  SessionRoster,
} from '../../shared/learning.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { updateSession } from './sessions-edit.js'
import * as sessions from './sessions.js'

/** Instructor-led sessions: learning staff (managers, admins) schedule them; members enrol, attend and give feedback. */
export function sessionRoutes(app: App): void {
  const tags = ['learning']
  const member = { access: 'member' as const }
  const deps: sessions.SessionDeps = { db: app.db, bus: app.bus, clock: app.clock, jobs: app.jobs, minAggregate: app.config.minAggregate }
  const one = { params: IdParams, response: { 200: LearningSession, 404: ErrorBody, 409: ErrorBody } }

  app.post(
    '/api/learning/sessions',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Schedule an instructor-led session (managers and admins)',
        body: NewSession,
        response: { 201: LearningSession, 400: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await sessions.createSession(deps, requireViewer(req), req.body)),
  )
  app.get(
    '/api/learning/sessions',
    {
      config: member,
      schema: { tags, summary: 'Upcoming sessions (and last week’s) the viewer may see', response: { 200: LearningSessionList } },
    },
    async (req) => ({ items: await sessions.listSessions(deps, requireViewer(req)) }),
  )
  app.get(
    '/api/learning/sessions/:id',
    { config: member, schema: { tags, summary: 'A session with the viewer’s place', ...one } },
    async (req) => sessions.getSession(deps, requireViewer(req), req.params.id),
  )
  app.patch(
    '/api/learning/sessions/:id',
    {
      config: member,
      schema: {
        tags,
        summary: 'Change a session (facilitator, admins); people with a seat get the updated calendar invite',
        params: IdParams,
        body: SessionChanges,
        response: { 200: LearningSession, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => updateSession(deps, requireViewer(req), req.params.id, req.body),
  )
  app.post(
    '/api/learning/sessions/:id/enrolment',
    { config: member, schema: { tags, summary: 'Enrol, or join the waitlist when it is full', ...one } },
    async (req) => sessions.enrol(deps, requireViewer(req), req.params.id),
  )
  app.delete(
    '/api/learning/sessions/:id/enrolment',
    { config: member, schema: { tags, summary: 'Give up a seat or a waitlist place; the next person waiting gets the seat', ...one } },
    async (req) => sessions.withdraw(deps, requireViewer(req), req.params.id),
  )
  app.get(
    '/api/learning/sessions/:id/roster',
    {
      config: member,
      schema: {
        tags,
        summary: 'Who is enrolled and waiting, attendance, feedback in aggregate (facilitator, admins)',
        params: IdParams,
        response: { 200: SessionRoster, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => sessions.roster(deps, requireViewer(req), req.params.id),
  )
  app.put(
    '/api/learning/sessions/:id/attendance',
    {
      config: member,
      schema: {
        tags,
        summary: 'Record who attended (facilitator, admins; once it has started)',
        params: IdParams,
        body: Attendance,
        response: { 204: { type: 'null' }, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      await sessions.markAttendance(deps, requireViewer(req), req.params.id, req.body.attended)
      return reply.status(204).send()
    },
  )
  app.put(
    '/api/learning/sessions/:id/feedback',
    {
      config: member,
      schema: {
        tags,
        summary: 'Rate a session you attended',
        params: IdParams,
        body: SessionFeedback,
        response: { 204: { type: 'null' }, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      await sessions.giveFeedback(deps, requireViewer(req), req.params.id, req.body.rating, req.body.comment)
      return reply.status(204).send()
    },
  )
  app.post(
    '/api/learning/sessions/:id/cancel',
    {
      config: member,
      schema: {
        tags,
        summary: 'Cancel a session (facilitator, admins); everyone enrolled is told',
        ...one,
        response: { ...one.response, 403: ErrorBody },
      },
    },
    async (req) => sessions.cancelSession(deps, requireViewer(req), req.params.id),
  )
}
