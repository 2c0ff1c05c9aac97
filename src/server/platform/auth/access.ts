import crypto from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { ForbiddenError, UnauthorizedError } from '../errors.js'
import { cookieFromRawHeaders } from './cookies.js'
import { addRouteOnRequest } from '../route-registry.js'
import { hashSecret, nowIso } from '../time.js'
import { findLiveSession } from './store.js'
import type { ViewerCache } from './viewer-cache.js'
import { allows, type Access, type Viewer, type ViewerPersonLoader } from './viewer.js'

export const SESSION_COOKIE = 'ws_session'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    viewer: Viewer | null
    sessionId: string | null
  }
}

/**
 * Resolves the viewer from the session cookie, then enforces the route's declared access and CSRF, in a hook of
 * each route that declares `config.access`. A route without it under /api fails at start-up, so no route can
 * forget to say who may call it. Register it before anything else that adds route hooks (rate limits): the
 * access check runs first, as it did as a global hook.
 * Validated sessions are kept in `cache` (see viewer-cache.ts for how it stays right). Who a session's person
 * is comes from `loadPerson`, which the people domain gives when the app is built.
 */
export function registerAccessControl(app: FastifyInstance, cache: ViewerCache, loadPerson: ViewerPersonLoader): void {
  app.decorateRequest('viewer', null)
  app.decorateRequest('sessionId', null)

  app.addHook('onRoute', (route) => {
    const url = route.url ?? ''
    const access = route.config?.access
    if (url.startsWith('/api/') && !url.startsWith('/api/docs')) {
      if (!access) throw new Error(`route ${String(route.method)} ${url} does not declare config.access`)
      if (!route.schema) throw new Error(`route ${String(route.method)} ${url} has no schema`)
    }
    // The route's own hook, made for its access level once: a global hook would read `req.routeOptions` on
    // every request, a getter that builds a new object each time. Routes that declare no access (the web app,
    // its assets, the API docs) get none.
    if (access) addRouteOnRequest(route, accessHook(app, cache, loadPerson, access))
  })
}

/**
 * The onRequest hook of a route with `access`: a callback hook, not an async one, so that on a cached session
 * it finishes synchronously, without the promise hops Fastify adds around an async hook.
 */
function accessHook(app: FastifyInstance, cache: ViewerCache, loadPerson: ViewerPersonLoader, access: Access): onRequestHookHandler {
  return (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    // Read from the raw header lines (cookies.ts): only routes under access control read the cookie.
    const token = cookieFromRawHeaders(req.raw.rawHeaders, SESSION_COOKIE)
    if (!token) return done(check(req, access))
    // Keyed by the token itself, as the browser sends it: a hit skips hashing it (SHA-256 was ~5% of a short
    // request). The database only ever sees and stores the hash.
    const cached = cache.get(token, Date.now())
    if (cached) return done(check(req, access, cached.sessionId, cached.viewer))
    const sessionId = hashSecret(token)
    loadViewer(app, cache, loadPerson, token, sessionId).then(
      (viewer) => done(check(req, access, sessionId, viewer)),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
    )
  }
}

/** Sets the viewer on the request and checks CSRF and the route's access; returns the error to reply with. */
function check(req: FastifyRequest, access: Access, sessionId?: string, viewer?: Viewer): Error | undefined {
  if (viewer && sessionId) {
    req.sessionId = sessionId
    req.viewer = viewer
  }
  if (req.viewer && !SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER]
    if (typeof sent !== 'string' || !safeEqual(sent, req.viewer.csrfToken)) {
      return new ForbiddenError('csrf_failed', `missing or wrong ${CSRF_HEADER} header`)
    }
  }
  if (!allows(access, req.viewer)) {
    if (!req.viewer) return new UnauthorizedError()
    return new ForbiddenError('forbidden', `this needs the ${access} role`)
  }
  return undefined
}

async function loadViewer(
  app: FastifyInstance,
  cache: ViewerCache,
  loadPerson: ViewerPersonLoader,
  token: string,
  sessionId: string,
): Promise<Viewer | undefined> {
  const generation = cache.generation
  const session = await findLiveSession(app.db, sessionId, nowIso())
  if (!session) return undefined
  const person = await loadPerson(app.db, session.person_id)
  if (!person) return undefined
  const viewer: Viewer = { ...person, csrfToken: session.csrf_token }
  return cache.setViewer(token, sessionId, viewer, session.expires_at, generation, Date.now())
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/** The viewer of a route whose access is not public; throws if absent (a programming error otherwise). */
export function requireViewer(req: FastifyRequest): Viewer {
  if (!req.viewer) throw new UnauthorizedError()
  return req.viewer
}
