import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. PostgreSQL's text-search parser reads "<word ...>" as an HTML tag and indexes nothing in it,
// so on PostgreSQL a post whose body says "use the <details> element" could not be found by "details", and its
// snippet (ts_headline over the body) could not mark the word; SQLite's FTS5 tokenizer finds it. The search
// vector now reads each text with a space after every "<", which no tag can begin with, so such words are
// words. dialect-search.ts gives ts_headline the same text. SQLite is unchanged.

const MARKUP_AS_TEXT = (column: string) => `replace(coalesce(${column}, ''), '<', '< ')`

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop index if exists post_search_idx`.execute(db)
  await sql`alter table post drop column search`.execute(db)
  await sql
    .raw(
      `alter table post add column search tsvector generated always as (
        setweight(to_tsvector('english', ${MARKUP_AS_TEXT('title')}), 'A') ||
        setweight(to_tsvector('english', ${MARKUP_AS_TEXT('tags')}), 'B') ||
        setweight(to_tsvector('english', ${MARKUP_AS_TEXT('body')}), 'C')) stored`,
    )
    .execute(db)
  await sql`create index post_search_idx on post using gin (search)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop index if exists post_search_idx`.execute(db)
  await sql`alter table post drop column search`.execute(db)
  await sql`alter table post add column search tsvector generated always as (
      setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
      setweight(to_tsvector('english', coalesce(tags, '')), 'B') ||
      setweight(to_tsvector('english', coalesce(body, '')), 'C')) stored`.execute(db)
  await sql`create index post_search_idx on post using gin (search)`.execute(db)
}
