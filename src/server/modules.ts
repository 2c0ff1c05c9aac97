import { asksModule } from './asks/module.js'
import { communitiesModule } from './communities/module.js'
import { connectionsModule } from './connections/module.js'
import { importsModule } from './imports/module.js'
import { insightsModule } from './insights/module.js'
import { knowledgeModule } from './knowledge/module.js'
import { learningModule } from './learning/module.js'
import { notificationsModule } from './notifications/module.js'
import { onboardingModule } from './onboarding/module.js'
import { peopleModule } from './people/module.js'
import type { DomainModule } from './platform/module.js'

/**
 * Every domain, listed once. `buildApp` registers each one's event subscriptions, job handlers, schedules and
 * routes from here; a person's data export walks their personal-data parts in this order.
 */
export const MODULES: readonly DomainModule[] = [
  peopleModule,
  communitiesModule,
  knowledgeModule,
  insightsModule,
  asksModule,
  notificationsModule,
  importsModule,
  connectionsModule,
  learningModule,
  onboardingModule,
]
