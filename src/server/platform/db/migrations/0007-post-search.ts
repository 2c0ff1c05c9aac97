import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. SQLite only: the full-text index of 0002 (post_fts) is replaced by post_search, which
// - holds only what search may return: active questions, answers, stories, practices and lessons (not
//   comments, not deleted posts), so no query has to step over the rest;
// - has a `scope` column of filter tokens: c<hex community id>0, k<kind>0 and a<hex author id>0 (never for an
//   anonymous post). A search limited to a few communities, a kind or an author then filters inside FTS5,
//   which skips through the index instead of looking up every matching post;
// - keeps a prefix index of 3 characters, for as-you-type suggestions (a typed word counts from 3 letters);
//   it adds about 60 µs of CPU per post written (measured here); a 2-letter index would add 30 more.
// Its content is the view post_search_src, so snippet() reads the text from post. PostgreSQL keeps the
// post.search tsvector of 0002 and filters in SQL.

/** The scope tokens of a post row (`r` is `new`, `old` or a table alias); hex keeps each id one token. */
const scopeOf = (r: string) =>
  `'c' || hex(${r}.community_id) || '0 k' || ${r}.kind || '0' || ` +
  `case when ${r}.anonymous = 0 and ${r}.author_id is not null then ' a' || hex(${r}.author_id) || '0' else '' end`
const searchable = (r: string) => `${r}.status = 'active' and ${r}.kind <> 'comment'`
const columns = 'title, tags, body, status, kind, community_id, author_id, anonymous'

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  for (const t of ['post_fts_ai', 'post_fts_ad', 'post_fts_au']) await sql.raw(`drop trigger if exists ${t}`).execute(db)
  await sql`drop table if exists post_fts`.execute(db)
  await sql
    .raw(
      `create view post_search_src as select p.id, p.title, p.tags, p.body, ${scopeOf('p')} as scope from post p where ${searchable('p')}`,
    )
    .execute(db)
  await sql`create virtual table post_search using fts5(title, tags, body, scope, content='post_search_src', content_rowid='id', tokenize='porter unicode61', prefix='3')`.execute(
    db,
  )
  const insertNew = `insert into post_search(rowid, title, tags, body, scope) select new.id, new.title, new.tags, new.body, ${scopeOf('new')} where ${searchable('new')};`
  // External content: a removal must repeat exactly the values that were indexed, hence the same expression.
  const deleteOld = `insert into post_search(post_search, rowid, title, tags, body, scope) select 'delete', old.id, old.title, old.tags, old.body, ${scopeOf('old')} where ${searchable('old')};`
  await sql.raw(`create trigger post_search_ai after insert on post begin ${insertNew} end`).execute(db)
  await sql.raw(`create trigger post_search_ad after delete on post begin ${deleteOld} end`).execute(db)
  await sql.raw(`create trigger post_search_au after update of ${columns} on post begin ${deleteOld} ${insertNew} end`).execute(db)
  await sql`insert into post_search(post_search) values ('rebuild')`.execute(db)
  // One segment instead of the many a rebuild leaves: queries then probe one b-tree per word.
  await sql`insert into post_search(post_search) values ('optimize')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  for (const t of ['post_search_ai', 'post_search_ad', 'post_search_au']) await sql.raw(`drop trigger if exists ${t}`).execute(db)
  await sql`drop table if exists post_search`.execute(db)
  await sql`drop view if exists post_search_src`.execute(db)
  await sql`create virtual table post_fts using fts5(title, tags, body, content='post', content_rowid='id', tokenize='porter unicode61')`.execute(
    db,
  )
  await sql`create trigger post_fts_ai after insert on post begin
    insert into post_fts(rowid, title, tags, body) values (new.id, new.title, new.tags, new.body); end`.execute(db)
  await sql`create trigger post_fts_ad after delete on post begin
    insert into post_fts(post_fts, rowid, title, tags, body) values ('delete', old.id, old.title, old.tags, old.body); end`.execute(db)
  await sql`create trigger post_fts_au after update of title, tags, body on post begin
    insert into post_fts(post_fts, rowid, title, tags, body) values ('delete', old.id, old.title, old.tags, old.body);
    insert into post_fts(rowid, title, tags, body) values (new.id, new.title, new.tags, new.body); end`.execute(db)
  await sql`insert into post_fts(post_fts) values ('rebuild')`.execute(db)
}
