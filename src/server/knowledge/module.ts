import { defineModule } from '../platform/module.js'
import { mediaRoutes } from './media-routes.js'
import { knowledgePersonalData } from './personal-data.js'
import { markdownPreviewRoutes } from './preview-routes.js'
import { knowledgeRoutes } from './routes.js'
import { searchRoutes } from './search-routes.js'

/** Posts of every kind, media, thanks, practice adoption and search. */
export const knowledgeModule = defineModule({
  name: 'knowledge',
  routes(app) {
    knowledgeRoutes(app)
    searchRoutes(app)
    mediaRoutes(app)
    markdownPreviewRoutes(app)
  },
  personalData: knowledgePersonalData,
})
