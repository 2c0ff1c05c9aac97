import type { Kysely } from 'kysely'

// Frozen in time. Branching simulations: a catalogue module of kind 'simulation' holds situations (Markdown,
// an ending has an outcome) and choices between them (feedback, a score change, an optional condition on the
// score so far). A learner's attempt keeps where they are and the path that led there; every choice taken is
// also logged, so authors can see the paths people took (aggregated).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('simulation')
    .addColumn('module_id', 'text', (c) => c.primaryKey())
    .addColumn('start_key', 'text', (c) => c.notNull())
    .addColumn('show_score', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('simulation_situation')
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('ending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('allow_back', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('x', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('y', 'real', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('simulation_situation_pk', ['module_id', 'key'])
    .execute()

  await db.schema
    .createTable('simulation_choice')
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('from_key', 'text', (c) => c.notNull())
    .addColumn('to_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_score', 'integer')
    .addColumn('max_score', 'integer')
    .addPrimaryKeyConstraint('simulation_choice_pk', ['module_id', 'key'])
    .execute()

  await db.schema
    .createTable('simulation_attempt')
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('situation_key', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    // The choices that led here, in order, as a JSON array of choice keys (going back pops the last one).
    .addColumn('path', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('simulation_attempt_pk', ['module_id', 'person_id'])
    .execute()
  await db.schema.createIndex('simulation_attempt_person_idx').on('simulation_attempt').columns(['person_id']).execute()

  await db.schema
    .createTable('simulation_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('choice_key', 'text', (c) => c.notNull())
    .addColumn('score_after', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('simulation_step_module_idx').on('simulation_step').columns(['module_id', 'choice_key']).execute()
  await db.schema.createIndex('simulation_step_person_idx').on('simulation_step').columns(['person_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('simulation_step').ifExists().execute()
  await db.schema.dropTable('simulation_attempt').ifExists().execute()
  await db.schema.dropTable('simulation_choice').ifExists().execute()
  await db.schema.dropTable('simulation_situation').ifExists().execute()
  await db.schema.dropTable('simulation').ifExists().execute()
}
