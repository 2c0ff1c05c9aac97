import { defineModule } from '../platform/module.js'
import { DISCOVERY_JOB, discoveryHandler } from './discovery-job.js'
import { discoveryRoutes } from './discovery-routes.js'
import { mapRoutes } from './map-routes.js'
import { interactionsPersonalData } from './personal-data.js'

/** The interaction log (who helped whom) and community discovery over it. */
export const insightsModule = defineModule({
  name: 'insights',
  routes: (app) => {
    discoveryRoutes(app)
    mapRoutes(app)
  },
  jobs: (app) => ({ [DISCOVERY_JOB]: discoveryHandler(app.db) }),
  // Weekly, so that the trends of discovered communities have points to draw.
  schedules: [{ name: 'insights-discovery-weekly', kind: DISCOVERY_JOB, everyMs: 7 * 86_400_000, priority: 9 }],
  personalData: interactionsPersonalData,
})
