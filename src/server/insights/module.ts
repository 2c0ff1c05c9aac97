import { interactionsPersonalData } from './personal-data.js'
import { defineModule } from '../platform/module.js'

/** The interaction log (who helped whom), read by insights; community discovery and reports come next. */
export const insightsModule = defineModule({
  name: 'insights',
  personalData: interactionsPersonalData,
})
