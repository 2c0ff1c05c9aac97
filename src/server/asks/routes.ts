import {
  AskBody,
  AskResult,
  AskSuggestions,
  Availability,
  CommunityRouting,
  CommunityRoutingView,
  DeclineBody,
  HiddenTopics,
  Inbox,
  KnownFor,
  OfferParams,
  ResolveBody,
  SnoozeBody,
  SuggestQuery,
} from '../../shared/asks.js'
import { SlugParams } from '../../shared/communities.js'
import { ErrorBody, IdParams, Ok } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { getCommunityRouting, setCommunityRouting } from './community-routing.js'
import { suggestForAsk } from './suggest.js'
import type { RoutingDeps } from './routing.js'
import {
  ask,
  declineOffer,
  getAvailability,
  getHiddenTopics,
  getInbox,
  knownFor,
  resolveWithExisting,
  setAvailability,
  setHiddenTopics,
  snoozeOffer,
} from './service.js'

/**
 * Pull learning: the ask flow, routing to people, the "For you" inbox, availability, hidden topics and
 * "what I'm known for".
 */
export function askRoutes(app: App, deps: RoutingDeps): void {
  const tags = ['asks']
  const config = { access: 'member' as const }
  const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

  app.get(
    '/api/asks/suggest',
    {
      config,
      schema: {
        tags,
        summary: 'Existing answers and similar questions for what you are typing',
        querystring: SuggestQuery,
        response: { 200: AskSuggestions },
      },
    },
    async (req) => suggestForAsk({ db: app.db, dialect: app.dialect, expertise: deps.expertise }, requireViewer(req), req.query.q),
  )

  app.post(
    '/api/asks/resolve',
    {
      config,
      schema: {
        tags,
        summary: '"This answered it": an existing post answered my question',
        body: ResolveBody,
        response: { 201: Ok, ...errors },
      },
    },
    async (req, reply) => {
      await resolveWithExisting(app.db, requireViewer(req), req.body.query, req.body.postId)
      return reply.status(201).send({ ok: true })
    },
  )

  app.post(
    '/api/asks',
    {
      config,
      schema: {
        tags,
        summary: 'Ask a question: post it and route it to people who know',
        body: AskBody,
        response: { 201: AskResult, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await ask(deps, requireViewer(req), req.body)),
  )

  app.get(
    '/api/asks/inbox',
    { config, schema: { tags, summary: 'Questions offered to you ("For you")', response: { 200: Inbox } } },
    async (req) => getInbox(app.db, requireViewer(req)),
  )

  app.post(
    '/api/asks/offers/:id/decline',
    {
      config,
      schema: { tags, summary: 'Decline an offered question', params: OfferParams, body: DeclineBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await declineOffer(deps, requireViewer(req), req.params.id, req.body.reason)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/asks/offers/:id/snooze',
    {
      config,
      schema: { tags, summary: 'Snooze an offered question', params: OfferParams, body: SnoozeBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await snoozeOffer(app.db, requireViewer(req), req.params.id, req.body.hours)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me/availability',
    { config, schema: { tags, summary: 'Your routing availability', response: { 200: Availability } } },
    async (req) => getAvailability(app.db, requireViewer(req)),
  )
  app.put(
    '/api/me/availability',
    {
      config,
      schema: {
        tags,
        summary: 'Set how many questions a week, away periods, or opt out',
        body: Availability,
        response: { 200: Availability, 400: ErrorBody },
      },
    },
    async (req) => setAvailability(app.db, requireViewer(req), req.body),
  )

  app.get(
    '/api/me/hidden-topics',
    { config, schema: { tags, summary: 'Topics you do not want to be asked about', response: { 200: HiddenTopics } } },
    async (req) => ({
      tags: await getHiddenTopics(app.db, requireViewer(req)),
    }),
  )
  app.put(
    '/api/me/hidden-topics',
    {
      config,
      schema: { tags, summary: 'Hide topics from routing and from your profile', body: HiddenTopics, response: { 200: HiddenTopics } },
    },
    async (req) => ({
      tags: await setHiddenTopics(deps, requireViewer(req), req.body.tags),
    }),
  )

  app.get(
    '/api/people/:id/known-for',
    {
      config,
      schema: {
        tags,
        summary: 'What a person is known for, with the answers that show it',
        params: IdParams,
        response: { 200: KnownFor, 404: ErrorBody },
      },
    },
    async (req) => knownFor(deps, requireViewer(req), req.params.id),
  )

  app.get(
    '/api/communities/:slug/routing',
    {
      config,
      schema: {
        tags,
        summary: "How the community's questions are routed (whether a round may hold an explore slot)",
        params: SlugParams,
        response: { 200: CommunityRoutingView, 404: ErrorBody },
      },
    },
    async (req) => getCommunityRouting(deps, requireViewer(req), req.params.slug),
  )
  app.put(
    '/api/communities/:slug/routing',
    {
      config,
      schema: {
        tags,
        summary: 'Stewards and admins: turn the explore slot on, off, or back to the default',
        params: SlugParams,
        body: CommunityRouting,
        response: { 200: CommunityRoutingView, ...errors },
      },
    },
    async (req) => setCommunityRouting(deps, requireViewer(req), req.params.slug, req.body),
  )
}
