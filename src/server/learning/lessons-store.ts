import type { Db, Tx } from '../platform/db/dialect.js'
import type { LessonPageTable, LessonProgressTable } from './rows.js'
import { reindexCatalogueItems } from './search-store.js'

/** A lesson's pages in order. */
export function findPages(db: Db, moduleId: string): Promise<LessonPageTable[]> {
  return db.selectFrom('lesson_page').selectAll().where('module_id', '=', moduleId).orderBy('position').execute()
}

/** Replaces a lesson's pages (in the caller's transaction). */
export async function replacePages(tx: Tx, moduleId: string, pages: LessonPageTable[]): Promise<void> {
  await tx.deleteFrom('lesson_page').where('module_id', '=', moduleId).execute()
  if (pages.length > 0) await tx.insertInto('lesson_page').values(pages).execute()
  // Every lesson write ends here, after the module row: the search document reads both.
  await reindexCatalogueItems(tx, [{ kind: 'lesson', id: moduleId }])
}

/** One learner's progress in a lesson, or undefined before they open it. */
export function findProgress(db: Db, moduleId: string, personId: string): Promise<LessonProgressTable | undefined> {
  return db.selectFrom('lesson_progress').selectAll().where('module_id', '=', moduleId).where('person_id', '=', personId).executeTakeFirst()
}

/** Stores a learner's progress, keeping the first start and the first completion. */
export async function upsertProgress(db: Db, row: LessonProgressTable): Promise<void> {
  await db
    .insertInto('lesson_progress')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['module_id', 'person_id']).doUpdateSet((eb) => ({
        done: eb.ref('excluded.done'),
        position: eb.ref('excluded.position'),
        updated_at: eb.ref('excluded.updated_at'),
        completed_at: eb.fn.coalesce('lesson_progress.completed_at', 'excluded.completed_at'),
      })),
    )
    .execute()
}

/** Everyone's progress in a lesson whose pages changed: positions past the new end are dropped. */
export function progressOf(db: Db, moduleId: string): Promise<LessonProgressTable[]> {
  return db.selectFrom('lesson_progress').selectAll().where('module_id', '=', moduleId).execute()
}

/** A person's progress in every lesson, for their export. */
export function progressOfPerson(db: Db, personId: string): Promise<LessonProgressTable[]> {
  return db.selectFrom('lesson_progress').selectAll().where('person_id', '=', personId).orderBy('started_at').execute()
}
