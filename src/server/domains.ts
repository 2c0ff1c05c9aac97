import { communityRoutes } from './communities/routes.js'
import { knowledgeRoutes } from './knowledge/routes.js'
import type { App } from './platform/fastify-types.js'

/**
 * The product domains built on the foundation (communities, knowledge, ...). app.ts registers the platform
 * and people; each later domain adds its routes here.
 */
export function registerDomainRoutes(app: App): void {
  communityRoutes(app)
  knowledgeRoutes(app)
}
