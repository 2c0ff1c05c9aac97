import { defineModule } from '../platform/module.js'
import { qaImportRoutes } from './se-routes.js'
import { QA_IMPORT_JOB, qaImportHandler } from './se-service.js'

/** Imports of other systems' data: Stack Exchange / Stack Overflow for Teams dumps. */
export const importsModule = defineModule({
  name: 'imports',
  routes: qaImportRoutes,
  jobs: (app) => ({ [QA_IMPORT_JOB]: qaImportHandler(app.db, app.storage) }),
})
