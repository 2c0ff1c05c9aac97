import type { Db, Tx } from '../platform/db/dialect.js'
import type { LearningItemTable, LearningModuleTable, ScormAttemptTable } from './rows.js'
import { reindexCatalogueItems } from './search-store.js'

/** Inserts a module and its items (in one transaction, given by the caller). */
export async function insertModule(tx: Tx, module: LearningModuleTable, items: LearningItemTable[]): Promise<void> {
  await tx.insertInto('learning_module').values(module).execute()
  if (items.length > 0) await tx.insertInto('learning_item').values(items).execute()
  await reindexCatalogueItems(tx, [{ kind: module.kind, id: module.id }])
}

/** A module by id, or undefined. */
export function findModule(db: Db, id: string): Promise<LearningModuleTable | undefined> {
  return db.selectFrom('learning_module').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A module's launchable items in order. */
export function findItems(db: Db, moduleId: string): Promise<LearningItemTable[]> {
  return db.selectFrom('learning_item').selectAll().where('module_id', '=', moduleId).orderBy('position').execute()
}

/** The catalogue, newest first. */
export function listModules(db: Db, limit: number): Promise<LearningModuleTable[]> {
  return db.selectFrom('learning_module').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute()
}

/** One learner's tracking data for one item, or undefined before their first launch. */
export function findAttempt(db: Db, moduleId: string, position: number, personId: string): Promise<ScormAttemptTable | undefined> {
  return db
    .selectFrom('scorm_attempt')
    .selectAll()
    .where('module_id', '=', moduleId)
    .where('position', '=', position)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

/** Stores a learner's tracking data, keeping the first start and the first completion. */
export async function upsertAttempt(db: Db, row: ScormAttemptTable): Promise<void> {
  await db
    .insertInto('scorm_attempt')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['module_id', 'position', 'person_id']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        score: eb.ref('excluded.score'),
        suspend_data: eb.ref('excluded.suspend_data'),
        location: eb.ref('excluded.location'),
        cmi: eb.ref('excluded.cmi'),
        updated_at: eb.ref('excluded.updated_at'),
        completed_at: eb.fn.coalesce('scorm_attempt.completed_at', 'excluded.completed_at'),
      })),
    )
    .execute()
}

/** Everything a person's tracking data holds, for their export. */
export function attemptsOf(db: Db, personId: string): Promise<ScormAttemptTable[]> {
  return db.selectFrom('scorm_attempt').selectAll().where('person_id', '=', personId).orderBy('started_at').execute()
}
