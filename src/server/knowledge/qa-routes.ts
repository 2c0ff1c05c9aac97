import { PostIdParams } from '../../shared/knowledge.js'
import { FlagBody, MyFlagList, ReviewDecision, ReviewQueue, VoteBody, VoteResult } from '../../shared/qa.js'
import { ErrorBody, Ok } from '../../shared/schemas.js'
import { requireViewer, SESSION_COOKIE } from '../platform/auth/access.js'
import { cookieFromRawHeaders } from '../platform/auth/cookies.js'
import type { App } from '../platform/fastify-types.js'
import { decideReview, flagPost, getReviewQueue, listMyFlags } from './flags.js'
import { votePost } from './votes.js'

/** Votes on questions and answers, flags on posts, and the stewards' review queue. */
export function qaRoutes(app: App): void {
  const tags = ['knowledge']
  const config = { access: 'member' as const }
  // Writes a person can repeat quickly are limited per session (per address without one), in the database,
  // so every app node counts the same requests.
  const rateLimit = {
    max: app.config.writeRateLimit,
    timeWindow: '1 minute',
    keyGenerator: (req: { raw: { rawHeaders: string[] }; ip: string }) =>
      cookieFromRawHeaders(req.raw.rawHeaders, SESSION_COOKIE) ?? req.ip,
  }
  const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody }

  app.post(
    '/api/posts/:id/vote',
    {
      config: { ...config, rateLimit },
      schema: {
        tags,
        summary: 'Vote a question or answer up (1) or down (-1), or take your vote back (0)',
        params: PostIdParams,
        body: VoteBody,
        response: { 200: VoteResult, ...errors },
      },
    },
    // The schema bounds the value to -1..1, an integer: exactly the three votes.
    async (req) => votePost(app.db, requireViewer(req), req.params.id, req.body.value as -1 | 0 | 1, app.bus),
  )

  app.post(
    '/api/posts/:id/flags',
    {
      config: { ...config, rateLimit },
      schema: {
        tags,
        summary: 'Flag a post for the stewards to review (spam, rude, off-topic, other)',
        params: PostIdParams,
        body: FlagBody,
        response: { 201: Ok, ...errors },
      },
    },
    async (req, reply) => {
      await flagPost(app.db, requireViewer(req), req.params.id, req.body)
      return reply.status(201).send({ ok: true })
    },
  )

  app.get(
    '/api/flags/mine',
    { config, schema: { tags, summary: 'Your flags and what was decided', response: { 200: MyFlagList } } },
    async (req) => listMyFlags(app.db, requireViewer(req)),
  )

  app.get(
    '/api/review',
    {
      config,
      schema: { tags, summary: 'Flagged posts you may review (communities you steward; all for admins)', response: { 200: ReviewQueue } },
    },
    async (req) => getReviewQueue(app.db, requireViewer(req)),
  )

  app.post(
    '/api/review/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Decide a flagged post: keep, hide or delete it',
        params: PostIdParams,
        body: ReviewDecision,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await decideReview(app.db, requireViewer(req), req.params.id, req.body)
      return { ok: true as const }
    },
  )
}
