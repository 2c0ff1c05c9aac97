import type { Kysely } from 'kysely'

// Frozen in time. Indexes for the hot read paths, so they read narrow index entries instead of wide rows:
// - person(manager_id, status): "has reports" (every authenticated request) and report counts, without
//   visiting each report's row. It replaces person_manager_idx, its prefix.
// - person(department, status): the directory's department list, by a loose index scan. It replaces
//   person_department_idx, its prefix.
// - person(name, id, status, department, search_text): the directory filters on these columns and pages in
//   name order, so a page stops early and the total is counted from the index alone.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('person_manager_status_idx').on('person').columns(['manager_id', 'status']).execute()
  await db.schema.dropIndex('person_manager_idx').execute()
  await db.schema.createIndex('person_department_status_idx').on('person').columns(['department', 'status']).execute()
  await db.schema.dropIndex('person_department_idx').execute()
  await db.schema.createIndex('person_directory_idx').on('person').columns(['name', 'id', 'status', 'department', 'search_text']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('person_directory_idx').ifExists().execute()
  await db.schema.createIndex('person_department_idx').on('person').column('department').execute()
  await db.schema.dropIndex('person_department_status_idx').ifExists().execute()
  await db.schema.createIndex('person_manager_idx').on('person').column('manager_id').execute()
  await db.schema.dropIndex('person_manager_status_idx').ifExists().execute()
}
