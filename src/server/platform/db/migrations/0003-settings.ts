import type { Kysely } from 'kysely'

// Frozen in time. A small key/value table for installation-wide settings that every app node must share
// (for example the secret that signs unsubscribe links), and an index for unread notification counts.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('notification_unread_idx').on('notification').columns(['person_id', 'read_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notification_unread_idx').ifExists().execute()
  await db.schema.dropTable('setting').ifExists().execute()
}
