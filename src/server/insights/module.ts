import type { ConnectionsDeps } from '../connections/service.js'
import { defineModule } from '../platform/module.js'
import { DISCOVERY_JOB, discoveryHandler } from './discovery-job.js'
import { discoveryRoutes } from './discovery-routes.js'
import { manageRoutes } from './manage-routes.js'
import { mapRoutes } from './map-routes.js'
import { interactionsPersonalData } from './personal-data.js'

/** The interaction log (who helped whom) and community discovery over it. */
export const insightsModule = defineModule<ConnectionsDeps>({
  name: 'insights',
  // What connections' front door needs for one-click introductions from the manager's view.
  setup: (app) => ({ db: app.db, jobs: app.jobs, clock: app.clock, mailer: app.mailer, config: app.config, log: app.log, bus: app.bus }),
  routes: (app, deps) => {
    discoveryRoutes(app)
    mapRoutes(app)
    manageRoutes(app, deps)
  },
  jobs: (app) => ({ [DISCOVERY_JOB]: discoveryHandler(app.db) }),
  // Weekly, so that the trends of discovered communities have points to draw.
  schedules: [{ name: 'insights-discovery-weekly', kind: DISCOVERY_JOB, everyMs: 7 * 86_400_000, priority: 9 }],
  personalData: interactionsPersonalData,
})
