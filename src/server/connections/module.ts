import { defineModule } from '../platform/module.js'
import { runDraft, tick } from './lifecycle.js'
import { MAIL_JOB, notifyMatches, sendInvite, sendMail, type MailPayload } from './notices.js'
import { connectionsPersonalData } from './personal-data.js'
import { connectionRoutes } from './routes.js'
import { DRAFT_JOB, INVITE_JOB, NOTIFY_JOB, TICK_JOB, type ConnectionsDeps } from './service.js'

/** Mentoring, peer coaching circles, lunch rounds and broker introductions. */
export const connectionsModule = defineModule<ConnectionsDeps>({
  name: 'connections',
  setup: (app) => ({ db: app.db, jobs: app.jobs, bus: app.bus, clock: app.clock, mailer: app.mailer, config: app.config, log: app.log }),
  routes: connectionRoutes,
  jobs: (_app, deps) => ({
    [DRAFT_JOB]: (payload, ctx) => runDraft(deps, payload as { programmeId: string; scheduled?: boolean }, ctx),
    [NOTIFY_JOB]: (payload, ctx) => notifyMatches(deps, payload as { roundId?: string; matchId?: string }, ctx),
    [MAIL_JOB]: (payload) => sendMail(deps, payload as MailPayload),
    [INVITE_JOB]: (payload) => sendInvite(deps, payload as { meetingId: string; sequence: number }),
    [TICK_JOB]: (_payload, ctx) => tick(deps, ctx),
  }),
  // Rounds due by cadence, the end of programmes, reminders and expiry of proposals, and check-backs.
  schedules: [{ name: TICK_JOB, kind: TICK_JOB, everyMs: 10 * 60_000 }],
  personalData: connectionsPersonalData,
})
