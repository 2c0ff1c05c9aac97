import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify'
import { addRouteOnRequest } from './route-registry.js'
import helmet, { type HelmetOptions } from 'helmet'

/**
 * The headers helmet sets for `options`, worked out once. They depend only on the options (no directive here
 * is a function of the request), so every response can share them.
 */
export function securityHeadersFor(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, string>()
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name, Array.isArray(value) ? value.join(', ') : String(value))
    },
    removeHeader(name: string) {
      headers.delete(name)
    },
  }
  // Helmet throws on bad options; older versions passed the error to next instead.
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err instanceof Error) throw err
  })
  return [...headers]
}

/**
 * What a JSON API response needs of those headers: it is never rendered as a page, so the document-only ones
 * (Cross-Origin-Opener-Policy, Origin-Agent-Cluster, X-DNS-Prefetch-Control, X-Download-Options,
 * X-Permitted-Cross-Domain-Policies, X-XSS-Protection) do nothing for it, and its CSP can forbid everything
 * (default-src 'none'; frame-ancestors 'none'), and it is not stored (Cache-Control: no-store), as OWASP's REST
 * security guide advises. HSTS, nosniff, framing, referrer and cross-origin resource policy keep the values of
 * the full set.
 */
export function apiHeadersOf(full: [string, string][]): [string, string][] {
  const keep = new Set([
    'cross-origin-resource-policy',
    'referrer-policy',
    'strict-transport-security',
    'x-content-type-options',
    'x-frame-options',
  ])
  return [
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    // API answers are personal (an export, a session, a feed as its viewer may see it): no browser or shared
    // cache may keep them. A route that may be cached says so itself (photos, media with their ETags).
    ['Cache-Control', 'no-store'],
    ...full.filter(([name]) => keep.has(name.toLowerCase())),
  ]
}

/**
 * True for a request path whose answer is JSON from the API. The docs under /api/docs are pages. A page under
 * /api that forgot to declare `produces: ['text/html']` gets the stricter JSON headers (no scripts, no styles),
 * which fails visibly, not open.
 */
function isApiPath(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs')
}

/**
 * Which headers a route's answers get, decided once when the route is registered: 'api', 'page', or
 * 'by-path' for a route whose pattern can match both API and page paths (the web app's catch-all `/*`), which
 * decides per request from the path asked for.
 */
function headersKindOf(url: string, htmlPage: boolean): 'api' | 'page' | 'by-path' {
  if (htmlPage) return 'page'
  // The part of the pattern before its first parameter or wildcard: every path the route matches starts with it.
  const fixed = url.split(/[:*]/, 1)[0] ?? ''
  if (fixed.length === url.length || fixed.startsWith('/api/')) return isApiPath(url) ? 'api' : 'page'
  return '/api/'.startsWith(fixed) ? 'by-path' : 'page'
}

/**
 * A hook that sets `headers` on every reply. One `reply.header` call a header from arrays made once:
 * `reply.headers(object)` lists the object's keys anew and reads each by a computed name, on every request.
 */
function fixedHeaders(headers: Record<string, string>): onRequestHookHandler {
  const names = Object.keys(headers)
  const values = Object.values(headers)
  return (_req, reply, done) => {
    for (let i = 0; i < names.length; i++) reply.header(names[i] as string, values[i])
    done()
  }
}

/**
 * Sets helmet's security headers on every response: the full set for the web app, its assets and the API docs,
 * and the JSON subset (apiHeadersOf) on the API, about half as many headers on the most frequent responses.
 * @fastify/helmet builds helmet's middleware again on every request (parsing the CSP each time), which cost
 * about a tenth of a profile request; the headers are the same each time, so they are computed once.
 * They go on the reply's own headers, not the raw response: Node then writes every header of the answer in
 * one pass, where a header set on the raw response sends all the others through setHeader one by one too.
 * Fastify keeps reply headers on error replies, and the one route that writes the raw response itself (the
 * event stream) copies them.
 * Which set a route gets is worked out when it is registered, and set by a hook of the route's own: a global
 * hook would ask `req.routeOptions` on every request, a getter that builds a new object each time. Requests
 * that match no route get theirs from the one global hook, which does nothing for the others.
 * Call it before anything that adds route hooks which may reply (access control, rate limits), so the
 * headers are on those replies too.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const lower = (headers: [string, string][]) => Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]))
  const full = securityHeadersFor(options)
  const page = lower(full)
  const api = lower(apiHeadersOf(full))
  const byPath = (req: FastifyRequest) => (isApiPath(req.url) ? api : page)
  app.addHook('onRoute', (route) => {
    // A route whose schema says it produces text/html (the unsubscribe page) gets the page headers.
    const htmlPage = route.schema?.produces?.includes('text/html') === true
    const kind = headersKindOf(route.url ?? route.path, htmlPage)
    addRouteOnRequest(
      route,
      kind === 'by-path'
        ? (req, reply, done) => {
            reply.headers(byPath(req))
            done()
          }
        : fixedHeaders(kind === 'api' ? api : page),
    )
  })
  app.addHook('onRequest', (req, reply, done) => {
    if (req.is404) reply.headers(byPath(req))
    done()
  })
}
