import { defineModule } from '../platform/module.js'
import { learningPersonalData } from './personal-data.js'
import { learningRoutes } from './routes.js'

/** Blended learning: the catalogue of modules, SCORM packages and their tracking data. */
export const learningModule = defineModule({
  name: 'learning',
  routes: learningRoutes,
  personalData: learningPersonalData,
})
