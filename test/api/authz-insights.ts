import { MEMBERS, selfId, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import type { Role } from './support.js'

// Insights: community discovery. Admins start it; managers and admins read the aggregates. The unknown
// community id answers 404 to those allowed (there is no run in the matrix's database).

const MANAGERS: readonly Role[] = ['manager', 'admin']

export const INSIGHTS_ROUTES: Record<string, AuthzEntry> = {
  'POST /api/insights/discovery': {
    allowed: ['admin'],
    status: 202,
    request: async () => ({ method: 'POST', url: '/api/insights/discovery', payload: { windowDays: 90 } }),
  },
  'GET /api/insights/discovery': {
    allowed: MANAGERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/insights/discovery' }),
  },
  'GET /api/insights/discovery/communities/:id': {
    allowed: MANAGERS,
    status: 404,
    request: async () => ({ method: 'GET', url: '/api/insights/discovery/communities/00000000-0000-4000-8000-000000000000' }),
  },
}

// The network map and trajectories: the map is aggregates (managers, admins); a trajectory is the person's own
// (anyone, about themself) and their own manager's; to everyone else another person's does not exist (404).
export const INSIGHTS_MAP_ROUTES: Record<string, AuthzEntry> = {
  'GET /api/insights/map': {
    allowed: MANAGERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/insights/map' }),
  },
  'GET /api/insights/trajectory': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/insights/trajectory' }),
  },
  'GET /api/insights/trajectory/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, c) => ({ method: 'GET', url: `/api/insights/trajectory/${await selfId(app, c)}` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/insights/trajectory/${(await fx.person(app)).id}` }),
      status: { member: 404, manager: 404, admin: 404 },
    },
  },
  'GET /api/insights/discovery/communities/:id/trajectory': {
    allowed: MANAGERS,
    status: 404,
    request: async () => ({ method: 'GET', url: '/api/insights/discovery/communities/00000000-0000-4000-8000-000000000000/trajectory' }),
  },
}
