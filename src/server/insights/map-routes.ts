import { CommunityTrajectory, NetworkMap, NetworkMapQuery, PersonTrajectory } from '../../shared/insights-map.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { getNetworkMap } from './map-service.js'
import { getCommunityTrajectory, getPersonTrajectory } from './trajectory-service.js'

/** The network map (managers and admins: aggregates) and trajectories (a person's own, and their manager's). */
export function mapRoutes(app: App): void {
  const tags = ['insights']
  app.get(
    '/api/insights/map',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'The network map of a discovery run (the latest by default): communities, links, you and your reports',
        querystring: NetworkMapQuery,
        response: { 200: NetworkMap, 404: ErrorBody },
      },
    },
    async (req) => getNetworkMap(app.db, requireViewer(req), app.config.minAggregate, req.query.run),
  )
  app.get(
    '/api/insights/trajectory',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'My trajectory: my position in each community over the discovery runs',
        response: { 200: PersonTrajectory },
      },
    },
    async (req) => {
      const viewer = requireViewer(req)
      return getPersonTrajectory(app.db, viewer, app.config.minAggregate, viewer.id)
    },
  )
  app.get(
    '/api/insights/trajectory/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: "A person's trajectory: for the person and their own manager only (404 to anyone else)",
        params: IdParams,
        response: { 200: PersonTrajectory, 404: ErrorBody },
      },
    },
    async (req) => getPersonTrajectory(app.db, requireViewer(req), app.config.minAggregate, req.params.id),
  )
  app.get(
    '/api/insights/discovery/communities/:id/trajectory',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: "A discovered community's typical path from edge to core, and who is stuck at the edge (your reports by name)",
        params: IdParams,
        response: { 200: CommunityTrajectory, 404: ErrorBody },
      },
    },
    async (req) => getCommunityTrajectory(app.db, requireViewer(req), app.config.minAggregate, req.params.id),
  )
}
