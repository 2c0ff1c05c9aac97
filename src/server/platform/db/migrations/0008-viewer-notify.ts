import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. Each app node keeps validated sessions in memory for a few seconds (platform/auth/
// viewer-cache.ts). On PostgreSQL several nodes share the database, so a write that can end a session or change
// its viewer (a session deleted or updated; any person written: password, status, role, name, manager) must
// reach every node: these statement-level triggers NOTIFY channel ws_viewer_changed, which PostgreSQL delivers
// after the commit, once per transaction. SQLite runs on a single node, which drops its cache itself.

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`
    create function ws_notify_viewer_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('ws_viewer_changed', '');
      return null;
    end $$`.execute(db)
  await sql`
    create trigger session_viewer_changed after delete or update on session
    for each statement execute function ws_notify_viewer_changed()`.execute(db)
  await sql`
    create trigger person_viewer_changed after insert or delete or update on person
    for each statement execute function ws_notify_viewer_changed()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop trigger if exists person_viewer_changed on person`.execute(db)
  await sql`drop trigger if exists session_viewer_changed on session`.execute(db)
  await sql`drop function if exists ws_notify_viewer_changed()`.execute(db)
}
