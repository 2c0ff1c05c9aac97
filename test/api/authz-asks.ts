import { MEMBERS, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import * as dx from './fixtures-domains.js'

// Pull learning: asking, the "For you" inbox and one's own routing settings. Offers belong to the person they
// were made to; anyone else's do not exist (404).

const hidden = { member: 404, manager: 404, admin: 404 }

export const ASK_ROUTES: Record<string, AuthzEntry> = {
  'GET /api/asks/suggest': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/asks/suggest?q=how%20do%20we%20test' }),
  },
  'POST /api/asks/resolve': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/asks/resolve',
      payload: { query: 'how do we test', postId: (await dx.post(app)).id },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: '/api/asks/resolve',
        payload: { query: 'secret', postId: (await dx.post(app, { visibility: 'secret' })).id },
      }),
      status: hidden,
    },
  },
  'POST /api/asks': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/asks',
      payload: {
        title: 'How do we check permissions?',
        body: 'With a matrix.',
        tags: ['testing'],
        communitySlug: (await dx.community(app)).slug,
      },
    }),
  },
  'GET /api/asks/inbox': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/asks/inbox' }) },
  'POST /api/asks/offers/:id/decline': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'POST',
      url: `/api/asks/offers/${await dx.offer(app, caller.person ?? (await fx.person(app)))}/decline`,
      payload: { reason: 'busy' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/asks/offers/${await dx.offer(app, await fx.person(app))}/decline`,
        payload: { reason: 'busy' },
      }),
      status: hidden,
    },
  },
  'POST /api/asks/offers/:id/snooze': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'POST',
      url: `/api/asks/offers/${await dx.offer(app, caller.person ?? (await fx.person(app)))}/snooze`,
      payload: { hours: 24 },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/asks/offers/${await dx.offer(app, await fx.person(app))}/snooze`,
        payload: { hours: 24 },
      }),
      status: hidden,
    },
  },
  'GET /api/me/availability': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/me/availability' }) },
  'PUT /api/me/availability': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({
      method: 'PUT',
      url: '/api/me/availability',
      payload: { maxPerWeek: 3, awayFrom: null, awayUntil: null, optedOut: false },
    }),
  },
  'GET /api/me/hidden-topics': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/me/hidden-topics' }) },
  'PUT /api/me/hidden-topics': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'PUT', url: '/api/me/hidden-topics', payload: { tags: ['salaries'] } }),
  },
  'GET /api/people/:id/known-for': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/people/${(await fx.person(app)).id}/known-for` }),
  },
  'GET /api/communities/:slug/routing': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.community(app)).slug}/routing` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.community(app, 'secret')).slug}/routing` }),
      status: hidden,
    },
  },
  // The community's stewards (and admins) only: a member who is not its steward is refused.
  'PUT /api/communities/:slug/routing': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'PUT',
      url: `/api/communities/${(await dx.community(app, 'open', caller.person ?? null)).slug}/routing`,
      payload: { explore: 'on' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PUT',
        url: `/api/communities/${(await dx.community(app)).slug}/routing`,
        payload: { explore: 'on' },
      }),
      status: { member: 403, manager: 403, admin: 200 },
    },
  },
}
