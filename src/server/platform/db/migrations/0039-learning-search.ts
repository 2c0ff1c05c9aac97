import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. The learning catalogue's own full-text index, so that the global search finds lessons, SCORM
// modules, quizzes and sessions with one indexed query. One row per catalogue item (kind, ref_id), rewritten
// by learning whenever the item changes: its title, the text worth finding (lesson pages, question prompts,
// item titles), a short summary to show, and the community it belongs to ('' for the whole organisation).
// SQLite: the FTS5 table learning_search_fts over the table, kept in step by triggers, with the scope token
// c<hex community_key>0. PostgreSQL: a weighted tsvector column (title A, body B) with a GIN index. The items
// that exist already are indexed here, with the same rules as learning/search-store.ts had when it was written.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  await db.schema
    .createTable('learning_search')
    .addColumn('id', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('community_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('learning_search_ref_idx').on('learning_search').columns(['kind', 'ref_id']).unique().execute()
  await db.schema.createIndex('learning_search_community_idx').on('learning_search').columns(['community_key']).execute()
  if (pg) {
    await sql`alter table learning_search add column search tsvector generated always as (
        setweight(to_tsvector('english', replace(title, '<', '< ')), 'A') ||
        setweight(to_tsvector('english', replace(body, '<', '< ')), 'B')) stored`.execute(db)
    await sql`create index learning_search_vector_idx on learning_search using gin (search)`.execute(db)
  } else {
    await sql`create virtual table learning_search_fts using fts5(title, body, scope, content='learning_search', content_rowid='id', tokenize='porter unicode61')`.execute(
      db,
    )
    const insertNew = `insert into learning_search_fts (rowid, title, body, scope) values (new.id, new.title, new.body, new.scope);`
    const deleteOld = `insert into learning_search_fts (learning_search_fts, rowid, title, body, scope) values ('delete', old.id, old.title, old.body, old.scope);`
    await sql.raw(`create trigger learning_search_ai after insert on learning_search begin ${insertNew} end`).execute(db)
    await sql.raw(`create trigger learning_search_ad after delete on learning_search begin ${deleteOld} end`).execute(db)
    await sql.raw(`create trigger learning_search_au after update on learning_search begin ${deleteOld} ${insertNew} end`).execute(db)
  }
  await backfill(db)
}

type Source = { id: string; title: string; description: string; community_id: string | null; created_at: string }
type Doc = {
  kind: string
  ref_id: string
  title: string
  body: string
  summary: string
  community_key: string
  scope: string
  starts_at: string | null
  created_at: string
}

const doc = (kind: string, r: Source, body: string[], startsAt: string | null = null): Doc => ({
  kind,
  ref_id: r.id,
  title: r.title,
  body: [r.description, ...body].filter(Boolean).join('\n\n'),
  summary: (r.description || body.join(' ')).replace(/\s+/g, ' ').trim().slice(0, 240),
  community_key: r.community_id ?? '',
  scope: `c${Buffer.from(r.community_id ?? '', 'utf8').toString('hex')}0`,
  starts_at: startsAt,
  created_at: r.created_at,
})

function grouped<T extends Record<string, unknown>>(rows: T[], key: keyof T, text: keyof T): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(String(r[key]), [...(out.get(String(r[key])) ?? []), String(r[text])])
  return out
}

async function backfill(db: Kysely<any>): Promise<void> {
  const modules = (await db.selectFrom('learning_module').selectAll().execute()) as (Source & { kind: string })[]
  const pages = grouped(
    await db.selectFrom('lesson_page').select(['module_id', 'title', 'body']).orderBy('position').execute(),
    'module_id',
    'body',
  )
  const items = grouped(
    await db.selectFrom('learning_item').select(['module_id', 'title']).orderBy('position').execute(),
    'module_id',
    'title',
  )
  const quizzes = (await db.selectFrom('quiz').selectAll().execute()) as Source[]
  const prompts = grouped(
    await db.selectFrom('quiz_question').select(['quiz_id', 'prompt']).orderBy('position').execute(),
    'quiz_id',
    'prompt',
  )
  const sessions = (await db.selectFrom('learning_session').selectAll().where('status', '=', 'scheduled').execute()) as (Source & {
    location: string
    starts_at: string
  })[]
  const docs = [
    ...modules.map((m) => doc(m.kind, m, (m.kind === 'lesson' ? pages : items).get(m.id) ?? [])),
    ...quizzes.map((q) => doc('quiz', q, prompts.get(q.id) ?? [])),
    ...sessions.map((s) => doc('session', s, [s.location], s.starts_at)),
  ]
  for (let i = 0; i < docs.length; i += 200)
    await db
      .insertInto('learning_search')
      .values(docs.slice(i, i + 200))
      .execute()
}
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    for (const t of ['learning_search_ai', 'learning_search_ad', 'learning_search_au'])
      await sql.raw(`drop trigger if exists ${t}`).execute(db)
    await sql`drop table if exists learning_search_fts`.execute(db)
  }
  await db.schema.dropTable('learning_search').ifExists().execute()
}
