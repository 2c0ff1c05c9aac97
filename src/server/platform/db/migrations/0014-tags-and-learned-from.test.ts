import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../../../../../test/helpers/app.js'
import { migrateTo, migrateToLatest, MIGRATION_NAMES } from '../migrate.js'

const BEFORE = MIGRATION_NAMES[MIGRATION_NAMES.indexOf('0014-tags-and-learned-from') - 1] as string
const AT = '2024-01-01T00:00:00.000Z'

/** Rows as the releases before 0014 wrote them: each domain with its own idea of a tag. */
async function writeOldRows(db: Kysely<any>): Promise<{ q: number; other: number; answer: number }> {
  // Every row names every column: a multi-row insert on SQLite fills a missing one with null, not its default.
  const person = (id: string, extra: Record<string, string> = {}) => ({
    id,
    email: `${id}@example.com`,
    name: id,
    aspiration_tags: '[]',
    skills_offered: '[]',
    skills_wanted: '[]',
    created_at: AT,
    updated_at: AT,
    ...extra,
  })
  await db
    .insertInto('person')
    .values([
      person('ana', {
        aspiration_tags: JSON.stringify(['Data Engineering', 'data engineering', 'Writing']),
        skills_offered: JSON.stringify(['SQL', 'Kafka']),
        skills_wanted: JSON.stringify(['Public  speaking']),
      }),
      person('raj', { skills_offered: 'not json' }),
    ])
    .execute()
  await db
    .insertInto('community')
    .values({
      id: 'c1',
      slug: 'data',
      name: 'Data',
      tags: JSON.stringify(['data quality', 'SQL', 'sql']),
      visibility: 'open',
      last_activity_at: AT,
      created_at: AT,
      updated_at: AT,
    })
    .execute()
  const post = (values: Record<string, unknown>) =>
    db
      .insertInto('post')
      .values({ community_id: 'c1', author_id: 'ana', created_at: AT, updated_at: AT, last_activity_at: AT, ...values })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.id))
  // Imported: only lower-cased, so "data quality" kept its space; typed: hyphenated.
  const q = await post({
    kind: 'question',
    title: 'Nulls',
    body: 'b',
    tags: JSON.stringify(['data quality', 'SQL Server', 'data-quality']),
  })
  const other = await post({ kind: 'question', title: 'Fine', body: 'b', tags: JSON.stringify(['backfill']) })
  const answer = await post({ kind: 'answer', parent_id: q, root_id: q, body: 'a' })
  await db
    .insertInto('post_tag')
    .values([
      { post_id: q, tag: 'data quality' },
      { post_id: q, tag: 'SQL Server' },
      { post_id: q, tag: 'data-quality' },
      { post_id: other, tag: 'backfill' },
      // A stray row the post's JSON does not mention: still made canonical.
      { post_id: other, tag: 'Backfill ' },
    ])
    .execute()
  await db
    .insertInto('post_revision')
    .values({
      id: 'r1',
      post_id: q,
      editor_id: 'ana',
      title: 'Nulls',
      body: 'b',
      fields: '{}',
      tags: JSON.stringify(['Data Quality']),
      at: AT,
    })
    .execute()
  await db
    .insertInto('hidden_topic')
    .values([
      { person_id: 'ana', tag: 'Data Quality', created_at: AT },
      { person_id: 'ana', tag: 'data-quality', created_at: AT },
      { person_id: 'raj', tag: 'SQL Server', created_at: AT },
      { person_id: 'raj', tag: '  ', created_at: AT },
    ])
    .execute()
  await db
    .insertInto('interaction')
    .values([
      {
        id: 'i1',
        actor_id: 'ana',
        kind: 'answer',
        topics: JSON.stringify(['data quality', 'Data-Quality']),
        at: AT,
        source: 'stackexchange',
      },
      { id: 'i2', actor_id: 'ana', kind: 'thanks', topics: '[]', at: AT, source: 'wellspring' },
    ])
    .execute()
  // More rows than the migration reads in one batch.
  const bulk = Array.from({ length: 1205 }, (_, i) => ({
    id: `b${String(i).padStart(5, '0')}`,
    actor_id: 'raj',
    kind: 'chat',
    topics: JSON.stringify(['Bulk Topic']),
    at: AT,
    source: 'slack',
  }))
  for (let i = 0; i < bulk.length; i += 400)
    await db
      .insertInto('interaction')
      .values(bulk.slice(i, i + 400))
      .execute()
  await db
    .insertInto('notification')
    .values([
      { id: 'n1', person_id: 'raj', kind: 'thanks', title: 'Ana thanked you', body: '', link: '/people/raj/learning', created_at: AT },
      { id: 'n2', person_id: 'raj', kind: 'answer', title: 'An answer', body: '', link: `/posts/${q}`, created_at: AT },
    ])
    .execute()
  return { q, other, answer }
}

