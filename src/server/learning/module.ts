import { defineModule } from '../platform/module.js'
import { learningPersonalData } from './personal-data.js'
import { learningRoutes } from './routes.js'
import { sessionRoutes } from './sessions-routes.js'

/** Blended learning: the catalogue of modules, SCORM packages and their tracking data, instructor-led sessions. */
export const learningModule = defineModule({
  name: 'learning',
  routes(app) {
    learningRoutes(app)
    sessionRoutes(app)
  },
  personalData: learningPersonalData,
})
