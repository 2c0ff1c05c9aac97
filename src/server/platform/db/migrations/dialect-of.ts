import { PostgresAdapter, type Kysely } from 'kysely'

// Frozen helper for migrations: full-text search and identity columns differ between the dialects, and
// migrations cannot import the application's adapter (they must never change once released).
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}
