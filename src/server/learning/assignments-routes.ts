import { AssignmentsMade, AssignResult, MyAssignmentList, NewAssignment } from '../../shared/learning.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { assign, assignmentsMade, myAssignments, withdrawAssignment, type AssignmentDeps } from './assignments.js'

/** Push learning: managers assign catalogue items to their reports (admins to anyone); people see what they were asked. */
export function assignmentRoutes(app: App): void {
  const tags = ['learning']
  const deps: AssignmentDeps = { db: app.db, bus: app.bus, clock: app.clock, minAggregate: app.config.minAggregate }

  app.post(
    '/api/learning/assignments',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Assign a catalogue item to people (managers: their direct reports; admins: anyone), with an optional due date',
        body: NewAssignment,
        response: { 200: AssignResult, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => assign(deps, requireViewer(req), req.body),
  )
  app.get(
    '/api/learning/assignments/mine',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'What the viewer was asked to take, with where they stand', response: { 200: MyAssignmentList } },
    },
    async (req) => ({ items: await myAssignments(deps, requireViewer(req)) }),
  )
  app.get(
    '/api/learning/assignments/made',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'What the viewer assigned: their own reports by name, anyone else as counts (done only from the privacy minimum)',
        response: { 200: AssignmentsMade },
      },
    },
    async (req) => ({ items: await assignmentsMade(deps, requireViewer(req)) }),
  )
  app.delete(
    '/api/learning/assignments/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Withdraw an assignment (who made it, admins)',
        params: IdParams,
        response: { 204: { type: 'null' }, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      await withdrawAssignment(deps, requireViewer(req), req.params.id)
      return reply.status(204).send()
    },
  )
}
