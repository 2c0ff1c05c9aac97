import { sql, type Kysely } from 'kysely'

// Frozen in time. Imports of collaboration metadata (issue 12): Slack workspace exports, email metadata and
// generic CSV logs become interaction rows. Each row of those sources carries a key naming its source event
// (`ref`), unique per source, so that a re-run, or two imports racing, can never write an event twice. The
// index is partial: the log's own rows (source 'wellspring') share refs such as `post:12` by design.
// `collab_import` records each import job; `collab_identity` maps an outside account (a Slack member, an
// email address) to the placeholder made for it and, once an admin says who it is, to the real person.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index interaction_import_event_uq on interaction (source, ref) where source in ('slack', 'email', 'csv')`.execute(
    db,
  )

  await db.schema
    .createTable('collab_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('upload_key', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text')
    .addColumn('report', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('collab_import_created_idx').on('collab_import').column('created_at').execute()

  await db.schema
    .createTable('collab_identity')
    .addColumn('claim_key', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('placeholder_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('linked_by', 'text')
    .addColumn('linked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('collab_identity_placeholder_idx').on('collab_identity').column('placeholder_id').execute()
  await db.schema.createIndex('collab_identity_person_idx').on('collab_identity').column('person_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('collab_identity').execute()
  await db.schema.dropTable('collab_import').execute()
  await sql`drop index interaction_import_event_uq`.execute(db)
}
