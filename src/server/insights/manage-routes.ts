import { Type } from '@sinclair/typebox'
import {
  ExclusionQuery,
  ExclusionReport,
  IntroduceBody,
  IntroductionMade,
  ManageView,
  PracticeList,
  PracticeSpread,
  ReorgBody,
  ReorgOptions,
  ReorgResult,
} from '../../shared/insights-manage.js'
import { ErrorBody } from '../../shared/schemas.js'
import type { ConnectionsDeps } from '../connections/service.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { getExclusionReport } from './exclusion.js'
import { getManageView, introduceSuggested } from './introductions.js'
import { getReorgOptions, runReorgSimulation } from './reorg-service.js'
import { getPracticeSpread, listPracticeSpread } from './spread-service.js'

const PracticeParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody }

/** Insights' manager tools: exclusion, reorg simulation, practice spread and one-click introductions (managers and admins). */
export function manageRoutes(app: App, deps: ConnectionsDeps): void {
  const tags = ['insights']
  const config = { access: 'manager' as const }
  const now = () => new Date(app.clock.now())
  app.get(
    '/api/insights/exclusion',
    {
      config,
      schema: {
        tags,
        summary: 'Who is left out (aggregates; your own unconnected reports by name)',
        querystring: ExclusionQuery,
        response: { 200: ExclusionReport, ...errors },
      },
    },
    async (req) => getExclusionReport(app.db, requireViewer(req), app.config.minAggregate, now(), req.query),
  )
  app.get(
    '/api/insights/reorg',
    { config, schema: { tags, summary: 'Whom you may choose in a reorg simulation', response: { 200: ReorgOptions } } },
    async (req) => getReorgOptions(app.db, requireViewer(req), app.config.minAggregate),
  )
  app.post(
    '/api/insights/reorg',
    {
      config,
      schema: {
        tags,
        summary: 'Simulate people leaving or a department moving: what breaks, before and after',
        body: ReorgBody,
        response: { 200: ReorgResult, ...errors },
      },
    },
    async (req) => runReorgSimulation(app.db, requireViewer(req), app.config.minAggregate, now(), req.body),
  )
  app.get(
    '/api/insights/practices',
    { config, schema: { tags, summary: 'Practices and how far they have spread', response: { 200: PracticeList } } },
    async (req) => listPracticeSpread(app.db, requireViewer(req), app.config.minAggregate),
  )
  app.get(
    '/api/insights/practices/:id',
    {
      config,
      schema: {
        tags,
        summary: "One practice's spread across communities, and where it could go next",
        params: PracticeParams,
        response: { 200: PracticeSpread, ...errors },
      },
    },
    async (req) => getPracticeSpread(app.db, requireViewer(req), app.config.minAggregate, now(), req.params.id),
  )
  app.get(
    '/api/insights/manage',
    { config, schema: { tags, summary: "Your team's ties into communities, with suggested introductions", response: { 200: ManageView } } },
    async (req) => getManageView(app.db, requireViewer(req), app.config.minAggregate),
  )
  app.post(
    '/api/insights/manage/introductions',
    {
      config,
      schema: {
        tags,
        summary: 'Make a suggested introduction (through connections)',
        body: IntroduceBody,
        response: { 201: IntroductionMade, ...errors, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await introduceSuggested(deps, requireViewer(req), req.body)),
  )
}
