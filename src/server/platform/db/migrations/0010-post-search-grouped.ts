import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. SQLite only. FTS5 writes its pending terms out as a new index segment at every statement
// savepoint, and inserting a post opens one (its trigger), so each post became a segment of its own: about
// 200 us of every post written, even when many posts share one commit (platform/db/group-commit.ts).
// While post_search_defer holds a row (only inside a group's transaction, never committed), new posts are
// noted in post_search_pending instead, and the group indexes them all in one statement before it commits.
// Outside a group (imports, scripts, other connections) the table is empty and posts are indexed at once, as
// in 0007. Updates and deletes of a post still pending leave the index alone: the group indexes the row as it
// is at the end, and a deleted one not at all.

const scopeOf = (r: string) =>
  `'c' || hex(${r}.community_id) || '0 k' || ${r}.kind || '0' || ` +
  `case when ${r}.anonymous = 0 and ${r}.author_id is not null then ' a' || hex(${r}.author_id) || '0' else '' end`
const searchable = (r: string) => `${r}.status = 'active' and ${r}.kind <> 'comment'`
const columns = 'title, tags, body, status, kind, community_id, author_id, anonymous'
const insertNew = `insert into post_search(rowid, title, tags, body, scope) select new.id, new.title, new.tags, new.body, ${scopeOf('new')} where ${searchable('new')};`
const deleteOld = `insert into post_search(post_search, rowid, title, tags, body, scope) select 'delete', old.id, old.title, old.tags, old.body, ${scopeOf('old')} where ${searchable('old')};`
const triggers = ['post_search_ai', 'post_search_ad', 'post_search_au', 'post_search_ai_deferred']

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  await sql`create table post_search_defer (id integer primary key)`.execute(db)
  await sql`create table post_search_pending (id integer primary key)`.execute(db)
  for (const t of triggers) await sql.raw(`drop trigger if exists ${t}`).execute(db)
  const deferred = 'exists (select 1 from post_search_defer)'
  const pending = (r: string) => `exists (select 1 from post_search_pending where id = ${r}.id)`
  await sql.raw(`create trigger post_search_ai after insert on post when not ${deferred} begin ${insertNew} end`).execute(db)
  await sql
    .raw(
      `create trigger post_search_ai_deferred after insert on post when ${deferred} begin insert or ignore into post_search_pending (id) values (new.id); end`,
    )
    .execute(db)
  await sql.raw(`create trigger post_search_ad after delete on post when not ${pending('old')} begin ${deleteOld} end`).execute(db)
  await sql
    .raw(`create trigger post_search_au after update of ${columns} on post when not ${pending('old')} begin ${deleteOld} ${insertNew} end`)
    .execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  for (const t of triggers) await sql.raw(`drop trigger if exists ${t}`).execute(db)
  await sql.raw(`create trigger post_search_ai after insert on post begin ${insertNew} end`).execute(db)
  await sql.raw(`create trigger post_search_ad after delete on post begin ${deleteOld} end`).execute(db)
  await sql.raw(`create trigger post_search_au after update of ${columns} on post begin ${deleteOld} ${insertNew} end`).execute(db)
  await sql`drop table if exists post_search_pending`.execute(db)
  await sql`drop table if exists post_search_defer`.execute(db)
}
