import { defineModule } from '../platform/module.js'
import { collabImportRoutes } from './collab-routes.js'
import { COLLAB_IMPORT_JOB, collabImportHandler } from './collab-service.js'
import { collabPersonalData } from './personal-data.js'
import { qaImportRoutes } from './se-routes.js'
import { QA_IMPORT_JOB, qaImportHandler } from './se-service.js'

/** Imports of other systems' data: Stack Exchange / Stack Overflow for Teams dumps, Slack exports, CSV logs. */
export const importsModule = defineModule({
  name: 'imports',
  routes(app) {
    qaImportRoutes(app)
    collabImportRoutes(app)
  },
  jobs: (app) => ({ [QA_IMPORT_JOB]: qaImportHandler(app.db, app.storage), [COLLAB_IMPORT_JOB]: collabImportHandler(app.db, app.storage) }),
  personalData: collabPersonalData,
})
