import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect-of.js'

// Frozen in time. A thread now carries each viewer's own votes (knowledge/thread-cache.ts), so on PostgreSQL
// writes to post_vote are announced on ws_table_changed (as 0016 and 0017 do for the other tables a thread
// shows) and reach every node. SQLite has one node: nothing to do.

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`
    create trigger post_vote_table_changed after insert or delete or update on post_vote
    for each statement execute function ws_notify_table_changed()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`drop trigger if exists post_vote_table_changed on post_vote`.execute(db)
}
