import { expect } from 'vitest'
import { ADMINS, ALL, MEMBERS, type AuthzEntry } from './authz-types.js'
import * as fx from './fixtures.js'
import * as dx from './fixtures-domains.js'

// Notifications (each person's own; someone else's do not exist), and the admin imports (roster, Q&A dumps).

export const NOTIFICATION_ROUTES: Record<string, AuthzEntry> = {
  'GET /api/notifications': { allowed: MEMBERS, status: 200, request: async () => ({ method: 'GET', url: '/api/notifications' }) },
  'POST /api/notifications/:id/read': {
    allowed: MEMBERS,
    status: 200,
    request: async ({ app }, caller) => ({
      method: 'POST',
      url: `/api/notifications/${await dx.notification(app, caller.person ?? (await fx.person(app)))}/read`,
    }),
    notOwner: {
      request: async ({ app }) => ({ method: 'POST', url: `/api/notifications/${await dx.notification(app, await fx.person(app))}/read` }),
      status: { member: 404, manager: 404, admin: 404 },
    },
  },
  'POST /api/notifications/read-all': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'POST', url: '/api/notifications/read-all' }),
  },
  'GET /api/notifications/stream': {
    allowed: MEMBERS,
    status: 200,
    // An event stream never ends by itself: it is opened over a real socket and judged by its first bytes.
    live: true,
    request: async () => ({ method: 'GET', url: '/api/notifications/stream' }),
    check: (res) => {
      expect(String(res.headers['content-type'])).toMatch(/^text\/event-stream/)
      expect(res.body).toContain('event: ready')
    },
  },
  'GET /api/notifications/preferences': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/notifications/preferences' }),
  },
  'PUT /api/notifications/preferences': {
    allowed: MEMBERS,
    status: 200,
    request: async () => ({ method: 'PUT', url: '/api/notifications/preferences', payload: { emailKinds: ['mention'], digest: 'daily' } }),
  },
  // A signed link in a mail: whoever holds it may use it, logged in or not.
  'GET /api/notifications/unsubscribe': {
    allowed: ALL,
    status: 200,
    request: async ({ app }) => ({
      method: 'GET',
      url: `/api/notifications/unsubscribe?token=${encodeURIComponent(await dx.unsubscribeToken(app))}`,
    }),
  },
}

export const IMPORT_ROUTES: Record<string, AuthzEntry> = {
  'GET /api/admin/roster/template': {
    allowed: ADMINS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/admin/roster/template' }),
  },
  'POST /api/admin/roster/imports': {
    allowed: ADMINS,
    status: 202,
    request: async () => ({
      method: 'POST',
      url: '/api/admin/roster/imports',
      payload: { filename: 'roster.csv', csv: dx.ROSTER_TEMPLATE, mode: 'preview' },
    }),
  },
  'GET /api/admin/roster/imports': {
    allowed: ADMINS,
    status: 200,
    request: async () => ({ method: 'GET', url: '/api/admin/roster/imports' }),
  },
  'GET /api/admin/roster/imports/:id': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/admin/roster/imports/${await dx.rosterImport(app)}` }),
  },

  'POST /api/admin/imports/qa/files': {
    allowed: ADMINS,
    status: 201,
    request: async () => ({
      method: 'POST',
      url: '/api/admin/imports/qa/files',
      headers: { 'content-type': 'application/xml', 'x-filename': 'Posts.xml' },
      payload: '<?xml version="1.0"?><posts></posts>',
    }),
  },
  'POST /api/admin/imports/qa': {
    allowed: ADMINS,
    status: 202,
    request: async ({ app }) => ({
      method: 'POST',
      url: '/api/admin/imports/qa',
      payload: { uploadId: await dx.qaUpload(app), files: ['Posts.xml'], communitySlug: (await dx.community(app)).slug },
    }),
  },
  'GET /api/admin/imports/qa': { allowed: ADMINS, status: 200, request: async () => ({ method: 'GET', url: '/api/admin/imports/qa' }) },
  'GET /api/admin/imports/qa/:id': {
    allowed: ADMINS,
    status: 200,
    request: async ({ app }) => ({ method: 'GET', url: `/api/admin/imports/qa/${await dx.qaImport(app)}` }),
  },
}
