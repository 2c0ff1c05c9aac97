import { defineModule } from '../platform/module.js'
import { asksPersonalData } from './personal-data.js'
import { ExpertiseService } from './expertise-service.js'
import { askRoutes } from './routes.js'
import { DEFAULT_ROUTING, rerouteDue, type RoutingDeps } from './routing.js'
import { closeRoutingOnAnswer } from './service.js'

export const REROUTE_JOB = 'asks.reroute'

/** Pull learning: ask, route to people who know, the "For you" inbox, "what I'm known for". */
export const asksModule = defineModule<RoutingDeps>({
  name: 'asks',
  setup: (app) => ({
    db: app.db,
    expertise: new ExpertiseService(app.db, app.caches),
    settings: { ...DEFAULT_ROUTING },
    bus: app.bus,
    clock: app.clock,
  }),
  routes: askRoutes,
  jobs: (_app, deps) => ({ [REROUTE_JOB]: () => rerouteDue(deps) }),
  // Questions whose round timed out go to the next candidates (or, for newcomers, to the stewards).
  schedules: [{ name: REROUTE_JOB, kind: REROUTE_JOB, everyMs: 60_000 }],
  subscribe(bus) {
    // An answer stops its question's routing, in the answer's own transaction.
    bus.onWrite('knowledge.reply_created', closeRoutingOnAnswer)
  },
  personalData: asksPersonalData,
})
