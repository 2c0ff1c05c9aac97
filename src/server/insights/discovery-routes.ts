import { DiscoveredCommunity, DiscoveryReport, DiscoveryStarted, StartDiscovery } from '../../shared/insights.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { getDiscoveredCommunity, getDiscoveryReport, startDiscovery } from './discovery-service.js'

/** Community discovery: admins start a run; managers and admins read the aggregates. */
export function discoveryRoutes(app: App): void {
  const tags = ['insights']
  app.post(
    '/api/insights/discovery',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Start community discovery (a background job; follow it at /api/jobs/:id)',
        body: StartDiscovery,
        response: { 202: DiscoveryStarted, 400: ErrorBody },
      },
    },
    async (req, reply) => reply.status(202).send(await startDiscovery(app.jobs, requireViewer(req), req.body ?? {})),
  )
  app.get(
    '/api/insights/discovery',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'The communities of practice the latest discovery run found (aggregates)',
        response: { 200: DiscoveryReport },
      },
    },
    async (req) => getDiscoveryReport(app.db, requireViewer(req), app.config.minAggregate),
  )
  app.get(
    '/api/insights/discovery/communities/:id',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'One discovered community (aggregates)',
        params: IdParams,
        response: { 200: DiscoveredCommunity, 404: ErrorBody },
      },
    },
    async (req) => getDiscoveredCommunity(app.db, requireViewer(req), app.config.minAggregate, req.params.id),
  )
}
