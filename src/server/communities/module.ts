import { defineModule } from '../platform/module.js'
import { communitiesPersonalData } from './personal-data.js'
import { communityRoutes } from './routes.js'

/** Communities, memberships, roles and trajectories. */
export const communitiesModule = defineModule({
  name: 'communities',
  routes: communityRoutes,
  personalData: communitiesPersonalData,
})
