import type { Kysely } from 'kysely'

// Frozen in time. Assignments (push learning): a manager or learning staff asks a person to take a catalogue
// item, with an optional due date. Kept apart from what people choose to learn (pull): completion is read from
// the item's own tracking data, never stored twice.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_assignment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addColumn('due_at', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // One live assignment of an item per person: assigning it again changes the due date.
  await db.schema
    .createIndex('learning_assignment_item_person_idx')
    .on('learning_assignment')
    .columns(['module_id', 'person_id'])
    .unique()
    .execute()
  await db.schema.createIndex('learning_assignment_person_idx').on('learning_assignment').columns(['person_id']).execute()
  await db.schema.createIndex('learning_assignment_by_idx').on('learning_assignment').columns(['assigned_by']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('learning_assignment').ifExists().execute()
}
