import type { Kysely } from 'kysely'

// Frozen in time. Pull learning: each person's routing availability and hidden topics, the routing state of
// asked questions, the offers made to people (with declines, which teach the router), and "this answered it"
// resolutions from the ask flow (which feed duplicate detection).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('availability')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('person.id').onDelete('cascade'))
    .addColumn('max_per_week', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('away_from', 'text')
    .addColumn('away_until', 'text')
    .addColumn('opted_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('hidden_topic')
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hidden_topic_pk', ['person_id', 'tag'])
    .execute()

  await db.schema
    .createTable('question_route')
    .addColumn('question_id', 'bigint', (c) => c.primaryKey())
    .addColumn('asker_id', 'text')
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_check_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('question_route_due_idx').on('question_route').columns(['status', 'next_check_at']).execute()

  await db.schema
    .createTable('route_offer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'bigint', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addColumn('snoozed_until', 'text')
    .execute()
  await db.schema.createIndex('route_offer_person_idx').on('route_offer').columns(['person_id', 'offered_at']).execute()
  await db.schema.createIndex('route_offer_question_idx').on('route_offer').columns(['question_id', 'person_id']).unique().execute()

  await db.schema
    .createTable('ask_resolution')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asker_id', 'text', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('post_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('ask_resolution_post_idx').on('ask_resolution').column('post_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ask_resolution', 'route_offer', 'question_route', 'hidden_topic', 'availability'])
    await db.schema.dropTable(t).ifExists().execute()
}
