import {
  CheckBody,
  DepartmentList,
  DraftStarted,
  IntroBody,
  LogBody,
  Match,
  MatchDetail,
  MatchList,
  Meeting,
  MeetingBody,
  Participation,
  Programme,
  ProgrammeBody,
  ProgrammeReflection,
  ProgrammeList,
  Questionnaire,
  ReflectionBody,
  RespondBody,
  Round,
  RoundList,
} from '../../shared/connections.js'
import { ErrorBody, IdParams, Ok } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { addLogEntry, cancelMeeting, changeMeeting, checkBack, createMeeting, getMatchDetail, reflect } from './meetings.js'
import { proposeIntroduction, respond } from './responses.js'
import { getReflection, writeReflection } from './reflections.js'
import { approveRound, getRound, listRounds, myMatches, startDraft } from './rounds.js'
import {
  createProgramme,
  getParticipation,
  getProgramme,
  getQuestionnaire,
  joinProgramme,
  leaveProgramme,
  listProgrammeDepartments,
  listProgrammesFor,
  type ConnectionsDeps,
} from './service.js'

/**
 * Connections: programmes (managers and admins create them), opting in, rounds (the owner or an admin drafts,
 * previews and approves), my matches (members answer, meet and keep a log private to the match).
 */
export function connectionRoutes(app: App, deps: ConnectionsDeps): void {
  const tags = ['connections']
  const member = { access: 'member' as const }
  const manager = { access: 'manager' as const }
  const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
  const base = '/api/connections'

  app.get(
    `${base}/programmes`,
    { config: member, schema: { tags, summary: 'Open programmes', response: { 200: ProgrammeList } } },
    async (req) => ({
      items: await listProgrammesFor(app.db, requireViewer(req)),
    }),
  )
  app.post(
    `${base}/programmes`,
    {
      config: manager,
      schema: { tags, summary: 'Create a programme (managers and admins)', body: ProgrammeBody, response: { 201: Programme, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await createProgramme(deps, requireViewer(req), req.body)),
  )
  app.get(
    `${base}/departments`,
    {
      config: manager,
      schema: { tags, summary: 'Departments a programme may be limited to (managers and admins)', response: { 200: DepartmentList } },
    },
    async () => ({ items: await listProgrammeDepartments(app.db) }),
  )
  app.get(
    `${base}/programmes/:id`,
    { config: member, schema: { tags, summary: 'One programme', params: IdParams, response: { 200: Programme, 404: ErrorBody } } },
    async (req) => getProgramme(app.db, requireViewer(req), req.params.id),
  )
  app.get(
    `${base}/programmes/:id/questionnaire`,
    {
      config: member,
      schema: {
        tags,
        summary: 'The opt-in questionnaire, prefilled from your profile',
        params: IdParams,
        response: { 200: Questionnaire, 404: ErrorBody },
      },
    },
    async (req) => getQuestionnaire(app.db, requireViewer(req), req.params.id),
  )
  app.put(
    `${base}/programmes/:id/participation`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Join (or update your answers)',
        params: IdParams,
        body: Questionnaire,
        response: { 200: Programme, ...errors },
      },
    },
    async (req) => joinProgramme(deps, requireViewer(req), req.params.id, req.body),
  )
  app.delete(
    `${base}/programmes/:id/participation`,
    { config: member, schema: { tags, summary: 'Leave a programme', params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await leaveProgramme(app.db, requireViewer(req), req.params.id)
      return { ok: true as const }
    },
  )
  app.get(
    `${base}/programmes/:id/participation`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Participation in aggregate (owner or admin)',
        params: IdParams,
        response: { 200: Participation, ...errors },
      },
    },
    async (req) => getParticipation(deps, requireViewer(req), req.params.id),
  )
  app.get(
    `${base}/programmes/:id/reflection`,
    {
      config: member,
      schema: {
        tags,
        summary: 'My end-of-programme reflection (mine alone)',
        params: IdParams,
        response: { 200: ProgrammeReflection, 404: ErrorBody },
      },
    },
    async (req) => getReflection(app.db, requireViewer(req), req.params.id),
  )
  app.put(
    `${base}/programmes/:id/reflection`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Write my end-of-programme reflection (once the programme has ended)',
        params: IdParams,
        body: ReflectionBody,
        response: { 200: ProgrammeReflection, ...errors },
      },
    },
    async (req) => writeReflection(deps, requireViewer(req), req.params.id, req.body.body),
  )
  app.get(
    `${base}/programmes/:id/rounds`,
    {
      config: member,
      schema: { tags, summary: 'Rounds of a programme (owner or admin)', params: IdParams, response: { 200: RoundList, ...errors } },
    },
    async (req) => listRounds(deps, requireViewer(req), req.params.id),
  )
  app.post(
    `${base}/programmes/:id/rounds`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Draft the next round (owner or admin); runs as a job',
        params: IdParams,
        response: { 202: DraftStarted, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await startDraft(deps, requireViewer(req), req.params.id)),
  )
  app.post(
    `${base}/programmes/:id/introductions`,
    {
      config: manager,
      schema: {
        tags,
        summary: 'Introduce two people (managers and admins)',
        params: IdParams,
        body: IntroBody,
        response: { 201: Match, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await proposeIntroduction(deps, requireViewer(req), req.params.id, req.body)),
  )
  app.get(
    `${base}/rounds/:id`,
    {
      config: member,
      schema: { tags, summary: 'Preview a round (owner or admin)', params: IdParams, response: { 200: Round, ...errors } },
    },
    async (req) => getRound(deps, requireViewer(req), req.params.id),
  )
  app.post(
    `${base}/rounds/:id/approval`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Approve a round: its matches are announced (owner or admin)',
        params: IdParams,
        response: { 200: Round, ...errors },
      },
    },
    async (req) => approveRound(deps, requireViewer(req), req.params.id),
  )
  app.get(`${base}/matches`, { config: member, schema: { tags, summary: 'My matches', response: { 200: MatchList } } }, async (req) =>
    myMatches(app.db, requireViewer(req)),
  )
  app.get(
    `${base}/matches/:id`,
    {
      config: member,
      schema: {
        tags,
        summary: 'A match of mine, with meetings and our log',
        params: IdParams,
        response: { 200: MatchDetail, 404: ErrorBody },
      },
    },
    async (req) => getMatchDetail(deps, requireViewer(req), req.params.id),
  )
  app.post(
    `${base}/matches/:id/response`,
    {
      config: member,
      schema: { tags, summary: 'Accept or decline a match', params: IdParams, body: RespondBody, response: { 200: Match, ...errors } },
    },
    async (req) => respond(deps, requireViewer(req), req.params.id, req.body.response),
  )
  app.post(
    `${base}/matches/:id/meetings`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Schedule a meeting (invites by mail)',
        params: IdParams,
        body: MeetingBody,
        response: { 201: Meeting, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeeting(deps, requireViewer(req), req.params.id, req.body)),
  )
  app.post(
    `${base}/matches/:id/log`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Add a goal or note to our log',
        params: IdParams,
        body: LogBody,
        response: { 201: MatchDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await addLogEntry(deps, requireViewer(req), req.params.id, req.body)),
  )
  app.put(
    `${base}/matches/:id/reflection`,
    {
      config: member,
      schema: {
        tags,
        summary: 'My end-of-programme reflection',
        params: IdParams,
        body: ReflectionBody,
        response: { 200: MatchDetail, ...errors },
      },
    },
    async (req) => reflect(deps, requireViewer(req), req.params.id, req.body.body),
  )
  app.put(
    `${base}/meetings/:id`,
    {
      config: member,
      schema: {
        tags,
        summary: 'Move a meeting (updated invite)',
        params: IdParams,
        body: MeetingBody,
        response: { 200: Meeting, ...errors },
      },
    },
    async (req) => changeMeeting(deps, requireViewer(req), req.params.id, req.body),
  )
  app.delete(
    `${base}/meetings/:id`,
    {
      config: member,
      schema: { tags, summary: 'Cancel a meeting (cancellation by mail)', params: IdParams, response: { 200: Meeting, ...errors } },
    },
    async (req) => cancelMeeting(deps, requireViewer(req), req.params.id),
  )
  app.post(
    `${base}/meetings/:id/check`,
    {
      config: member,
      schema: { tags, summary: 'Did you meet? (check-back)', params: IdParams, body: CheckBody, response: { 200: Meeting, ...errors } },
    },
    async (req) => checkBack(deps, requireViewer(req), req.params.id, req.body.held),
  )
}
