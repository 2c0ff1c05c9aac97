import { CatalogueList } from '../../shared/catalogue.js'
import { SlugParams } from '../../shared/communities.js'
import { ErrorBody } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { communityLearning } from './catalogue.js'

/** The catalogue as a community's page shows it (members of closed communities only). */
export function catalogueRoutes(app: App): void {
  app.get(
    '/api/learning/communities/:slug',
    {
      config: { access: 'member' },
      schema: {
        tags: ['learning'],
        summary: 'A community’s learning: upcoming sessions soonest first, then its lessons, modules and quizzes',
        params: SlugParams,
        response: { 200: CatalogueList, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => communityLearning(app.db, app.clock, requireViewer(req), req.params.slug),
  )
}
