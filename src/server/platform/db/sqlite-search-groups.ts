import { sql } from 'kysely'
import type { Db } from './dialect.js'
import type { GroupHooks } from './group-commit.js'

/**
 * Full-text indexing of a commit group's posts in one statement (SQLite; see migration 0010): while the group's
 * transaction runs, post_search_defer holds a row, so the insert trigger only notes each new post in
 * post_search_pending; before the commit they are indexed together, and both tables are emptied again, so
 * nothing of this is ever committed. FTS5 then writes one index segment per group instead of one per post.
 */
export const groupedSearchIndexing: GroupHooks = {
  async begin(tx: Db) {
    await sql`insert into post_search_defer (id) values (1)`.execute(tx)
  },
  async beforeCommit(tx: Db) {
    await sql`insert into post_search (rowid, title, tags, body, scope)
      select id, title, tags, body, scope from post_search_src where id in (select id from post_search_pending)`.execute(tx)
    await sql`delete from post_search_pending`.execute(tx)
    await sql`delete from post_search_defer`.execute(tx)
  },
}
