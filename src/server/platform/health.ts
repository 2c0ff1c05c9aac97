import { Type } from '@sinclair/typebox'
import type { App } from './fastify-types.js'

/** `GET /api/health`: 200 when the database answers, 503 when it does not. */
export function healthRoutes(app: App, ping: () => Promise<boolean>): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database reachability',
        response: { 200: Type.Object({ status: Type.Literal('ok') }), 503: Type.Object({ status: Type.Literal('unavailable') }) },
      },
    },
    async (_req, reply) => ((await ping()) ? { status: 'ok' as const } : reply.status(503).send({ status: 'unavailable' as const })),
  )
}
