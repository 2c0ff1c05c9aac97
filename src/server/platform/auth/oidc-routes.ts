import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App } from '../fastify-types.js'
import { setSettingOnce, ssoSignInKey } from '../settings.js'
import { nowIso } from '../time.js'
import { assertUsableIssuer, beginSso, finishSso, SsoError, type PersonMatcher } from './oidc.js'
import { endSession, startSession } from './sessions.js'

const StartQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) })
// Everything is optional and extra parameters (iss, session_state, scope...) pass: a malformed callback is still
// a browser navigation, so it ends on the login page with an error code rather than in a JSON 400.
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4000 })),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  error: Type.Optional(Type.String({ maxLength: 500 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
})
const Redirect = Type.Null({ description: 'A 302 redirect; see the Location header' })

/**
 * OpenID Connect single sign-on routes; registered only when OIDC is configured. `matchPerson` (from the
 * people domain) finds who a verified email belongs to.
 */
export function oidcRoutes(app: App, matchPerson: PersonMatcher): void {
  const oidc = app.config.oidc
  if (!oidc) return
  assertUsableIssuer(oidc)
  const authLimit = { max: app.config.authRateLimit, timeWindow: '1 minute' }
  const tags = ['accounts']

  app.get(
    '/api/auth/oidc/start',
    {
      config: { access: 'public', rateLimit: authLimit },
      schema: {
        tags,
        summary: `Sign in with ${oidc.name}: redirects to the identity provider`,
        querystring: StartQuery,
        response: { 302: Redirect },
      },
    },
    async (req, reply) => {
      try {
        return reply.redirect(await beginSso(app.db, app.config, req.query.returnTo), 302)
      } catch (err) {
        return refuse(req, reply, err)
      }
    },
  )

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { access: 'public', rateLimit: authLimit },
      schema: {
        tags,
        summary: 'Where the identity provider sends the browser back; starts a session',
        querystring: CallbackQuery,
        response: { 302: Redirect },
      },
    },
    async (req, reply) => {
      try {
        const { personId, returnTo } = await finishSso(app.db, app.config, new URLSearchParams(req.url.split('?')[1] ?? ''), matchPerson)
        // A fresh session, never the one the browser came with (no session fixation across accounts).
        if (req.sessionId) await endSession(app.db, app.config, reply, req.sessionId)
        await startSession(app.db, app.config, reply, personId)
        // The admin's checklist shows SSO as tested once someone has signed in through this provider: written
        // once per provider (a no-op after that), never per sign-in.
        if (app.config.oidc) await setSettingOnce(app.db, ssoSignInKey(app.config.oidc.issuer), nowIso(), nowIso())
        return reply.redirect(returnTo, 302)
      } catch (err) {
        return refuse(req, reply, err)
      }
    },
  )
}

function refuse(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof SsoError) {
    req.log.warn({ code: err.code, reason: err.message, cause: err.cause }, 'single sign-on refused')
    return reply.redirect(`/login?error=${err.code}`, 302)
  }
  req.log.error({ err }, 'single sign-on failed unexpectedly')
  return reply.redirect('/login?error=sso_failed', 302)
}
