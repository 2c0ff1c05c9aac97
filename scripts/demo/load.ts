import { blankPerson } from '../../src/server/people/accounts.js'
import { insertPeople } from '../../src/server/people/roster-store.js'
import type { PersonRow } from '../../src/server/people/store.js'
import type { Db, DialectName } from '../../src/server/platform/db/dialect.js'
import type { Storage } from '../../src/server/platform/storage.js'
import { setSettingOnce } from '../../src/server/platform/settings.js'
import { tagsJson } from '../../src/shared/tags.js'
import { DEMO_ADMIN_EMAIL } from './catalogue.js'
import type { DemoOrg } from './generate.js'
import { DEMO_MARKER_KEY, DemoRefusedError, occupiedTables, readDemoMarker, type DemoMarker } from './guard.js'
import { insertConnections, type ConnectionsLoadResult } from './load-connections.js'
import { insertKnowledge, type KnowledgeLoadResult } from './load-knowledge.js'
import { insertLearningMaps, type LearningMapsLoadResult } from './learning-maps.js'
import { insertLearning, type LearningLoadResult } from './load-learning.js'
import { insertPractice, type PracticeLoadResult } from './load-learning-practice.js'
import type { DemoPerson } from './profiles.js'

export type DemoLoadOutcome =
  | {
      status: 'loaded'
      people: number
      knowledge: KnowledgeLoadResult
      learning: LearningLoadResult
      connections: ConnectionsLoadResult
      maps: LearningMapsLoadResult
      practice: PracticeLoadResult
    }
  /** The demo was loaded before (it may have been used since): nothing was written. */
  | { status: 'already-loaded'; marker: DemoMarker }

function toRow(p: DemoPerson, passwordHash: string, now: string, optedOut: boolean): PersonRow {
  return blankPerson({
    email: p.email,
    name: p.name,
    title: p.title,
    department: p.department,
    location: p.location,
    start_date: p.startDate,
    role: p.role,
    status: 'active',
    password_hash: passwordHash,
    who_am_i: p.whoAmI,
    want_to_become: p.wantToBecome,
    communities_wanted: p.communitiesWanted,
    aspiration_tags: tagsJson(p.aspirationTags),
    skills_offered: tagsJson(p.skillsOffered),
    skills_wanted: tagsJson(p.skillsWanted),
    analytics_opt_out: optedOut ? 1 : 0,
    created_at: now,
    updated_at: now,
  })
}

/** Inserts the demo's people, managers before their reports; returns how many. */
async function insertDemoPeople(tx: Db, org: DemoOrg, passwordHash: string, now: string): Promise<number> {
  const ids = new Map<string, string>()
  const optedOut = new Set(org.optedOut)
  // org.people lists every manager before their reports, so batches only point at rows already written.
  const rows = org.people.map((p) => {
    const row = toRow(p, passwordHash, now, optedOut.has(p.email))
    row.manager_id = p.managerEmail === null ? null : (ids.get(p.managerEmail) ?? null)
    ids.set(p.email, row.id)
    return row
  })
  await insertPeople(tx, rows)
  return rows.length
}

/**
 * Loads the demo organisation (people, then its year of activity) and marks the database as the demo, all in
 * one transaction: it is all there or not at all. Checks before its first write: a database already marked as
 * the demo is left as it is (`already-loaded`), and one that holds anything else (a setup admin, a roster
 * import, a community...) is refused with DemoRefusedError, unchanged. Every demo person gets `passwordHash`.
 * With a `storage`, the demo's own SCORM package is imported into it (its files cannot live in the database).
 */
export async function loadDemoOrganisation(
  db: Db,
  dialect: DialectName,
  org: DemoOrg,
  passwordHash: string,
  loadedAt: string,
  storage?: Storage,
): Promise<DemoLoadOutcome> {
  return db.transaction().execute(async (tx) => {
    const marker = await readDemoMarker(tx)
    if (marker) return { status: 'already-loaded', marker }
    const found = await occupiedTables(tx, dialect)
    if (found.length > 0) throw new DemoRefusedError(found)

    const people = await insertDemoPeople(tx, org, passwordHash, loadedAt)
    const knowledge = await insertKnowledge(tx, org.activity)
    const learning = await insertLearning(tx, org.learning)
    const practice = await insertPractice(tx, org.practice, storage)
    const connections = await insertConnections(tx, org.connections)
    const maps = await insertLearningMaps(tx, loadedAt)
    const mark: DemoMarker = { seed: org.seed, today: org.today, loaded_at: loadedAt, admin: DEMO_ADMIN_EMAIL }
    await setSettingOnce(tx, DEMO_MARKER_KEY, JSON.stringify(mark), loadedAt)
    return { status: 'loaded', people, knowledge, learning, connections, maps, practice }
  })
}