describe.each(DIALECTS)('%s: migration 0014 makes stored tags canonical and moves learning-page links', (dialect) => {
  let store: Awaited<ReturnType<typeof createTestDatabase>>
  let db: Kysely<any>
  let ids: { q: number; other: number; answer: number }
  beforeAll(async () => {
    store = await createTestDatabase(dialect)
    db =
      dialect === 'sqlite'
        ? new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(path.join(store.dataDir, 'wellspring.db')) }) })
        : new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: store.databaseUrl }) }) })
    await migrateTo(db, BEFORE)
    ids = await writeOldRows(db)
    await migrateToLatest(db)
  })
  afterAll(async () => {
    await db.destroy()
    await store.drop()
  })

  const json = async (table: string, column: string, key: string, value: string | number) =>
    JSON.parse(String((await db.selectFrom(table).select(column).where(key, '=', value).executeTakeFirstOrThrow())[column])) as unknown

  it("rewrites a post's tags and its post_tag rows, merging the duplicates", async () => {
    expect(await json('post', 'tags', 'id', ids.q)).toEqual(['data-quality', 'sql-server'])
    expect(await json('post', 'tags', 'id', ids.other)).toEqual(['backfill'])
    expect(await json('post', 'tags', 'id', ids.answer)).toEqual([])
    const rows = await db.selectFrom('post_tag').select(['post_id', 'tag']).orderBy('post_id').orderBy('tag').execute()
    expect(rows.map((r) => [Number(r.post_id), r.tag])).toEqual([
      [ids.q, 'data-quality'],
      [ids.q, 'sql-server'],
      [ids.other, 'backfill'],
    ])
    expect(await json('post_revision', 'tags', 'id', 'r1')).toEqual(['data-quality'])
  })

  it('rewrites community topics, profile lists and the interaction log, leaving unreadable rows alone', async () => {
    expect(await json('community', 'tags', 'id', 'c1')).toEqual(['data-quality', 'sql'])
    const ana = await db.selectFrom('person').selectAll().where('id', '=', 'ana').executeTakeFirstOrThrow()
    expect([ana.aspiration_tags, ana.skills_offered, ana.skills_wanted]).toEqual([
      '["data-engineering","writing"]',
      '["sql","kafka"]',
      '["public-speaking"]',
    ])
    expect((await db.selectFrom('person').select('skills_offered').where('id', '=', 'raj').executeTakeFirstOrThrow()).skills_offered).toBe(
      'not json',
    )
    expect(await json('interaction', 'topics', 'id', 'i1')).toEqual(['data-quality'])
    expect(await json('interaction', 'topics', 'id', 'i2')).toEqual([])
    const bulk = await db.selectFrom('interaction').select('topics').distinct().where('kind', '=', 'chat').execute()
    expect(bulk).toEqual([{ topics: '["bulk-topic"]' }])
  })

  it('merges hidden topics that become the same tag and drops empty ones', async () => {
    const rows = await db.selectFrom('hidden_topic').select(['person_id', 'tag']).orderBy('person_id').orderBy('tag').execute()
    expect(rows).toEqual([
      { person_id: 'ana', tag: 'data-quality' },
      { person_id: 'raj', tag: 'sql-server' },
    ])
  })

  it("points notifications at the learned-from page's new address, and leaves other links alone", async () => {
    const rows = await db.selectFrom('notification').select(['id', 'link']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: 'n1', link: '/people/raj/learned-from' },
      { id: 'n2', link: `/posts/${ids.q}` },
    ])
  })
})
