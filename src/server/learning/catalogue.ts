import type { CatalogueList } from '../../shared/catalogue.js'
import { loadReadableCommunity } from '../communities/service.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso, type Clock } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { communityCatalogue } from './lookup.js'

/**
 * The "Learning" section of a community's page: its upcoming sessions, lessons, modules and quizzes. NotFound
 * for a secret community the viewer is not in, Forbidden for a closed one's content to a non-member.
 */
export async function communityLearning(db: Db, clock: Clock, viewer: Viewer, slug: string): Promise<CatalogueList> {
  const { row } = await loadReadableCommunity(db, viewer, slug)
  return { items: await communityCatalogue(db, row.id, clockIso(clock)) }
}
