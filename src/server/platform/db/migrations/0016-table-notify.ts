import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. Every app node keeps state derived from some tables in memory (caches, the routing model's
// hidden topics and declines, the sessions of open notification streams), and on PostgreSQL several nodes
// share the database, so each write to one of those tables must reach every node. 0008 and 0011 announced
// writes on two channels with an empty payload, so a node dropped everything watching any table of a channel.
// From here one channel, ws_table_changed, carries the name of the table written, so a node drops only what
// watches that table; the hidden_topic table and "not my area" declines are announced too. PostgreSQL
// delivers each notification after the commit, once per transaction and table. SQLite runs on a single node,
// which drops its own state as it writes.

/** Tables announced on every insert, update or delete, with the events 0008 and 0011 used for them. */
const STATEMENT_TRIGGERS: [table: string, events: string][] = [
  ['session', 'delete or update'],
  ['person', 'insert or delete or update'],
  ['post', 'insert or delete or update'],
  ['thanks', 'insert or delete or update'],
  ['adoption', 'insert or delete or update'],
  ['community', 'insert or delete or update'],
  ['membership', 'insert or delete or update'],
  ['hidden_topic', 'insert or delete or update'],
]

const CONTENT_TABLES = ['post', 'thanks', 'adoption', 'community', 'membership'] as const

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop trigger if exists session_viewer_changed on session`.execute(db)
  await sql`drop trigger if exists person_viewer_changed on person`.execute(db)
  await sql`drop function if exists ws_notify_viewer_changed()`.execute(db)
  for (const table of CONTENT_TABLES)
    await sql`drop trigger if exists ${sql.raw(`${table}_content_changed`)} on ${sql.table(table)}`.execute(db)
  await sql`drop function if exists ws_notify_content_changed()`.execute(db)

  await sql`
    create function ws_notify_table_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('ws_table_changed', TG_TABLE_NAME);
      return null;
    end $$`.execute(db)
  for (const [table, events] of STATEMENT_TRIGGERS) {
    await sql`
      create trigger ${sql.raw(`${table}_table_changed`)} after ${sql.raw(events)} on ${sql.table(table)}
      for each statement execute function ws_notify_table_changed()`.execute(db)
  }
  // Offers change on every routing round and answer; only a "not my area" decline teaches the routing model.
  await sql`
    create trigger route_offer_table_changed after update on route_offer
    for each row when (new.status = 'declined' and new.reason = 'not_my_area' and old.status is distinct from new.status)
    execute function ws_notify_table_changed()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop trigger if exists route_offer_table_changed on route_offer`.execute(db)
  for (const [table] of STATEMENT_TRIGGERS)
    await sql`drop trigger if exists ${sql.raw(`${table}_table_changed`)} on ${sql.table(table)}`.execute(db)
  await sql`drop function if exists ws_notify_table_changed()`.execute(db)

  // As 0008 and 0011 left them.
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
  await sql`
    create function ws_notify_content_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('ws_content_changed', '');
      return null;
    end $$`.execute(db)
  for (const table of CONTENT_TABLES) {
    await sql`
      create trigger ${sql.raw(`${table}_content_changed`)} after insert or delete or update on ${sql.table(table)}
      for each statement execute function ws_notify_content_changed()`.execute(db)
  }
}
