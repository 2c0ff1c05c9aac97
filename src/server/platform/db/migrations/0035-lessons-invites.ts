import type { Kysely } from 'kysely'

// Frozen in time. Sessions get the SEQUENCE of their calendar invite (raised on every change people should
// see in their calendars). Markdown lessons: a module of kind 'lesson' holds pages of Markdown, kept with
// their HTML as rendered when written; each learner's progress (pages done, where they left off).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('learning_session')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('lesson_page')
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_page_pk', ['module_id', 'position'])
    .execute()

  await db.schema
    .createTable('lesson_progress')
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    // Positions of the pages read, as a JSON array; the page to reopen.
    .addColumn('done', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addPrimaryKeyConstraint('lesson_progress_pk', ['module_id', 'person_id'])
    .execute()
  await db.schema.createIndex('lesson_progress_person_idx').on('lesson_progress').columns(['person_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lesson_progress').ifExists().execute()
  await db.schema.dropTable('lesson_page').ifExists().execute()
  await db.schema.alterTable('learning_session').dropColumn('sequence').execute()
}
