import { expect } from 'vitest'
import { MEMBERS, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import * as dx from './fixtures-domains.js'
import { TINY_PNG, type Caller } from './support.js'

// Posts, reactions, search and media. Posts in secret communities and other people's unattached media do not
// exist for outsiders (404); changing a post is for its author, a steward of its community, or an admin.

const self = async (app: Parameters<typeof fx.person>[0], caller: Caller) => caller.person ?? (await fx.person(app))
const hidden = { member: 404, manager: 404, admin: 404 }
const authorStewardOrAdmin = { member: 403, manager: 403, admin: 200 }

export const KNOWLEDGE_ROUTES: Record<string, AuthzEntry> = {
  'POST /api/communities/:slug/posts': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: `/api/communities/${(await dx.community(app)).slug}/posts`,
      payload: { kind: 'question', title: 'Who may post here?', body: 'Anyone in an open community.' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/communities/${(await dx.community(app, 'closed')).slug}/posts`,
        payload: { kind: 'story', title: 'Not a member', body: 'x' },
      }),
      status: { member: 403, manager: 403, admin: 403 },
    },
  },
  'GET /api/communities/:slug/feed': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.post(app)).slug}/feed` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.post(app, { visibility: 'secret' })).slug}/feed` }),
      status: hidden,
    },
  },
  'GET /api/communities/:slug/home': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.post(app)).slug}/home` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/communities/${(await dx.post(app, { visibility: 'secret' })).slug}/home` }),
      status: hidden,
    },
  },
  'GET /api/posts/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/posts/${(await dx.post(app)).id}` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/posts/${(await dx.post(app, { visibility: 'secret' })).id}` }),
      status: hidden,
    },
  },
  // A way in for someone outside a closed community: its name and how to ask to join. Members (and admins, who
  // read everything) and secret communities get 404, as for a post that does not exist.
  'GET /api/posts/:id/closed-community': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({
      method: 'GET',
      url: `/api/posts/${(await dx.post(app, { visibility: 'closed' })).id}/closed-community`,
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'GET',
        url: `/api/posts/${(await dx.post(app, { visibility: 'secret' })).id}/closed-community`,
      }),
      status: hidden,
    },
  },
  'PATCH /api/posts/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'PATCH',
      url: `/api/posts/${(await dx.post(app, { author: await self(app, caller) })).id}`,
      payload: { body: 'Edited' },
    }),
    notOwner: {
      request: async ({ app }) => ({ method: 'PATCH', url: `/api/posts/${(await dx.post(app)).id}`, payload: { body: 'Not mine' } }),
      status: authorStewardOrAdmin,
    },
  },
  'DELETE /api/posts/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'DELETE',
      url: `/api/posts/${(await dx.post(app, { author: await self(app, caller) })).id}`,
    }),
    notOwner: {
      request: async ({ app }) => ({ method: 'DELETE', url: `/api/posts/${(await dx.post(app)).id}` }),
      status: authorStewardOrAdmin,
    },
  },
  'GET /api/posts/:id/revisions': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/posts/${(await dx.post(app)).id}/revisions` }),
  },
  'POST /api/posts/:id/answers': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: `/api/posts/${(await dx.post(app)).id}/answers`,
      payload: { body: 'Here is how.' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/posts/${(await dx.post(app, { visibility: 'secret' })).id}/answers`,
        payload: { body: 'x' },
      }),
      status: hidden,
    },
  },
  'POST /api/posts/:id/comments': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: `/api/posts/${(await dx.post(app, { kind: 'story' })).id}/comments`,
      payload: { body: 'Nice story.' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/posts/${(await dx.post(app, { visibility: 'secret' })).id}/comments`,
        payload: { body: 'x' },
      }),
      status: hidden,
    },
  },
  'POST /api/posts/:id/accept': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => {
      const q = await dx.post(app, { author: await self(app, caller) })
      return { method: 'POST', url: `/api/posts/${q.id}/accept`, payload: { answerId: await dx.answer(app, q.id) } }
    },
    // Only the asker or a steward accepts an answer; being an admin does not make one the asker.
    notOwner: {
      request: async ({ app }) => {
        const q = await dx.post(app)
        return { method: 'POST', url: `/api/posts/${q.id}/accept`, payload: { answerId: await dx.answer(app, q.id) } }
      },
      status: { member: 403, manager: 403, admin: 403 },
    },
  },
  'POST /api/posts/:id/thanks': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: `/api/posts/${(await dx.post(app, { kind: 'story' })).id}/thanks`,
      payload: { kind: 'thanks' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/posts/${(await dx.post(app, { visibility: 'secret' })).id}/thanks`,
        payload: { kind: 'learned' },
      }),
      status: hidden,
    },
  },
  'POST /api/posts/:id/adoptions': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: `/api/posts/${(await dx.post(app, { kind: 'practice' })).id}/adoptions`,
      payload: { note: 'We use it' },
    }),
    // Adopting for a community is for its stewards.
    notOwner: {
      request: async ({ app }) => ({
        method: 'POST',
        url: `/api/posts/${(await dx.post(app, { kind: 'practice' })).id}/adoptions`,
        payload: { communitySlug: (await dx.community(app)).slug },
      }),
      status: { member: 403, manager: 403, admin: 403 },
    },
  },
  'POST /api/people/:id/thanks': {
    allowed: MEMBERS,
    status: 201,
    request: async ({ app }) => ({
      method: 'POST',
      url: `/api/people/${(await fx.person(app)).id}/thanks`,
      payload: { kind: 'learned', note: 'You showed me how' },
    }),
  },
  'GET /api/people/:id/learned-from': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/people/${(await fx.person(app)).id}/learned-from` }),
  },
  'GET /api/people/:id/learning': {
    allowed: MEMBERS,
    status: 308,
    request: async ({ app }) => ({ method: 'GET', url: `/api/people/${(await fx.person(app)).id}/learning` }),
    check: (res) => expect(String(res.headers.location)).toMatch(/^\/api\/people\/[^/]+\/learned-from$/),
  },

  'POST /api/markdown/preview': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({
      method: 'POST',
      url: '/api/markdown/preview',
      payload: { markdown: '**bold** and a [link](https://example.com)' },
    }),
  },

  'GET /api/search': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/search?q=question' }) },
  'GET /api/search/suggest': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/search/suggest?q=ques' }) },

  'POST /api/media': {
    allowed: MEMBERS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/media',
      headers: { 'content-type': 'image/png', 'x-filename': 'dot.png' },
      payload: TINY_PNG,
    }),
  },
  'GET /api/media/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({ method: 'GET', url: `/api/media/${await dx.media(app, await self(app, caller))}` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/media/${await dx.media(app, await fx.person(app))}` }),
      status: hidden,
    },
  },
  'PATCH /api/media/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'PATCH',
      url: `/api/media/${await dx.media(app, await self(app, caller))}`,
      payload: { transcript: 'Hello.' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PATCH',
        url: `/api/media/${await dx.media(app, await fx.person(app))}`,
        payload: { transcript: 'x' },
      }),
      status: hidden,
    },
  },
  'GET /api/media/:id/captions.vtt': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'GET',
      url: `/api/media/${await dx.media(app, await self(app, caller), true)}/captions.vtt`,
    }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/media/${await dx.media(app, await fx.person(app), true)}/captions.vtt` }),
      status: hidden,
    },
  },
}
