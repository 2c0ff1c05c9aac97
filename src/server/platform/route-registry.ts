import type { FastifyInstance, FastifySchema, onRequestHookHandler, RouteOptions } from 'fastify'
import type { Access } from './auth/viewer.js'

/** One registered route, as the authorization and OpenAPI tests see it. */
export interface RouteInfo {
  method: string
  url: string
  /** The declared `config.access`; undefined for routes outside the API (docs, static files). */
  access: Access | undefined
  /** The route's schema as declared, so tests can check the OpenAPI document against it. */
  schema: FastifySchema | undefined
}

const registries = new WeakMap<FastifyInstance, RouteInfo[]>()

/**
 * Records every route registered on `app` from now on (including those of child plugins, which inherit the
 * hook). Call it before registering routes. The record lets tests prove that every route is covered by the
 * authorization table, so a new route cannot slip in untested.
 */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteInfo[] = []
  registries.set(app, routes)
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const access = route.config?.access
    for (const method of methods)
      routes.push({ method: String(method).toUpperCase(), url: route.url ?? route.path, access, schema: route.schema })
  })
}

/** The routes recorded on `app` by `recordRoutes`, without the HEAD twins Fastify adds for GET routes. */
export function listRoutes(app: FastifyInstance): RouteInfo[] {
  const routes = registries.get(app)
  if (!routes) throw new Error('recordRoutes(app) was not called before the routes were registered')
  return routes.filter((r) => r.method !== 'HEAD')
}

/** Appends `hook` to a route's own onRequest hooks (a new array: Fastify's HEAD twin shares the old one). */
export function addRouteOnRequest(route: RouteOptions, hook: onRequestHookHandler): void {
  const own = route.onRequest
  route.onRequest = own === undefined ? [hook] : [...(Array.isArray(own) ? own : [own]), hook]
}
