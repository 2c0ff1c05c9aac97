import { expect } from 'vitest'
import { TEST_PASSWORD } from '../helpers/app.js'
import { ASK_ROUTES } from './authz-asks.js'
import { COLLAB_IMPORT_ROUTES } from './authz-collab-imports.js'
import { COMMUNITY_ROUTES } from './authz-communities.js'
import { CONNECTION_ROUTES } from './authz-connections.js'
import { KNOWLEDGE_ROUTES } from './authz-knowledge.js'
import { INSIGHTS_MAP_ROUTES, INSIGHTS_ROUTES } from './authz-insights.js'
import { LEARNING_ROUTES } from './authz-learning.js'
import { QUIZ_ROUTES } from './authz-quiz.js'
import { QA_ROUTES } from './authz-qa.js'
import { IMPORT_ROUTES, NOTIFICATION_ROUTES } from './authz-notifications-imports.js'
import { ADMINS, ALL, MEMBERS, selfId, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import * as dx from './fixtures-domains.js'
import { TINY_PNG } from './support.js'

const PLATFORM_AND_PEOPLE_ROUTES: Record<string, AuthzEntry> = {
  'GET /api/health': { allowed: ALL, status: 200, request: async () => ({ method: 'GET', url: '/api/health' }) },

  // Accounts
  'GET /api/auth/session': { allowed: ALL, status: 200, request: async () => ({ method: 'GET', url: '/api/auth/session' }) },
  'POST /api/setup': {
    allowed: ALL,
    // The test app is set up before the matrix runs, so the public route answers 409 rather than 401/403.
    status: 409,
    request: async () => ({
      method: 'POST',
      url: '/api/setup',
      payload: { name: 'Second Admin', email: 'second-admin@example.com', password: TEST_PASSWORD },
    }),
  },
  'POST /api/auth/login': {
    allowed: ALL,
    status: 200,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: (await fx.person(app)).email, password: TEST_PASSWORD },
    }),
  },
  // Single sign-on: both ends are public browser navigations that answer with redirects. A refused sign-on
  // redirects too (to /login?error=...), so `check` tells success from refusal.
  'GET /api/auth/oidc/start': {
    allowed: ALL,
    status: 302,
    request: async () => ({ method: 'GET', url: '/api/auth/oidc/start?returnTo=%2Fpeople' }),
    check: (res, { idp }) => expect(String(res.headers.location)).toMatch(new RegExp(`^${idp.issuer}/`)),
  },
  'GET /api/auth/oidc/callback': {
    allowed: ALL,
    status: 302,
    request: async ({ app, idp }) => {
      const p = await fx.person(app)
      idp.accounts.set(p.id, { email: p.email, name: p.name, email_verified: true })
      const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start?returnTo=%2Fpeople' })
      const callback = await idp.signIn(String(start.headers.location), p.id)
      return { method: 'GET', url: `${callback.pathname}${callback.search}` }
    },
    check: (res) => {
      expect(res.headers.location).toBe('/people')
      expect(res.cookies.some((c) => c.name === 'ws_session')).toBe(true)
    },
  },
  'POST /api/auth/logout': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'POST /api/auth/password-reset/request': {
    allowed: ALL,
    status: 202,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: (await fx.person(app)).email },
    }),
  },
  'POST /api/auth/password-reset/confirm': {
    allowed: ALL,
    status: 200,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: await fx.token(app, 'reset', (await fx.person(app)).id), password: TEST_PASSWORD },
    }),
  },
  'GET /api/auth/invitations/:token': {
    allowed: ALL,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/auth/invitations/${await fx.invitation(app)}` }),
  },
  'POST /api/auth/invitations/accept': {
    allowed: ALL,
    status: 200,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token: await fx.invitation(app), password: TEST_PASSWORD },
    }),
  },
  'POST /api/admin/invitations': {
    allowed: ADMINS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/admin/invitations',
      payload: { email: `invitee-${Math.random().toString(36).slice(2)}@example.com`, name: 'Invitee' },
    }),
  },

  // People
  'GET /api/people': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/people?q=person&limit=5' }) },
  'GET /api/people/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/people/${(await fx.person(app)).id}` }),
  },
  'PATCH /api/people/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'PATCH',
      url: `/api/people/${await selfId(app, caller)}`,
      payload: { bio: 'Edited in the authz matrix' },
    }),
    notOwner: {
      request: async ({ app }) => ({
        method: 'PATCH',
        url: `/api/people/${(await fx.person(app)).id}`,
        payload: { bio: 'Not mine to edit' },
      }),
      status: { member: 403, manager: 403, admin: 200 },
    },
  },
  'GET /api/people/:id/chain': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/people/${(await fx.person(app)).id}/chain` }),
  },
  'GET /api/people/:id/photo': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/people/${(await fx.personWithPhoto(app)).id}/photo` }),
  },
  'GET /api/org/children': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/org/children' }) },
  'GET /api/admin/people': { allowed: ADMINS, status: 200, request: async () => ({ method: 'GET', url: '/api/admin/people?limit=5' }) },
  // Bulk invitations and the setup checklist (issue 10: 5, 6)
  'POST /api/admin/invitations/bulk': {
    allowed: ADMINS,
    status: 202,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/admin/invitations/bulk',
      payload: { personIds: [(await fx.person(app, { password_hash: null })).id] },
    }),
  },
  'GET /api/admin/invitations/bulk/:id': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/admin/invitations/bulk/${await dx.invitationBatch(app)}` }),
  },
  'GET /api/admin/setup-checklist': {
    allowed: ADMINS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/admin/setup-checklist' }),
  },
  'POST /api/admin/setup-checklist/dismiss': {
    allowed: ADMINS,
    // The matrix's organisation has not finished setting up (no roster import): an admin may not dismiss yet.
    status: 409,
    request: async () => ({ method: 'POST', url: '/api/admin/setup-checklist/dismiss' }),
  },
  'PATCH /api/admin/people/:id/roles': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({
      method: 'PATCH',
      url: `/api/admin/people/${(await fx.person(app)).id}/roles`,
      payload: { managerGranted: true },
    }),
  },

  // The viewer's own data, and the admin side of erasure
  'GET /api/me/export': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/me/export' }) },
  'POST /api/me/erasure': {
    allowed: MEMBERS,
    status: 201,
    request: async () => ({ method: 'POST', url: '/api/me/erasure', payload: { reason: 'moving on' } }),
  },
  'PUT /api/me/photo': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'PUT', url: '/api/me/photo', headers: { 'content-type': 'image/png' }, payload: TINY_PNG }),
  },
  'DELETE /api/me/photo': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'DELETE', url: '/api/me/photo' }) },
  'GET /api/admin/erasures': { allowed: ADMINS, status: 200, request: async () => ({ method: 'GET', url: '/api/admin/erasures' }) },
  'POST /api/admin/erasures/:id/confirm': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({ method: 'POST', url: `/api/admin/erasures/${await fx.erasureRequest(app)}/confirm` }),
  },
  'POST /api/admin/erasures/:id/reject': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({ method: 'POST', url: `/api/admin/erasures/${await fx.erasureRequest(app)}/reject` }),
  },

  // Jobs: only the creator (and admins) may see a job; to anyone else it does not exist.
  'GET /api/jobs/:id': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({ method: 'GET', url: `/api/jobs/${await fx.job(app, await selfId(app, caller))}` }),
    notOwner: {
      request: async ({ app }) => ({ method: 'GET', url: `/api/jobs/${await fx.job(app, (await fx.person(app)).id)}` }),
      status: { member: 404, manager: 404, admin: 200 },
    },
  },
}

/** Every /api route but the docs, by "METHOD /url" as Fastify registers it. New routes need a row here. */
export const AUTHZ_TABLE: Record<string, AuthzEntry> = {
  ...PLATFORM_AND_PEOPLE_ROUTES,
  ...COMMUNITY_ROUTES,
  ...KNOWLEDGE_ROUTES,
  ...QA_ROUTES,
  ...NOTIFICATION_ROUTES,
  ...IMPORT_ROUTES,
  ...COLLAB_IMPORT_ROUTES,
  ...INSIGHTS_ROUTES,
  ...INSIGHTS_MAP_ROUTES,
  ...ASK_ROUTES,
  ...CONNECTION_ROUTES,
  ...LEARNING_ROUTES,
  ...QUIZ_ROUTES,
}
