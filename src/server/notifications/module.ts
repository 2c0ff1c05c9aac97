import { activeAmong } from '../people/lookup.js'
import { SessionGuard } from '../platform/auth/live-sessions.js'
import { clockIso } from '../platform/clock.js'
import { defineModule } from '../platform/module.js'
import { DIGEST_EVERY_MS, DIGEST_JOB, runDigests } from './digest.js'
import { FANOUT_JOB, runFanout, type FanoutJob } from './fanout.js'
import { subscribeToConnections } from './connections-listeners.js'
import { subscribeToLearning } from './learning-listeners.js'
import { subscribeToCommunities, subscribeToKnowledge, type FanoutPayload } from './listeners.js'
import { sendNotificationMails, type MailDeps } from './mail.js'
import { notificationsPersonalData } from './personal-data.js'
import { notificationRoutes } from './routes.js'
import { subscribeToRouting } from './routing-listeners.js'
import { EMAIL_JOB, Notifier } from './service.js'
import { LIVE_DEFAULTS, LiveHub } from './sse.js'
import { renderNotifications } from './views.js'

/** One app's notification machinery, shared by the module's routes, jobs and subscriptions. */
export interface NotificationsState {
  hub: LiveHub
  notifier: Notifier
  mail: MailDeps
}

/** In-app, live and mail notifications, and digests: they hear of other domains' changes through the event bus. */
export const notificationsModule = defineModule<NotificationsState>({
  name: 'notifications',
  setup(app) {
    // Whether a stream's person may still act is the people domain's to say.
    const sessions = new SessionGuard(app.db, app.caches, activeAmong, 1000, (err) =>
      app.log.warn({ err }, "checking live streams' sessions failed"),
    )
    const hub = new LiveHub(app.db, (rows) => renderNotifications(app.db, rows), app.log, sessions, LIVE_DEFAULTS)
    // Open streams never end on their own: end them first, or closing the server would wait for them forever.
    app.addHook('preClose', async () => hub.close())
    const notifier = new Notifier(app.db, app.jobs, hub, app.log, app.clock)
    return { hub, notifier, mail: { db: app.db, mailer: app.mailer, config: app.config, log: app.log } }
  },
  routes: notificationRoutes,
  jobs: (app, { notifier, mail }) => ({
    [FANOUT_JOB]: (payload, ctx) => runFanout(notifier, payload as FanoutJob | FanoutPayload, ctx),
    [EMAIL_JOB]: (payload) => sendNotificationMails(mail, payload as { ids: string[] }),
    [DIGEST_JOB]: (_payload, ctx) => runDigests(mail, app.jobs, clockIso(ctx.clock)),
  }),
  // Digests are due per person; this only queues the (idempotent) job that finds who is due.
  schedules: [{ name: DIGEST_JOB, kind: DIGEST_JOB, everyMs: DIGEST_EVERY_MS }],
  subscribe(bus, _app, { notifier }) {
    subscribeToKnowledge(bus, notifier)
    subscribeToCommunities(bus, notifier)
    subscribeToLearning(bus, notifier)
    subscribeToConnections(bus, notifier)
    subscribeToRouting(bus, notifier)
  },
  personalData: notificationsPersonalData,
})
