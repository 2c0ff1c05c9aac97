import { clockIso } from '../platform/clock.js'
import { JOB_PRIORITY } from '../platform/jobs/worker.js'
import { defineModule } from '../platform/module.js'
import { cleanupOrphanMedia, ORPHAN_AGE_MS } from './media-service.js'
import { mediaRoutes } from './media-routes.js'
import { knowledgePersonalData } from './personal-data.js'
import { markdownPreviewRoutes } from './preview-routes.js'
import { qaRoutes } from './qa-routes.js'
import { knowledgeRoutes } from './routes.js'
import { searchRoutes } from './search-routes.js'
import { rebuildSearchVocabulary } from './search-vocabulary.js'

export const MEDIA_CLEANUP_JOB = 'media.cleanup-orphans'
export const SEARCH_VOCABULARY_JOB = 'search.vocabulary'

/** Posts of every kind, media, thanks, practice adoption and search. */
export const knowledgeModule = defineModule({
  name: 'knowledge',
  routes(app) {
    knowledgeRoutes(app)
    searchRoutes(app)
    mediaRoutes(app)
    markdownPreviewRoutes(app)
    qaRoutes(app)
  },
  jobs: (app) => ({
    [MEDIA_CLEANUP_JOB]: async (_payload, ctx) => ({
      deleted: await cleanupOrphanMedia(app.db, app.storage, clockIso(ctx.clock, -ORPHAN_AGE_MS)),
    }),
    [SEARCH_VOCABULARY_JOB]: async () => rebuildSearchVocabulary(app.db),
  }),
  // Uploads never attached to a post are removed after a day.
  // "Did you mean" learns new words within ten minutes (search-vocabulary.ts).
  schedules: [
    { name: MEDIA_CLEANUP_JOB, kind: MEDIA_CLEANUP_JOB, everyMs: 6 * 3600_000, priority: JOB_PRIORITY.bulk },
    { name: SEARCH_VOCABULARY_JOB, kind: SEARCH_VOCABULARY_JOB, everyMs: 10 * 60_000, priority: JOB_PRIORITY.bulk, firstRunNow: true },
  ],
  personalData: knowledgePersonalData,
})
