import { sql, type Kysely } from 'kysely'

// Frozen in time. Issue 10, defect 5: after a roster import everyone showed "active" though no one had a
// password or had ever logged in. A person now records when they last signed in (once per sign-in, never per
// request) and when they were last invited; a bulk invitation is a job whose recipients are rows here, each
// claimed before its mail goes out, so a job that is interrupted and runs again mails no one twice.
// Existing installations get what can be known: the newest invitation token, and the newest live session.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('person').addColumn('last_login_at', 'text').execute()
  await db.schema.alterTable('person').addColumn('invited_at', 'text').execute()
  await sql`update person set invited_at = (select max(t.created_at) from token t where t.person_id = person.id and t.kind = 'invite')`.execute(
    db,
  )
  await sql`update person set last_login_at = (select max(s.created_at) from session s where s.person_id = person.id)`.execute(db)
  await db.schema.createIndex('token_person_idx').on('token').columns(['person_id', 'kind']).execute()

  await db.schema
    .createTable('invitation_send')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    // 'pending' → 'sending' (claimed, committed before the mail goes out) → 'sent' | 'failed' | 'skipped'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('invitation_send_pk', ['batch_id', 'person_id'])
    .execute()
  await db.schema.createIndex('invitation_send_batch_idx').on('invitation_send').columns(['batch_id', 'status', 'position']).execute()
  await db.schema.createIndex('invitation_send_person_idx').on('invitation_send').column('person_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invitation_send').execute()
  await db.schema.dropIndex('token_person_idx').execute()
  await db.schema.alterTable('person').dropColumn('invited_at').execute()
  await db.schema.alterTable('person').dropColumn('last_login_at').execute()
}
