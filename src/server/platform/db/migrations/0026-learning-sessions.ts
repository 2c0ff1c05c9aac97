import type { Kysely } from 'kysely'

// Frozen in time. Instructor-led sessions: when and where, a facilitator, a capacity; enrolments with a
// waitlist kept in order of arrival, attendance and feedback.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('community_id', 'text')
    .addColumn('facilitator_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('learning_session_starts_idx').on('learning_session').columns(['starts_at']).execute()

  await db.schema
    .createTable('session_enrolment')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Order of arrival within the session (decided under the session's lock): the waitlist's order.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer')
    .addColumn('rating', 'integer')
    .addColumn('feedback', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_enrolment_pk', ['session_id', 'person_id'])
    .execute()
  await db.schema.createIndex('session_enrolment_person_idx').on('session_enrolment').columns(['person_id']).execute()
  await db.schema.createIndex('session_enrolment_queue_idx').on('session_enrolment').columns(['session_id', 'status', 'seq']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_enrolment').ifExists().execute()
  await db.schema.dropTable('learning_session').ifExists().execute()
}
