import { Type } from '@sinclair/typebox'
import {
  ErrorBody,
  InvitationInfo,
  InviteBody,
  LoginBody,
  Ok,
  ResetRequestBody,
  SessionInfo,
  SetupBody,
  TokenParams,
  TokenPasswordBody,
} from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import { endSession, startSession } from '../platform/auth/sessions.js'
import type { App } from '../platform/fastify-types.js'
import {
  acceptInvitation,
  authenticate,
  confirmPasswordReset,
  getInvitation,
  invitePerson,
  isSetupNeeded,
  requestPasswordReset,
  setupFirstAdmin,
} from './accounts.js'

/** First-run setup, login and logout, invitations and password reset. */
export function accountRoutes(app: App): void {
  const authLimit = { max: app.config.authRateLimit, timeWindow: '1 minute' }
  const tags = ['accounts']

  app.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Who is logged in, and whether setup is needed', response: { 200: SessionInfo } },
    },
    async (req) => ({
      setupNeeded: await isSetupNeeded(app.db),
      sso: app.config.oidc ? { name: app.config.oidc.name } : null,
      viewer: req.viewer,
    }),
  )

  app.post(
    '/api/setup',
    {
      config: { access: 'public', rateLimit: authLimit },
      schema: { tags, summary: 'Create the first admin (first run only)', body: SetupBody, response: { 201: Ok, 409: ErrorBody } },
    },
    async (req, reply) => {
      const person = await setupFirstAdmin(app.db, app.dialect, req.body)
      await startSession(app.db, app.config, reply, person.id)
      return reply.status(201).send({ ok: true })
    },
  )

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: authLimit },
      schema: { tags, summary: 'Log in with email and password', body: LoginBody, response: { 200: Ok, 401: ErrorBody } },
    },
    async (req, reply) => {
      const person = await authenticate(app.db, req.body)
      if (req.sessionId) await endSession(app.db, app.config, reply, req.sessionId)
      await startSession(app.db, app.config, reply, person.id)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/auth/logout',
    { config: { access: 'member' }, schema: { tags, summary: 'Log out', response: { 200: Ok } } },
    async (req, reply) => {
      await endSession(app.db, app.config, reply, req.sessionId)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/auth/password-reset/request',
    {
      config: { access: 'public', rateLimit: authLimit },
      schema: { tags, summary: 'Mail a password reset link', body: ResetRequestBody, response: { 202: Ok } },
    },
    async (req, reply) => {
      await requestPasswordReset(app.db, app.config, app.mailer, req.body.email)
      return reply.status(202).send({ ok: true })
    },
  )

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit: authLimit },
      schema: { tags, summary: 'Set a new password from a reset link', body: TokenPasswordBody, response: { 200: Ok, 400: ErrorBody } },
    },
    async (req, reply) => {
      const person = await confirmPasswordReset(app.db, req.body.token, req.body.password)
      await startSession(app.db, app.config, reply, person.id)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/auth/invitations/:token',
    {
      config: { access: 'public', rateLimit: authLimit },
      schema: { tags, summary: 'Who an invitation is for', params: TokenParams, response: { 200: InvitationInfo, 400: ErrorBody } },
    },
    async (req) => getInvitation(app.db, req.params.token),
  )

  app.post(
    '/api/auth/invitations/accept',
    {
      config: { access: 'public', rateLimit: authLimit },
      schema: {
        tags,
        summary: 'Accept an invitation by choosing a password',
        body: TokenPasswordBody,
        response: { 200: Ok, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const person = await acceptInvitation(app.db, req.body.token, req.body.password)
      await startSession(app.db, app.config, reply, person.id)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/admin/invitations',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Invite a person by mail',
        body: InviteBody,
        response: { 201: Type.Object({ personId: Type.String() }), 409: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await invitePerson(app.db, app.config, app.mailer, requireViewer(req), req.body)),
  )
}
