import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. Two things for reads at scale:
// - Each app node caches whole threads (knowledge/thread-cache.ts). A thread also shows media and duplicate
//   links, so on PostgreSQL writes to media and post_link are announced on ws_table_changed (as 0016 does for
//   the other tables) and reach every node.
// - The people directory searches person.search_text for substrings. It read every row; now a trigram index
//   serves it, kept current by the database itself on every write to person. SQLite: an FTS5 trigram table of
//   ' ' || search_text || ' ' (the spaces make the start and end of each word a trigram, for typo-tolerant
//   matching), whose rowids map to people through person_search_key (an INTEGER PRIMARY KEY, so VACUUM keeps
//   it, unlike person's implicit rowid). PostgreSQL: pg_trgm (contrib) with a GIN index on the same expression.

const NOTIFIED = ['media', 'post_link'] as const

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of NOTIFIED) {
      await sql`
        create trigger ${sql.raw(`${table}_table_changed`)} after insert or delete or update on ${sql.table(table)}
        for each statement execute function ws_notify_table_changed()`.execute(db)
    }
    await sql`create extension if not exists pg_trgm`.execute(db)
    await sql`create index person_search_trgm_idx on person using gin ((' ' || search_text || ' ') gin_trgm_ops)`.execute(db)
    return
  }
  await sql`create table person_search_key (key integer primary key, person_id text not null unique)`.execute(db)
  await sql`create virtual table person_search using fts5(text, tokenize = 'trigram')`.execute(db)
  await sql`insert into person_search_key (person_id) select id from person order by id`.execute(db)
  await sql`
    insert into person_search (rowid, text)
    select k.key, ' ' || p.search_text || ' ' from person p join person_search_key k on k.person_id = p.id`.execute(db)
  await sql`
    create trigger person_search_insert after insert on person begin
      insert into person_search_key (person_id) values (new.id);
      insert into person_search (rowid, text)
        values ((select key from person_search_key where person_id = new.id), ' ' || new.search_text || ' ');
    end`.execute(db)
  await sql`
    create trigger person_search_update after update of search_text on person
    when old.search_text is not new.search_text begin
      delete from person_search where rowid = (select key from person_search_key where person_id = old.id);
      insert into person_search (rowid, text)
        values ((select key from person_search_key where person_id = new.id), ' ' || new.search_text || ' ');
    end`.execute(db)
  await sql`
    create trigger person_search_delete after delete on person begin
      delete from person_search where rowid = (select key from person_search_key where person_id = old.id);
      delete from person_search_key where person_id = old.id;
    end`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index if exists person_search_trgm_idx`.execute(db)
    for (const table of NOTIFIED) await sql`drop trigger if exists ${sql.raw(`${table}_table_changed`)} on ${sql.table(table)}`.execute(db)
    return
  }
  for (const trigger of ['person_search_insert', 'person_search_update', 'person_search_delete'])
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db)
  await sql`drop table if exists person_search`.execute(db)
  await sql`drop table if exists person_search_key`.execute(db)
}
