import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../../../../../test/helpers/app.js'
import { migrateTo, migrateToLatest, MIGRATION_NAMES } from '../migrate.js'

const BEFORE = MIGRATION_NAMES[MIGRATION_NAMES.indexOf('0039-learning-search') - 1] as string
const AT = '2026-01-05T09:00:00.000Z'

/** A catalogue as the releases before 0039 left it: a lesson of a community, a quiz, a session and a cancelled one. */
async function writeOldRows(db: Kysely<any>): Promise<void> {
  const module = { scorm_version: null, schema_version: null, identifier: null, launch: null, file_count: 1, bytes: 0, created_by: null }
  await db
    .insertInto('learning_module')
    .values({
      id: 'm1',
      kind: 'lesson',
      title: 'Harbour approach',
      description: '',
      community_id: 'c1',
      ...module,
      created_at: AT,
      updated_at: AT,
    })
    .execute()
  await db
    .insertInto('lesson_page')
    .values({ module_id: 'm1', position: 0, title: 'Slow early', body: 'Gusts at the breakwater.', html: '' })
    .execute()
  await db
    .insertInto('quiz')
    .values({
      id: 'q1',
      title: 'Pilotage check',
      description: 'Two minutes.',
      community_id: null,
      points_enabled: 0,
      created_by: null,
      created_at: AT,
      updated_at: AT,
    })
    .execute()
  await db
    .insertInto('quiz_question')
    .values({
      id: 'qq1',
      quiz_id: 'q1',
      position: 0,
      kind: 'short',
      prompt: 'Which tug goes first?',
      options: '[]',
      answer: '["bow"]',
      explanation: '',
      points: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute()
  const session = {
    description: '',
    community_id: null,
    facilitator_id: 'p1',
    starts_at: AT,
    ends_at: AT,
    location: 'Pilot station',
    capacity: 5,
    created_by: null,
    created_at: AT,
    updated_at: AT,
  }
  await db
    .insertInto('learning_session')
    .values({ id: 's1', title: 'Night briefing', status: 'scheduled', ...session })
    .execute()
  await db
    .insertInto('learning_session')
    .values({ id: 's2', title: 'Cancelled briefing', status: 'cancelled', ...session })
    .execute()
}

describe.each(DIALECTS)('%s: migration 0039 indexes the catalogue that exists', (dialect) => {
  let store: Awaited<ReturnType<typeof createTestDatabase>>
  let db: Kysely<any>
  beforeAll(async () => {
    store = await createTestDatabase(dialect)
    db =
      dialect === 'sqlite'
        ? new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(path.join(store.dataDir, 'wellspring.db')) }) })
        : new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: store.databaseUrl }) }) })
    await migrateTo(db, BEFORE)
    await writeOldRows(db)
    await migrateToLatest(db)
  })
  afterAll(async () => {
    await db.destroy()
    await store.drop()
  })

  /** Ref ids of the documents matching a word, through the dialect's own index. */
  const matching = async (word: string) => {
    const { rows } =
      dialect === 'sqlite'
        ? await sql<{
            ref_id: string
          }>`select d.ref_id from learning_search_fts f join learning_search d on d.id = f.rowid where learning_search_fts match ${word}`.execute(
            db,
          )
        : await sql<{ ref_id: string }>`select ref_id from learning_search where search @@ plainto_tsquery('english', ${word})`.execute(db)
    return rows.map((r) => r.ref_id).sort()
  }

  it('writes one document per lesson, quiz and scheduled session, with its community key and scope token', async () => {
    const docs = await db.selectFrom('learning_search').select(['kind', 'ref_id', 'community_key', 'scope']).orderBy('ref_id').execute()
    expect(docs).toEqual([
      { kind: 'lesson', ref_id: 'm1', community_key: 'c1', scope: `c${Buffer.from('c1').toString('hex')}0` },
      { kind: 'quiz', ref_id: 'q1', community_key: '', scope: 'c0' },
      { kind: 'session', ref_id: 's1', community_key: '', scope: 'c0' },
    ])
  })

  it('makes them findable by title and text', async () => {
    expect(await matching('breakwater')).toEqual(['m1'])
    expect(await matching('tug')).toEqual(['q1'])
    expect(await matching('briefing')).toEqual(['s1'])
  })
})
