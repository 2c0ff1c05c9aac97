import type { AuthzEntry } from './authz-types.js'
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
