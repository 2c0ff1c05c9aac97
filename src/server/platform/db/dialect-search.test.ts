import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../../../../test/helpers/app.js'
import { openDatabase, type Database } from './database.js'
import { MARK_END, MARK_START, type FullTextIndex } from './dialect.js'

// The full-text primitives over an index that is not knowledge's: a table of notes, built here the way a new
// domain's migration would build its own (FTS5 over a content view on SQLite, a generated tsvector on
// PostgreSQL), so the adapter is shown to know no domain's tables.

const NOTES: FullTextIndex = {
  table: 'fts_test_note',
  columns: [
    { name: 'title', weight: 10, label: 'A' },
    { name: 'body', weight: 0, label: 'C' },
  ],
  snippetColumn: 'body',
  scopes: { topic: { token: 't', hex: false, column: 'topic', sql: (topics) => sql`p.topic in (${sql.join(topics)})` } },
  sqlite: { fts: 'fts_test_note_index', scopeColumn: 'scope', source: 'fts_test_note_source' },
  postgres: { vector: 'search', weights: '{0.1,0.2,0.4,1.0}', documents: sql`true` },
}

async function createNotes(database: Database): Promise<void> {
  const db = database.db
  if (database.dialect.name === 'postgres') {
    await sql`create table fts_test_note (id bigint primary key, topic text not null, title text not null, body text not null,
      created_at text not null, search tsvector generated always as
      (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'C')) stored)`.execute(db)
    return
  }
  await sql`create table fts_test_note (id integer primary key, topic text not null, title text not null, body text not null,
    created_at text not null)`.execute(db)
  await sql`create view fts_test_note_source as select id, title, body, 't' || topic || '0' as scope from fts_test_note`.execute(db)
  await sql`create virtual table fts_test_note_index using fts5(title, body, scope, content='fts_test_note_source',
    content_rowid='id', tokenize='porter unicode61', prefix='3')`.execute(db)
}

describe.each(DIALECTS)('%s: full-text primitives over any index', (dialect) => {
  let database: Database
  let drop: () => Promise<void>
  const note = (id: number, topic: string, title: string, body: string) =>
    sql`insert into fts_test_note (id, topic, title, body, created_at) values (${id}, ${topic}, ${title}, ${body}, ${'2024-01-0' + String(id) + 'T00:00:00.000Z'})`.execute(
      database.db,
    )
  const search = (terms: string[], topics = ['rivers', 'seas']) =>
    database.dialect.searchIndex(database.db, NOTES, {
      terms,
      scope: { topic: topics },
      carry: ['created_at'],
      group: sql`p.id`,
      createdColumn: 'created_at',
      now: '2024-02-01T00:00:00.000Z',
      limit: 10,
      offset: 0,
    })

  beforeAll(async () => {
    const store = await createTestDatabase(dialect)
    drop = () => store.drop()
    database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl })
    await createNotes(database)
    await note(1, 'rivers', 'Otters of the river', 'Otters build holts in the banks of rivers.')
    await note(2, 'seas', 'Sea otters', 'A sea otter floats on its back and eats urchins.')
    await note(3, 'seas', 'Kelp forests', 'Kelp shelters fish; otters keep the urchins down.')
    await database.dialect.indexDocuments(database.db, NOTES, sql`select id from fts_test_note`)
  })
  afterAll(async () => {
    await database.close()
    await drop()
  })

  it('ranks title matches first, marks the matched words in snippets, and filters by scope', async () => {
    const all = await search(['otters'])
    expect(all.total).toBe(3)
    expect(all.hits[2]?.id).toBe(3)
    expect(all.hits.every((h) => h.snippet.includes(`${MARK_START}`) && h.snippet.includes(MARK_END))).toBe(true)
    expect((await search(['otters'], ['rivers'])).hits.map((h) => h.id)).toEqual([1])
    expect(await search(['otters'], [])).toEqual({ hits: [], total: 0, capped: false })
  })

  it('suggests by a prefix of the last word typed', async () => {
    const found = await database.dialect.suggestFromIndex(database.db, NOTES, {
      terms: ['sea', 'ott'],
      column: 'title',
      scope: { topic: ['rivers', 'seas'] },
      select: ['title'],
      limit: 5,
    })
    expect(found.map((r) => Number(r.id))).toEqual([2])
  })

  it('removes documents from the index before their rows go', async () => {
    await database.dialect.removeDocuments(database.db, NOTES, sql`select id from fts_test_note where id = 2`)
    await sql`delete from fts_test_note where id = 2`.execute(database.db)
    expect((await search(['urchins'])).hits.map((h) => h.id)).toEqual([3])
    if (dialect === 'sqlite')
      await sql`insert into fts_test_note_index(fts_test_note_index, rank) values ('integrity-check', 1)`.execute(database.db)
  })
})
