import { asksPersonalData } from './asks/personal-data.js'
import { communitiesPersonalData } from './communities/personal-data.js'
import { interactionsPersonalData, knowledgePersonalData } from './knowledge/personal-data.js'
import { notificationsPersonalData } from './notifications/personal-data.js'
import type { PersonalDataPart } from './platform/personal-data.js'

/** Every domain's personal data beyond the profile, in export order (see platform/personal-data.ts). */
export const PERSONAL_DATA_PARTS: readonly PersonalDataPart[] = [
  communitiesPersonalData,
  knowledgePersonalData,
  interactionsPersonalData,
  asksPersonalData,
  notificationsPersonalData,
]
