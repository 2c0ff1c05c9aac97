import { Type } from '@sinclair/typebox'
import {
  AdminPeoplePage,
  DirectoryPage,
  AdminPeopleQuery,
  DirectoryQuery,
  ErrorBody,
  Id,
  IdParams,
  Ok,
  OrgNodeList,
  Person,
  PersonSummary,
  ProfileUpdate,
  RoleUpdate,
} from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { sendSerializedJson } from '../platform/json-reply.js'
import { cachedDirectoryJson, getDirectoryJson } from './directory.js'
import {
  cachedPersonJson,
  getManagementChain,
  getPersonForRoute,
  listOrgChildren,
  listPeopleForAdmin,
  updateProfile,
  updateRoles,
} from './service.js'

/** Profiles, the directory, the org chart and role management. */
export function peopleRoutes(app: App): void {
  const tags = ['people']

  app.get(
    '/api/people',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Search the people directory', querystring: DirectoryQuery, response: { 200: DirectoryPage } },
    },
    // A page cached for this query is sent at once, as the JSON the route's serializer made (directory.ts).
    (req, reply) => {
      const hit = cachedDirectoryJson(app.db, req.query)
      if (hit) return sendSerializedJson(reply, hit)
      return getDirectoryJson(app.db, app.dialect, req.query, (page) => reply.serializeInput(page, '200') as string).then((json) =>
        sendSerializedJson(reply, json),
      )
    },
  )

  app.get(
    '/api/people/:id',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'A person profile', params: IdParams, response: { 200: Person, 404: ErrorBody } },
    },
    // Another member's view is sent as the JSON the route's serializer made once and the profile cache keeps. A
    // cached one is sent at once, as the feed's is; only a miss goes through the promises of getPersonForRoute.
    // Arrows inline, not in consts: tsx names each const arrow with a defineProperty call, per request.
    (req, reply) => {
      const viewer = requireViewer(req)
      const hit = cachedPersonJson(app.db, viewer, req.params.id)
      if (hit) return sendSerializedJson(reply, hit)
      return getPersonForRoute(app.db, viewer, req.params.id, (p) => reply.serializeInput(p, '200') as string).then((person) =>
        Buffer.isBuffer(person) ? sendSerializedJson(reply, person) : person,
      )
    },
  )

  app.patch(
    '/api/people/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Edit a profile (your own; admins any)',
        params: IdParams,
        body: ProfileUpdate,
        response: { 200: Person, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => updateProfile(app.db, requireViewer(req), req.params.id, req.body),
  )

  app.get(
    '/api/people/:id/chain',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'The management chain above a person',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(PersonSummary) }) },
      },
    },
    async (req) => ({ items: await getManagementChain(app.db, req.params.id) }),
  )

  app.get(
    '/api/org/children',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Direct reports of a manager, or the top of the org chart',
        querystring: Type.Object({ managerId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: OrgNodeList },
      },
    },
    async (req) => ({ items: await listOrgChildren(app.db, req.query.managerId ?? null) }),
  )

  app.get(
    '/api/admin/people',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Everyone with an account, with account details; or, with placeholders=true, the authors imports brought in',
        querystring: AdminPeopleQuery,
        response: { 200: AdminPeoplePage },
      },
    },
    async (req) => listPeopleForAdmin(app.db, app.dialect, req.query),
  )

  app.patch(
    '/api/admin/people/:id/roles',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Grant or remove admin and manager roles',
        params: IdParams,
        body: RoleUpdate,
        response: { 200: Ok, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      await updateRoles(app.db, requireViewer(req), req.params.id, req.body)
      return { ok: true as const }
    },
  )
}
