import type { Kysely } from 'kysely'

// Frozen in time. Connections: programmes (mentoring, coaching circles, lunch rounds, broker introductions),
// who joined them with their questionnaire, rounds of matches that the owner previews and approves, each
// match's members and answers, the meetings (with the iCalendar UID and SEQUENCE of their invites) and the
// log that only the match's members read.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programme')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('department', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cadence_days', 'integer', (c) => c.notNull())
    .addColumn('duration_weeks', 'integer', (c) => c.notNull())
    .addColumn('repeat_rounds', 'integer', (c) => c.notNull())
    .addColumn('cross_department', 'real', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_round_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('programme_participant')
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('who_am_i', 'text', (c) => c.notNull())
    .addColumn('want_to_become', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    .addColumn('skills_offered', 'text', (c) => c.notNull())
    .addColumn('skills_wanted', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('programme_participant_pk', ['programme_id', 'person_id'])
    .execute()

  await db.schema
    .createTable('connection_round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('objective', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .execute()
  await db.schema.createIndex('connection_round_number_idx').on('connection_round').columns(['programme_id', 'number']).unique().execute()

  await db.schema
    .createTable('connection_match')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.references('connection_round.id').onDelete('cascade'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('connection_match_round_idx').on('connection_match').columns(['round_id', 'status']).execute()

  await db.schema
    .createTable('connection_member')
    .addColumn('match_id', 'text', (c) => c.notNull().references('connection_match.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('reflection', 'text')
    .addPrimaryKeyConstraint('connection_member_pk', ['match_id', 'person_id'])
    .execute()
  await db.schema.createIndex('connection_member_person_idx').on('connection_member').columns(['person_id']).execute()

  await db.schema
    .createTable('connection_meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('match_id', 'text', (c) => c.notNull().references('connection_match.id').onDelete('cascade'))
    .addColumn('organizer_id', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('held', 'integer')
    .addColumn('checked_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('connection_meeting_match_idx').on('connection_meeting').columns(['match_id']).execute()

  await db.schema
    .createTable('connection_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('match_id', 'text', (c) => c.notNull().references('connection_match.id').onDelete('cascade'))
    .addColumn('author_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('connection_log_match_idx').on('connection_log').columns(['match_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'connection_log',
    'connection_meeting',
    'connection_member',
    'connection_match',
    'connection_round',
    'programme_participant',
    'programme',
  ])
    await db.schema.dropTable(t).execute()
}
