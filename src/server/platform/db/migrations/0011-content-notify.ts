import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. Each app node keeps community access (community and membership rows) and community feed pages
// in memory (communities/access-cache.ts, knowledge/feed-cache.ts). On PostgreSQL several nodes share the
// database, so a write to what those hold must reach every node: these statement-level triggers NOTIFY
// channel ws_content_changed, which PostgreSQL delivers after the commit, once per transaction. Person writes
// already NOTIFY ws_viewer_changed (0008). SQLite runs on a single node, which drops its caches itself.

const TABLES = ['post', 'thanks', 'adoption', 'community', 'membership'] as const

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`
    create function ws_notify_content_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('ws_content_changed', '');
      return null;
    end $$`.execute(db)
  for (const table of TABLES) {
    await sql`
      create trigger ${sql.raw(`${table}_content_changed`)} after insert or delete or update on ${sql.table(table)}
      for each statement execute function ws_notify_content_changed()`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  for (const table of TABLES) await sql`drop trigger if exists ${sql.raw(`${table}_content_changed`)} on ${sql.table(table)}`.execute(db)
  await sql`drop function if exists ws_notify_content_changed()`.execute(db)
}
