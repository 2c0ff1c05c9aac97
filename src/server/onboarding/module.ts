import { defineModule } from '../platform/module.js'
import { onboardingRoutes } from './routes.js'

/** Day-zero guidance: the admin's setup checklist, read from the other domains' lookups. No tables of its own. */
export const onboardingModule = defineModule({
  name: 'onboarding',
  routes: onboardingRoutes,
})
