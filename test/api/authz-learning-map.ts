import type { FastifyInstance, InjectOptions } from 'fastify'
import type { PersonRow } from '../../src/server/people/store.js'
import { newId } from '../../src/server/platform/time.js'
import type { Visibility } from '../../src/shared/communities.js'
import { MEMBERS, type AuthzEntry } from './authz-types.js'
import * as dx from './fixtures-domains.js'
import type { Caller, Role } from './support.js'

// Learning maps: anyone signed in who may read the community views its map and sets their own goal on it; its
// stewards (and admins) edit it. A closed or secret community's map does not exist for outsiders (404).

/** A map of two nodes ("b" builds on "a") in a new community stewarded by `steward` (a new person when null). */
async function map(
  app: FastifyInstance,
  steward: PersonRow | null,
  visibility: Visibility = 'open',
): Promise<{ slug: string; a: string; b: string; quiz: string }> {
  const c = await dx.community(app, visibility, steward)
  const now = new Date().toISOString()
  const [a, b, quiz] = [newId(), newId(), newId()]
  const node = (id: string, title: string) => ({
    id,
    community_id: c.id,
    title,
    description: '',
    tags: JSON.stringify([title]),
    created_by: null,
    created_at: now,
    updated_at: now,
  })
  await app.db
    .insertInto('learning_map_node')
    .values([node(a, 'basics'), node(b, 'advanced')])
    .execute()
  await app.db.insertInto('learning_map_edge').values({ prerequisite_id: a, node_id: b, community_id: c.id, created_at: now }).execute()
  await app.db
    .insertInto('quiz')
    .values({
      id: quiz,
      title: 'Map quiz',
      description: '',
      community_id: c.id,
      points_enabled: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  await app.db
    .insertInto('learning_map_resource')
    .values({ node_id: a, kind: 'quiz', ref_id: quiz, community_id: c.id, created_at: now })
    .execute()
  return { slug: c.slug, a, b, quiz }
}

type Target = Awaited<ReturnType<typeof map>>
const base = (m: Target) => `/api/learning/maps/${m.slug}`
const EDITS_STATUS = (ok: number): Partial<Record<Role, number>> => ({ member: 403, manager: 403, admin: ok })

/** A steward-only route: allowed callers steward the map; someone else's map is 403 to them (admins may). */
function stewardRoute(status: number, build: (m: Target) => Omit<InjectOptions, 'url'> & { url: string }): AuthzEntry {
  return {
    allowed: MEMBERS,
    status,
    request: async ({ app }, caller: Caller) => build(await map(app, caller.person ?? null)),
    notOwner: { request: async ({ app }) => build(await map(app, null)), status: EDITS_STATUS(status) },
  }
}

/** A reader's route: any open map; a closed community's is 404 to non-members, admins included. */
function readerRoute(status: number, build: (m: Target) => Omit<InjectOptions, 'url'> & { url: string }): AuthzEntry {
  return {
    allowed: MEMBERS,
    status,
    request: async ({ app }) => build(await map(app, null)),
    notOwner: { request: async ({ app }) => build(await map(app, null, 'closed')), status: { member: 404, manager: 404, admin: 404 } },
  }
}

export const MAP_ROUTES: Record<string, AuthzEntry> = {
  'GET /api/learning/maps/:slug': readerRoute(200, (m) => ({ method: 'GET', url: base(m) })),
  'PUT /api/learning/maps/:slug/goal': readerRoute(204, (m) => ({ method: 'PUT', url: `${base(m)}/goal`, payload: { nodeId: m.b } })),
  'POST /api/learning/maps/:slug/nodes': stewardRoute(201, (m) => ({
    method: 'POST',
    url: `${base(m)}/nodes`,
    payload: { title: 'Expert' },
  })),
  'POST /api/learning/maps/:slug/seed': stewardRoute(200, (m) => ({ method: 'POST', url: `${base(m)}/seed` })),
  'PATCH /api/learning/maps/:slug/nodes/:nodeId': stewardRoute(204, (m) => ({
    method: 'PATCH',
    url: `${base(m)}/nodes/${m.a}`,
    payload: { title: 'Fundamentals' },
  })),
  'DELETE /api/learning/maps/:slug/nodes/:nodeId': stewardRoute(204, (m) => ({ method: 'DELETE', url: `${base(m)}/nodes/${m.b}` })),
  'POST /api/learning/maps/:slug/nodes/:nodeId/prerequisites': stewardRoute(204, (m) => ({
    method: 'POST',
    url: `${base(m)}/nodes/${m.b}/prerequisites`,
    payload: { prerequisiteId: m.a },
  })),
  'DELETE /api/learning/maps/:slug/nodes/:nodeId/prerequisites/:prerequisiteId': stewardRoute(204, (m) => ({
    method: 'DELETE',
    url: `${base(m)}/nodes/${m.b}/prerequisites/${m.a}`,
  })),
  'GET /api/learning/maps/:slug/attachable': stewardRoute(200, (m) => ({ method: 'GET', url: `${base(m)}/attachable` })),
  'POST /api/learning/maps/:slug/nodes/:nodeId/resources': stewardRoute(204, (m) => ({
    method: 'POST',
    url: `${base(m)}/nodes/${m.b}/resources`,
    payload: { kind: 'quiz', id: m.quiz },
  })),
  'DELETE /api/learning/maps/:slug/nodes/:nodeId/resources/:kind/:refId': stewardRoute(204, (m) => ({
    method: 'DELETE',
    url: `${base(m)}/nodes/${m.a}/resources/quiz/${m.quiz}`,
  })),
}
