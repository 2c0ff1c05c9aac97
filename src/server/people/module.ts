import { defineModule } from '../platform/module.js'
import { accountRoutes } from './account-routes.js'
import { invitationRoutes } from './invitation-routes.js'
import { INVITATIONS_JOB, runInvitationBatch } from './invitations.js'
import { meRoutes } from './me-routes.js'
import { mentionRoutes } from './mentions.js'
import { rosterRoutes } from './roster-routes.js'
import { peopleRoutes } from './routes.js'
import { ROSTER_JOB, runRosterImport } from './roster-service.js'

/** Accounts, profiles, the directory, roster import, and a person's own data (export and erasure). */
export const peopleModule = defineModule({
  name: 'people',
  routes(app) {
    accountRoutes(app)
    mentionRoutes(app)
    peopleRoutes(app)
    meRoutes(app)
    rosterRoutes(app)
    invitationRoutes(app)
  },
  jobs: (app) => ({
    [ROSTER_JOB]: (payload, ctx) => runRosterImport(app.db, payload, ctx),
    [INVITATIONS_JOB]: (_payload, ctx) => runInvitationBatch(app, ctx),
  }),
})
