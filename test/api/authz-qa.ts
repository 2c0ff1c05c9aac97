import type { FastifyInstance } from 'fastify'
import { flagPost } from '../../src/server/knowledge/flags.js'
import { buildPerson } from '../helpers/factories.js'
import { MEMBERS, type AuthzEntry } from './authz-types.js'
import * as dx from './fixtures-domains.js'
import type { Caller } from './support.js'

// Votes, flags and the review queue. Posts in secret communities do not exist for outsiders (404); deciding a
// flag is for a steward of the post's community or an admin.

const hidden = { member: 404, manager: 404, admin: 404 }
const self = async (app: FastifyInstance, caller: Caller) => caller.person ?? (await buildPerson(app))

/** A post flagged by someone, in a community `steward` (or a new person) stewards. */
async function flagged(app: FastifyInstance, steward?: Awaited<ReturnType<typeof buildPerson>>): Promise<number> {
  const post = await dx.post(app, steward ? { author: steward } : {})
  await flagPost(app.db, dx.viewerOf(await buildPerson(app)), post.id, { reason: 'spam' })
  return post.id
}

export const QA_ROUTES: Record<string, AuthzEntry> = {
  'POST /api/posts/:id/vote': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'POST', url: `/api/posts/${(await dx.post(app)).id}/vote`, payload: { value: 1 } }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/posts/${(await dx.post(app, { visibility: 'secret' })).id}/vote`,
        payload: { value: 1 },
      }),
      status: hidden,
    },
  },
  'POST /api/posts/:id/flags': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({ method: 'POST', url: `/api/posts/${(await dx.post(app)).id}/flags`, payload: { reason: 'spam' } }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/posts/${(await dx.post(app, { visibility: 'secret' })).id}/flags`,
        payload: { reason: 'rude' },
      }),
      status: hidden,
    },
  },
  'GET /api/people/mentions': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/people/mentions?q=a' }) },
  'GET /api/flags/mine': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/flags/mine' }) },
  'GET /api/review': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/review' }) },
  'POST /api/review/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'POST',
      url: `/api/review/${await flagged(app, await self(app, caller))}`,
      payload: { decision: 'hide' },
    }),
    notOwner: {
      request: async ({ app }) => ({ method: 'POST', url: `/api/review/${await flagged(app)}`, payload: { decision: 'keep' } }),
      status: { member: 403, manager: 403, admin: 200 },
    },
  },
}
