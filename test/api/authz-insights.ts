import { MEMBERS, selfId, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import type { Role } from './support.js'

// Insights: community discovery. Admins start it; managers and admins read the aggregates. The unknown
// community id answers 404 to those allowed (there is no run in the matrix's database). The manager tools
// (exclusion, reorg, practice spread, introductions) are for managers and admins too; without a run, a
// simulation is 404, an unknown practice 404 and an introduction that was never suggested 400.

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
  'GET /api/insights/exclusion': {
    allowed: MANAGERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/insights/exclusion?newcomerWeeks=4' }),
  },
  'GET /api/insights/reorg': {
    allowed: MANAGERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/insights/reorg' }),
  },
  'POST /api/insights/reorg': {
    allowed: MANAGERS,
    status: 404,
    request: async () => ({ method: 'POST', url: '/api/insights/reorg', payload: { mode: 'leave', departments: ['Sales'] } }),
  },
  'GET /api/insights/practices': {
    allowed: MANAGERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/insights/practices' }),
  },
  'GET /api/insights/practices/:id': {
    allowed: MANAGERS,
    status: 404,
    request: async () => ({ method: 'GET', url: '/api/insights/practices/999999' }),
  },
  'GET /api/insights/manage': {
    allowed: MANAGERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/insights/manage' }),
  },
  'POST /api/insights/manage/introductions': {
    allowed: MANAGERS,
    status: 400,
    request: async () => ({
      method: 'POST',
      url: '/api/insights/manage/introductions',
      payload: { reportId: '00000000-0000-4000-8000-000000000001', partnerId: '00000000-0000-4000-8000-000000000002' },
    }),
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
