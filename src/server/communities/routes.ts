import {
  AddMemberBody,
  Community,
  CommunityList,
  CommunityQuery,
  CreateCommunity,
  FollowBody,
  JoinBody,
  JoinRequestList,
  JoinResult,
  MemberList,
  MemberParams,
  RecommendationList,
  RequestParams,
  RoleBody,
  SlugParams,
  TrajectoryList,
  UpdateCommunity,
} from '../../shared/communities.js'
import { ErrorBody, IdParams, Ok } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { recommendCommunities } from './recommend.js'
import {
  addMember,
  createCommunity,
  decideRequest,
  getCommunity,
  joinCommunity,
  leaveCommunity,
  listCommunities,
  listJoinRequests,
  listMembers,
  setFollowing,
  setMemberRole,
  updateCommunitySettings,
} from './service.js'
import { listTrajectories } from './trajectories.js'

export function communityRoutes(app: App): void {
  const tags = ['communities']
  const member = { access: 'member' as const }

  app.get(
    '/api/communities',
    { config: member, schema: { tags, summary: 'Communities you may see', querystring: CommunityQuery, response: { 200: CommunityList } } },
    async (req) => ({
      items: await listCommunities(app.db, requireViewer(req), req.query),
    }),
  )

  app.get(
    '/api/communities/recommended',
    {
      config: member,
      schema: { tags, summary: 'Communities recommended from your answers to the three questions', response: { 200: RecommendationList } },
    },
    async (req) => ({ items: await recommendCommunities(app.db, requireViewer(req)) }),
  )

  app.post(
    '/api/communities',
    {
      config: member,
      schema: {
        tags,
        summary: 'Start a community (you become its steward)',
        body: CreateCommunity,
        response: { 201: Community, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createCommunity(app.db, app.dialect, requireViewer(req), req.body)),
  )

  app.get(
    '/api/communities/:slug',
    { config: member, schema: { tags, summary: 'A community', params: SlugParams, response: { 200: Community, 404: ErrorBody } } },
    async (req) => getCommunity(app.db, requireViewer(req), req.params.slug),
  )

  app.patch(
    '/api/communities/:slug',
    {
      config: member,
      schema: {
        tags,
        summary: 'Change a community’s settings and promotion rules (stewards)',
        params: SlugParams,
        body: UpdateCommunity,
        response: { 200: Community, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => updateCommunitySettings(app.db, requireViewer(req), req.params.slug, req.body),
  )

  app.post(
    '/api/communities/:slug/join',
    {
      config: member,
      schema: {
        tags,
        summary: 'Join an open community, or ask to join a closed one',
        params: SlugParams,
        body: JoinBody,
        response: { 200: JoinResult, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => joinCommunity(app.db, requireViewer(req), req.params.slug, req.body.message ?? '', app.bus),
  )

  app.post(
    '/api/communities/:slug/leave',
    { config: member, schema: { tags, summary: 'Leave a community', params: SlugParams, response: { 200: Ok, 409: ErrorBody } } },
    async (req) => {
      await leaveCommunity(app.db, requireViewer(req), req.params.slug)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/communities/:slug/follow',
    {
      config: member,
      schema: {
        tags,
        summary: 'Follow or unfollow a community you belong to',
        params: SlugParams,
        body: FollowBody,
        response: { 200: Ok, 409: ErrorBody },
      },
    },
    async (req) => {
      await setFollowing(app.db, requireViewer(req), req.params.slug, req.body.following)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/communities/:slug/members',
    {
      config: member,
      schema: {
        tags,
        summary: 'Members and their roles',
        params: SlugParams,
        response: { 200: MemberList, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => ({
      items: await listMembers(app.db, requireViewer(req), req.params.slug),
    }),
  )

  app.post(
    '/api/communities/:slug/members',
    {
      config: member,
      schema: {
        tags,
        summary: 'Add a person directly (stewards)',
        params: SlugParams,
        body: AddMemberBody,
        response: { 200: Ok, 403: ErrorBody },
      },
    },
    async (req) => {
      await addMember(app.db, requireViewer(req), req.params.slug, req.body.personId)
      return { ok: true as const }
    },
  )

  app.patch(
    '/api/communities/:slug/members/:personId',
    {
      config: member,
      schema: {
        tags,
        summary: 'Change a member’s role by hand (stewards)',
        params: MemberParams,
        body: RoleBody,
        response: { 200: Ok, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      await setMemberRole(app.db, requireViewer(req), req.params.slug, req.params.personId, req.body.role)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/communities/:slug/requests',
    {
      config: member,
      schema: { tags, summary: 'Pending join requests (stewards)', params: SlugParams, response: { 200: JoinRequestList, 403: ErrorBody } },
    },
    async (req) => ({
      items: await listJoinRequests(app.db, requireViewer(req), req.params.slug),
    }),
  )

  for (const [action, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post(
      `/api/communities/:slug/requests/:id/${action}`,
      {
        config: member,
        schema: {
          tags,
          summary: `${approve ? 'Approve' : 'Reject'} a join request (stewards)`,
          params: RequestParams,
          response: { 200: Ok, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req) => {
        await decideRequest(app.db, requireViewer(req), req.params.slug, req.params.id, approve, app.bus)
        return { ok: true as const }
      },
    )
  }

  app.get(
    '/api/people/:id/trajectories',
    {
      config: member,
      schema: { tags, summary: 'A person’s trajectory in each community you may see', params: IdParams, response: { 200: TrajectoryList } },
    },
    async (req) => ({ items: await listTrajectories(app.db, requireViewer(req), req.params.id) }),
  )
}
