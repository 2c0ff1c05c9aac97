import type { Kysely } from 'kysely'

// Frozen in time. Quizzes in the learning catalogue: a question bank per quiz (single and multiple choice,
// ordering, short answer with accepted variants), every answer a learner gives (their progress, and what team
// challenges count), one spaced-retrieval card per learner and question (FSRS state), and challenges that a
// community's steward runs on a quiz for a period.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('quiz')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('community_id', 'text')
    // Points are optional and never the default.
    .addColumn('points_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('quiz_created_idx').on('quiz').columns(['created_at']).execute()

  await db.schema
    .createTable('quiz_question')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quiz_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    // JSON: [{ id, text }] for the choice and ordering kinds; [] for short answers.
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON: the right option ids (in order, for ordering), or the accepted variants of a short answer.
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('quiz_question_quiz_idx').on('quiz_question').columns(['quiz_id', 'position']).execute()

  await db.schema
    .createTable('quiz_answer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quiz_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    // 'quiz': taking the quiz; 'review': a due card brought back by spaced retrieval.
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('quiz_answer_person_idx').on('quiz_answer').columns(['person_id', 'quiz_id', 'answered_at']).execute()
  await db.schema.createIndex('quiz_answer_quiz_idx').on('quiz_answer').columns(['quiz_id', 'answered_at']).execute()

  await db.schema
    .createTable('review_card')
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('quiz_id', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('stability', 'real', (c) => c.notNull())
    .addColumn('difficulty', 'real', (c) => c.notNull())
    .addColumn('elapsed_days', 'integer', (c) => c.notNull())
    .addColumn('scheduled_days', 'integer', (c) => c.notNull())
    .addColumn('learning_steps', 'integer', (c) => c.notNull())
    .addColumn('reps', 'integer', (c) => c.notNull())
    .addColumn('lapses', 'integer', (c) => c.notNull())
    .addColumn('state', 'integer', (c) => c.notNull())
    .addColumn('last_review', 'text')
    .addPrimaryKeyConstraint('review_card_pk', ['question_id', 'person_id'])
    .execute()
  await db.schema.createIndex('review_card_due_idx').on('review_card').columns(['person_id', 'due']).execute()

  await db.schema
    .createTable('quiz_challenge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quiz_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('quiz_challenge_quiz_idx').on('quiz_challenge').columns(['quiz_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['quiz_challenge', 'review_card', 'quiz_answer', 'quiz_question', 'quiz'])
    await db.schema.dropTable(t).ifExists().execute()
}
