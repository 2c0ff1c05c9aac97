import { MEMBERS, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import * as dx from './fixtures-domains.js'
import type { Caller } from './support.js'

// Communities: any member may take part; steward-only actions are checked per community (the "owner" here is
// the community's steward), and secret communities do not exist for outsiders (404).

/** The caller's person, or a new one for anonymous callers (who are refused before it matters). */
const self = async (app: Parameters<typeof fx.person>[0], caller: Caller) => caller.person ?? (await fx.person(app))
// Stewards-only actions by a non-steward, and the member list of a closed community seen from outside.
const refused = { member: 403, manager: 403, admin: 403 }
const hidden = { member: 404, manager: 404, admin: 404 }

export const COMMUNITY_ROUTES: Record<string, AuthzEntry> = {
  'GET /api/communities': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/communities?sort=name' }) },
  'GET /api/communities/recommended': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/communities/recommended' }),
  },
  'POST /api/communities': {
    allowed: MEMBERS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/communities',
      payload: { name: `Started ${Math.random().toString(36).slice(2, 8)}`, purpose: 'p', visibility: 'open' },
    }),
  },
  'GET /api/communities/:slug': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.community(app)).slug}` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.community(app, 'secret')).slug}` }),
      status: hidden,
    },
  },
  'PATCH /api/communities/:slug': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'PATCH',
      url: `/api/communities/${(await dx.community(app, 'open', await self(app, caller))).slug}`,
      payload: { purpose: 'A new purpose' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PATCH',
        url: `/api/communities/${(await dx.community(app)).slug}`,
        payload: { purpose: 'Not mine' },
      }),
      status: refused,
    },
  },
  'POST /api/communities/:slug/join': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'POST', url: `/api/communities/${(await dx.community(app)).slug}/join`, payload: {} }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/communities/${(await dx.community(app, 'secret')).slug}/join`,
        payload: {},
      }),
      status: hidden,
    },
  },
  'POST /api/communities/:slug/leave': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => {
      const c = await dx.community(app)
      await dx.join(app, c.slug, await self(app, caller))
      return { method: 'POST', url: `/api/communities/${c.slug}/leave` }
    },
  },
  'POST /api/communities/:slug/follow': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => {
      const c = await dx.community(app)
      await dx.join(app, c.slug, await self(app, caller))
      return { method: 'POST', url: `/api/communities/${c.slug}/follow`, payload: { following: true } }
    },
  },
  'GET /api/communities/:slug/members': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.community(app)).slug}/members` }),
    // A closed community is visible from outside, but its members are not.
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.community(app, 'closed')).slug}/members` }),
      status: refused,
    },
  },
  'POST /api/communities/:slug/members': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'POST',
      url: `/api/communities/${(await dx.community(app, 'open', await self(app, caller))).slug}/members`,
      payload: { personId: (await fx.person(app)).id },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/communities/${(await dx.community(app)).slug}/members`,
        payload: { personId: (await fx.person(app)).id },
      }),
      status: refused,
    },
  },
  'PATCH /api/communities/:slug/members/:personId': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => {
      const c = await dx.community(app, 'open', await self(app, caller))
      const member = await fx.person(app)
      await dx.join(app, c.slug, member)
      return { method: 'PATCH', url: `/api/communities/${c.slug}/members/${member.id}`, payload: { role: 'core' } }
    },
    notOwner: {
      request: async ({ app }) => {
        const c = await dx.community(app)
        return { method: 'PATCH', url: `/api/communities/${c.slug}/members/${c.steward.id}`, payload: { role: 'member' } }
      },
      status: refused,
    },
  },
  'GET /api/communities/:slug/requests': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'GET',
      url: `/api/communities/${(await dx.joinRequest(app, await self(app, caller))).slug}/requests`,
    }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.joinRequest(app)).slug}/requests` }),
      status: refused,
    },
  },
  ...Object.fromEntries(
    (['approve', 'reject'] as const).map((action) => [
      `POST /api/communities/:slug/requests/:id/${action}`,
      {
        allowed: MEMBERS,
        status: 200,
        request: async ({ app }, caller) => {
          const r = await dx.joinRequest(app, await self(app, caller))
          return { method: 'POST', url: `/api/communities/${r.slug}/requests/${r.id}/${action}` }
        },
        notOwner: {
          request: async ({ app }) => {
            const r = await dx.joinRequest(app)
            return { method: 'POST', url: `/api/communities/${r.slug}/requests/${r.id}/${action}` }
          },
          status: refused,
        },
      } satisfies AuthzEntry,
    ]),
  ),
  'GET /api/people/:id/trajectories': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/people/${(await dx.community(app)).steward.id}/trajectories` }),
  },
}
