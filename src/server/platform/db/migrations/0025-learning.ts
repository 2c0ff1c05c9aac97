import type { Kysely } from 'kysely'

// Frozen in time. Blended learning's catalogue: a learning module (for now a SCORM package; its files live in
// storage under `scorm/<module id>/`), its launchable items in order, and each learner's SCORM tracking data
// per item, which the player stores and resumes.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_module')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('community_id', 'text')
    .addColumn('scorm_version', 'text')
    .addColumn('schema_version', 'text')
    .addColumn('identifier', 'text')
    .addColumn('launch', 'text')
    .addColumn('file_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('learning_module_community_idx').on('learning_module').columns(['community_id', 'created_at']).execute()

  await db.schema
    .createTable('learning_item')
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('href', 'text', (c) => c.notNull())
    .addColumn('sco', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_item_pk', ['module_id', 'position'])
    .execute()

  await db.schema
    .createTable('scorm_attempt')
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('suspend_data', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cmi', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addPrimaryKeyConstraint('scorm_attempt_pk', ['module_id', 'position', 'person_id'])
    .execute()
  await db.schema.createIndex('scorm_attempt_person_idx').on('scorm_attempt').columns(['person_id', 'updated_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scorm_attempt').ifExists().execute()
  await db.schema.dropTable('learning_item').ifExists().execute()
  await db.schema.dropTable('learning_module').ifExists().execute()
}
