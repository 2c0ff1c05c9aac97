import { Type } from '@sinclair/typebox'
import { SlugParams } from '../../shared/communities.js'
import {
  AcceptBody,
  AdoptBody,
  CommunityHome,
  CreatePost,
  CreateReply,
  FeedQuery,
  LearnedFromPage,
  PersonThanksBody,
  Post,
  PostIdParams,
  PostList,
  RevisionList,
  Thread,
  ThanksBody,
  UpdatePost,
} from '../../shared/knowledge.js'
import { ErrorBody, IdParams, Ok } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { sendSerializedJson } from '../platform/json-reply.js'
import { getCommunityHome } from './home.js'
import { closedCommunityOfPost } from './reads.js'
import { cachedThreadJson, getThreadJson } from './thread-reads.js'
import { adoptPractice, getLearnedFromPage, thankForPost, thankPerson } from './reactions.js'
import { acceptAnswer, cachedFeedJson, createPost, createReply, deletePost, editPost, getFeedJson, listRevisions } from './service.js'

const MovedPermanently = Type.Null({ description: 'A permanent redirect; see the Location header' })

/** Posts of every kind, threads, feeds, thanks, "learned from", adoptions and learned-from pages. */
export function knowledgeRoutes(app: App): void {
  const tags = ['knowledge']
  const config = { access: 'member' as const }
  const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

  app.post(
    '/api/communities/:slug/posts',
    {
      config,
      schema: {
        tags,
        summary: 'Post a question, story, practice or lesson',
        params: SlugParams,
        body: CreatePost,
        response: { 201: Post, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createPost(app.db, requireViewer(req), req.params.slug, req.body, app.bus)),
  )

  app.get(
    '/api/communities/:slug/feed',
    {
      config,
      schema: {
        tags,
        summary: 'A community’s posts, most recently active first',
        params: SlugParams,
        querystring: FeedQuery,
        response: { 200: PostList, ...errors },
      },
    },
    // Sent as the JSON the route's own serializer made, which the feed cache keeps (feed-cache.ts). A cached
    // page is sent at once; only a miss goes through the promises of getFeedJson.
    // No named closures on the hit path: under tsx (npm start) each one costs a defineProperty per request.
    (req, reply) => {
      const viewer = requireViewer(req)
      const hit = cachedFeedJson(app.db, viewer, req.params.slug, req.query)
      if (hit) return sendSerializedJson(reply, hit)
      return getFeedJson(app.db, viewer, req.params.slug, req.query, (list) => reply.serializeInput(list, '200') as string).then((json) =>
        sendSerializedJson(reply, json),
      )
    },
  )

  app.get(
    '/api/communities/:slug/home',
    { config, schema: { tags, summary: 'A community’s home page', params: SlugParams, response: { 200: CommunityHome, ...errors } } },
    async (req) => getCommunityHome(app.db, requireViewer(req), req.params.slug),
  )

  app.get(
    '/api/posts/:id',
    {
      config,
      schema: { tags, summary: 'A post with its thread (answers, comments)', params: PostIdParams, response: { 200: Thread, ...errors } },
    },
    // As the feed: a cached thread for a reader without rights in it is sent at once, as the JSON the route's own
    // serializer made (thread-cache.ts); everything else goes through getThreadJson.
    (req, reply) => {
      const viewer = requireViewer(req)
      const hit = cachedThreadJson(app.db, viewer, req.params.id)
      if (hit) return sendSerializedJson(reply, hit)
      return getThreadJson(app.db, viewer, req.params.id, (thread) => reply.serializeInput(thread, '200') as string).then((found) =>
        Buffer.isBuffer(found) ? sendSerializedJson(reply, found) : found,
      )
    },
  )

  app.get(
    '/api/posts/:id/closed-community',
    {
      config,
      schema: {
        tags,
        summary: 'The closed community a post you cannot read is in, so you can ask to join it (404 for anything else)',
        params: PostIdParams,
        response: { 200: Type.Object({ community: Type.Object({ slug: Type.String(), name: Type.String() }) }), ...errors },
      },
    },
    async (req) => closedCommunityOfPost(app.db, requireViewer(req), req.params.id),
  )

  app.patch(
    '/api/posts/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Edit a post (history is kept)',
        params: PostIdParams,
        body: UpdatePost,
        response: { 200: Post, ...errors },
      },
    },
    async (req) => editPost(app.db, requireViewer(req), req.params.id, req.body),
  )

  app.delete(
    '/api/posts/:id',
    { config, schema: { tags, summary: 'Delete a post (soft)', params: PostIdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await deletePost(app.db, requireViewer(req), req.params.id)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/posts/:id/revisions',
    { config, schema: { tags, summary: 'Earlier versions of a post', params: PostIdParams, response: { 200: RevisionList, ...errors } } },
    async (req) => ({
      items: await listRevisions(app.db, requireViewer(req), req.params.id),
    }),
  )

  for (const kind of ['answer', 'comment'] as const) {
    app.post(
      `/api/posts/:id/${kind}s`,
      {
        config,
        schema: {
          tags,
          summary: kind === 'answer' ? 'Answer a question' : 'Comment on a post',
          params: PostIdParams,
          body: CreateReply,
          response: { 201: Post, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await createReply(app.db, requireViewer(req), req.params.id, kind, req.body, app.bus)),
    )
  }

  app.post(
    '/api/posts/:id/accept',
    {
      config,
      schema: {
        tags,
        summary: 'Accept an answer (or clear with null)',
        params: PostIdParams,
        body: AcceptBody,
        response: { 200: Post, ...errors },
      },
    },
    async (req) => acceptAnswer(app.db, requireViewer(req), req.params.id, req.body.answerId, app.bus),
  )

  app.post(
    '/api/posts/:id/thanks',
    {
      config,
      schema: {
        tags,
        summary: 'Thank, or say "I learned this from you"',
        params: PostIdParams,
        body: ThanksBody,
        response: { 201: Ok, ...errors },
      },
    },
    async (req, reply) => {
      await thankForPost(app.db, requireViewer(req), req.params.id, req.body, app.bus)
      return reply.status(201).send({ ok: true })
    },
  )

  app.post(
    '/api/posts/:id/adoptions',
    {
      config,
      schema: {
        tags,
        summary: 'Record that you (or a community you steward) adopted a practice',
        params: PostIdParams,
        body: AdoptBody,
        response: { 201: Ok, ...errors },
      },
    },
    async (req, reply) => {
      await adoptPractice(app.db, requireViewer(req), req.params.id, req.body.note ?? '', req.body.communitySlug)
      return reply.status(201).send({ ok: true })
    },
  )

  app.post(
    '/api/people/:id/thanks',
    {
      config,
      schema: {
        tags,
        summary: 'Thank a person, or say you learned from them',
        params: IdParams,
        body: PersonThanksBody,
        response: { 201: Ok, ...errors },
      },
    },
    async (req, reply) => {
      await thankPerson(app.db, requireViewer(req), req.params.id, req.body, app.bus)
      return reply.status(201).send({ ok: true })
    },
  )

  app.get(
    '/api/people/:id/learned-from',
    {
      config,
      schema: {
        tags,
        summary: 'What a person learned, from whom, and whom they helped',
        params: IdParams,
        response: { 200: LearnedFromPage, ...errors },
      },
    },
    async (req) => getLearnedFromPage(app.db, requireViewer(req), req.params.id),
  )

  // The page's old address ("learning" now names the learning catalogue), kept for one release so that
  // a web app loaded before the upgrade still finds it. Remove it in the release after.
  app.get(
    '/api/people/:id/learning',
    {
      config,
      schema: {
        tags,
        summary: 'Moved to /api/people/{id}/learned-from (kept for one release)',
        deprecated: true,
        params: IdParams,
        response: { 308: MovedPermanently },
      },
    },
    async (req, reply) => reply.redirect(`/api/people/${encodeURIComponent(req.params.id)}/learned-from`, 308),
  )
}
