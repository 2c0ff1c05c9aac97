import type { FastifyInstance } from 'fastify'
import { createSimulation } from '../../src/server/learning/simulation.js'
import { systemClock } from '../../src/server/platform/clock.js'
import { SAMPLE_SIMULATION } from '../helpers/simulation.js'
import { MEMBERS, selfId, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import type { Role } from './support.js'

// Branching simulations: learning staff write them; members play them; only the author (or an admin) sees the
// whole graph, changes it, or reads the paths people took.

const MANAGERS: readonly Role[] = ['manager', 'admin']

/** A simulation of the whole organisation written by `authorId`; returns its id. */
async function simulation(app: FastifyInstance, authorId: string): Promise<string> {
  const deps = { db: app.db, clock: systemClock, jobs: app.jobs, baseUrl: 'http://localhost', minAggregate: 5 }
  const viewer = { id: authorId, name: 'Author', email: 'author@example.com', isAdmin: false, isManager: true, csrfToken: '' }
  return (await createSimulation(deps, viewer, SAMPLE_SIMULATION)).id
}

const someoneElses = async (app: FastifyInstance) => simulation(app, (await fx.person(app)).id)
const authored = (method: 'GET' | 'PUT', suffix = ''): AuthzEntry => ({
  allowed: MEMBERS,
  status: 200,
  request: async ({ app }, caller) => ({
    method,
    url: `/api/learning/simulations/${await simulation(app, await selfId(app, caller))}${suffix}`,
    ...(method === 'PUT' ? { payload: SAMPLE_SIMULATION } : {}),
  }),
  notOwner: {
    request: async ({ app }) => ({
      method,
      url: `/api/learning/simulations/${await someoneElses(app)}${suffix}`,
      ...(method === 'PUT' ? { payload: SAMPLE_SIMULATION } : {}),
    }),
    status: { member: 403, manager: 403, admin: 200 },
  },
})
const played = (method: 'GET' | 'POST', suffix: string, payload?: object): AuthzEntry => ({
  allowed: MEMBERS,
  status: 200,
  request: async ({ app }) => ({ method, url: `/api/learning/simulations/${await someoneElses(app)}${suffix}`, payload }),
})

export const simulationRoutes: Record<string, AuthzEntry> = {
  'POST /api/learning/simulations': {
    allowed: MANAGERS,
    status: 201,
    request: async () => ({ method: 'POST', url: '/api/learning/simulations', payload: SAMPLE_SIMULATION }),
  },
  'GET /api/learning/simulations/:id': authored('GET'),
  'PUT /api/learning/simulations/:id': authored('PUT'),
  'GET /api/learning/simulations/:id/paths': authored('GET', '/paths'),
  'GET /api/learning/simulations/:id/play': played('GET', '/play'),
  'POST /api/learning/simulations/:id/play/choose': played('POST', '/play/choose', { choice: 'apologise' }),
  'POST /api/learning/simulations/:id/play/back': {
    allowed: MEMBERS,
    status: 409, // nothing to take back yet: the route was reached, and refused the step for what it is
    request: async ({ app }) => ({ method: 'POST', url: `/api/learning/simulations/${await someoneElses(app)}/play/back`, payload: {} }),
  },
  'POST /api/learning/simulations/:id/play/restart': played('POST', '/play/restart', {}),
}
