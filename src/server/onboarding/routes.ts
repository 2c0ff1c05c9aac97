import { SetupChecklist } from '../../shared/onboarding.js'
import { ErrorBody } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { dismissSetupChecklist, getSetupChecklist } from './service.js'

/** The admin's day-zero checklist. */
export function onboardingRoutes(app: App): void {
  const tags = ['onboarding']
  app.get(
    '/api/admin/setup-checklist',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'The setup checklist: each step with its state from the data', response: { 200: SetupChecklist } },
    },
    async () => getSetupChecklist(app.db, app.config),
  )
  app.post(
    '/api/admin/setup-checklist/dismiss',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Hide the setup checklist from the home page, once every step it needs is done',
        response: { 200: SetupChecklist, 409: ErrorBody },
      },
    },
    async (req) => dismissSetupChecklist(app.db, app.config, requireViewer(req)),
  )
}
