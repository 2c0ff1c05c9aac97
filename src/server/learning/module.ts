import { defineModule } from '../platform/module.js'
import { assignmentRoutes } from './assignments-routes.js'
import { catalogueRoutes } from './catalogue-routes.js'
import { lessonRoutes } from './lessons-routes.js'
import { learningMapRoutes } from './map-routes.js'
import { learningPersonalData } from './personal-data.js'
import { quizRoutes } from './quiz-routes.js'
import { learningRoutes } from './routes.js'
import { INVITE_JOB, sendSessionInvite } from './session-invites.js'
import { sessionRoutes } from './sessions-routes.js'
import { simulationRoutes } from './simulation-routes.js'
import { XAPI_JOB, xapiSender } from './xapi.js'

/** Blended learning: the catalogue of modules, SCORM packages and their tracking data, instructor-led sessions, quizzes, branching simulations and xAPI. */
export const learningModule = defineModule({
  name: 'learning',
  routes(app) {
    learningRoutes(app)
    sessionRoutes(app)
    lessonRoutes(app)
    quizRoutes(app)
    assignmentRoutes(app)
    learningMapRoutes(app)

    simulationRoutes(app)

    catalogueRoutes(app)
  },
  jobs: (app) => ({
    [INVITE_JOB]: (payload, ctx) =>
      sendSessionInvite({ db: app.db, mailer: app.mailer, config: app.config }, payload as Parameters<typeof sendSessionInvite>[1], ctx),
    [XAPI_JOB]: xapiSender(app.db, () => app.config.baseUrl),
  }),
  personalData: learningPersonalData,
})
