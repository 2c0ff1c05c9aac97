import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import * as m0001 from './migrations/0001-foundation.js'
import * as m0002 from './migrations/0002-knowledge.js'
import * as m0003 from './migrations/0003-settings.js'
import * as m0004 from './migrations/0004-asks.js'
import * as m0005 from './migrations/0005-directory-indexes.js'
import * as m0006 from './migrations/0006-knowledge-reads.js'
import * as m0007 from './migrations/0007-post-search.js'
import * as m0008 from './migrations/0008-viewer-notify.js'
import * as m0009 from './migrations/0009-rate-limit.js'
import * as m0010 from './migrations/0010-post-search-grouped.js'
import * as m0011 from './migrations/0011-content-notify.js'
import * as m0012 from './migrations/0012-pg-search-markup.js'
import * as m0013 from './migrations/0013-job-schedules.js'
import * as m0014 from './migrations/0014-tags-and-learned-from.js'
import * as m0015 from './migrations/0015-concurrent-writes.js'
import * as m0016 from './migrations/0016-table-notify.js'
import * as m0017 from './migrations/0017-reads-at-scale.js'
import * as m0019 from './migrations/0019-routing-trust.js'
import * as m0021 from './migrations/0021-imported-closed.js'
import * as m0022 from './migrations/0022-votes-flags.js'
import * as m0023 from './migrations/0023-community-discovery.js'
import * as m0024 from './migrations/0024-connections.js'
import * as m0025 from './migrations/0025-learning.js'
import * as m0026 from './migrations/0026-learning-sessions.js'
import * as m0027 from './migrations/0027-onboarding.js'
import * as m0028 from './migrations/0028-connections-lifecycle.js'
import * as m0029 from './migrations/0029-vote-notify.js'
import * as m0031 from './migrations/0031-network-map.js'
import * as m0033 from './migrations/0033-collab-imports.js'
import * as m0034 from './migrations/0034-quizzes.js'
import * as m0035 from './migrations/0035-lessons-invites.js'
import * as m0036 from './migrations/0036-learning-assignments.js'
import * as m0037 from './migrations/0037-simulations.js'
import * as m0038 from './migrations/0038-learning-maps.js'
import * as m0039 from './migrations/0039-learning-search.js'
import * as m0040 from './migrations/0040-discovery-resolution.js'
import * as m0041 from './migrations/0041-discovery-edges.js'

/** Every migration, in order. A new migration is a new file added here; released ones never change. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-knowledge': m0002,
  '0003-settings': m0003,
  '0004-asks': m0004,
  '0005-directory-indexes': m0005,
  '0006-knowledge-reads': m0006,
  '0007-post-search': m0007,
  '0008-viewer-notify': m0008,
  '0009-rate-limit': m0009,
  '0010-post-search-grouped': m0010,
  '0011-content-notify': m0011,
  '0012-pg-search-markup': m0012,
  '0013-job-schedules': m0013,
  '0014-tags-and-learned-from': m0014,
  '0015-concurrent-writes': m0015,
  '0016-table-notify': m0016,
  '0017-reads-at-scale': m0017,
  '0019-routing-trust': m0019,
  '0021-imported-closed': m0021,
  '0022-votes-flags': m0022,
  '0023-community-discovery': m0023,
  '0024-connections': m0024,
  '0025-learning': m0025,
  '0026-learning-sessions': m0026,
  '0027-onboarding': m0027,
  '0028-connections-lifecycle': m0028,
  '0029-vote-notify': m0029,
  '0031-network-map': m0031,
  '0033-collab-imports': m0033,
  '0034-quizzes': m0034,
  '0035-lessons-invites': m0035,
  '0036-learning-assignments': m0036,
  '0037-simulations': m0037,
  '0038-learning-maps': m0038,
  '0039-learning-search': m0039,
  '0040-discovery-resolution': m0040,
  '0041-discovery-edges': m0041,
}

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) }

/** The names of every migration, in order. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS)

/** Brings the schema up to `name` (included), as a release that ended there would leave it; for tests of a migration. */
export async function migrateTo<DB>(db: Kysely<DB>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name)
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`)
}

/** Brings the schema up to date; throws if any migration fails. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  // Branches merge in any order, so a database may have run a later migration before an earlier one landed:
  // each migration touches only its own tables, and the missing ones run now instead of refusing to start.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true })
  const { error } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`)
}
