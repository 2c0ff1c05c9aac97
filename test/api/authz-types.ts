import type { FastifyInstance, InjectOptions } from 'fastify'
import type { TestOidcProvider } from '../helpers/oidc-provider.js'
import * as fx from './fixtures.js'
import type { Caller, Role } from './support.js'

/** What a row's request builder may use: the app, and the identity provider it trusts for single sign-on. */
export interface MatrixCtx {
  app: FastifyInstance
  idp: TestOidcProvider
}

/** What the matrix reads from a response, whether it came through inject or over a socket. */
export interface Reply {
  statusCode: number
  headers: Record<string, string | string[] | number | undefined>
  body: string
  cookies: { name: string; value: string }[]
}

/**
 * One row of the authorization matrix: a valid request, who may make it, and what they get.
 * Every /api route (except the docs) must have a row; authz.test.ts fails on a route without one.
 */
export interface AuthzEntry {
  /** Who may call the route. Everyone else gets 401 (anonymous) or 403 (logged in without the role). */
  allowed: readonly Role[]
  /** The status allowed callers get: 2xx, or the expected non-auth status (e.g. 409 for setup once done). */
  status: number
  /** A valid request, as `caller` would make it. Builds its own target rows. */
  request(ctx: MatrixCtx, caller: Caller): Promise<InjectOptions>
  /** More checks on an allowed caller's response, where the status alone does not show success (redirects). */
  check?(res: Reply, ctx: MatrixCtx): void
  /** A response that never ends (an event stream): sent over a real socket and judged by status and headers. */
  live?: boolean
  /** For owner-scoped routes: the same request aimed at something the caller does not own. */
  notOwner?: {
    request(ctx: MatrixCtx, caller: Caller): Promise<InjectOptions>
    /** The status each allowed role gets for it (404 where the design hides existence). */
    status: Partial<Record<Role, number>>
  }
}

export const ALL: readonly Role[] = ['anonymous', 'member', 'manager', 'admin']
export const MEMBERS: readonly Role[] = ['member', 'manager', 'admin']
export const ADMINS: readonly Role[] = ['admin']

/** The id of the caller's person, or of a new person for anonymous callers (who are refused anyway). */
export async function selfId(app: FastifyInstance, caller: Caller): Promise<string> {
  return caller.person?.id ?? (await fx.person(app)).id
}
