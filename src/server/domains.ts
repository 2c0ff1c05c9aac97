import { askRoutes } from './asks/routes.js'
import { communityRoutes } from './communities/routes.js'
import { qaImportRoutes, registerQaImportJobs } from './imports/se-routes.js'
import { mediaRoutes } from './knowledge/media-routes.js'
import { combineEvents } from './knowledge/events.js'
import { knowledgeRoutes } from './knowledge/routes.js'
import { markdownPreviewRoutes } from './knowledge/preview-routes.js'
import { searchRoutes } from './knowledge/search-routes.js'
import { notificationRoutes } from './notifications/routes.js'
import type { App } from './platform/fastify-types.js'

/**
 * The product domains built on the foundation (communities, knowledge, ...). app.ts registers the platform
 * and people; each later domain adds its routes here.
 */
export function registerDomainRoutes(app: App): void {
  // Notifications listen to the other domains through their event hooks; those domains do not know them.
  const notifications = notificationRoutes(app)
  communityRoutes(app, notifications.communities)
  const asks = askRoutes(app, { knowledge: notifications.knowledge, routing: notifications.routing })
  knowledgeRoutes(app, combineEvents(notifications.knowledge, asks.knowledge))
  searchRoutes(app)
  mediaRoutes(app)
  qaImportRoutes(app)
  markdownPreviewRoutes(app)
  registerQaImportJobs(app)
}
