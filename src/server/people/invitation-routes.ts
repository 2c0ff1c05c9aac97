import { BulkInviteBody, InvitationBatch } from '../../shared/invitations.js'
import { ErrorBody, IdParams } from '../../shared/schemas.js'
import { requireViewer, SESSION_COOKIE } from '../platform/auth/access.js'
import { cookieFromRawHeaders } from '../platform/auth/cookies.js'
import type { App } from '../platform/fastify-types.js'
import { createInvitationBatch, getInvitationBatch } from './invitations.js'

/** Bulk invitations and resends: a job mails each person picked a fresh link; its progress is polled. */
export function invitationRoutes(app: App): void {
  const tags = ['accounts']
  // Each batch may mail the whole organisation: a few a minute per admin session is plenty, counted in the
  // database so every app node counts the same requests.
  const rateLimit = {
    max: 10,
    timeWindow: '1 minute',
    keyGenerator: (req: { raw: { rawHeaders: string[] }; ip: string }) =>
      cookieFromRawHeaders(req.raw.rawHeaders, SESSION_COOKIE) ?? req.ip,
  }

  app.post(
    '/api/admin/invitations/bulk',
    {
      config: { access: 'admin', rateLimit },
      schema: {
        tags,
        summary: 'Invite (or invite again) the people picked, or everyone never invited, or everyone invited who has not joined',
        body: BulkInviteBody,
        response: { 202: InvitationBatch, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => reply.status(202).send(await createInvitationBatch(app.db, app.jobs, requireViewer(req), req.body)),
  )

  app.get(
    '/api/admin/invitations/bulk/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'A bulk invitation: how many were sent, skipped and failed, and its job progress',
        params: IdParams,
        response: { 200: InvitationBatch, 404: ErrorBody },
      },
    },
    async (req) => getInvitationBatch(app.db, app.jobs, req.params.id),
  )
}
