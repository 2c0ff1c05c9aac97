import type { PlatformTables } from '../rows.js'

/**
 * Every table, as Kysely sees it: one interface, because Kysely needs one. Platform's own tables are here
 * (their rows in platform/rows.ts); each domain adds its tables from its own rows.ts by declaration merging
 * (`declare module '../platform/db/tables.js'`), so platform names no domain and a domain's rows live with it.
 * Timestamps are ISO-8601 UTC strings and flags are 0/1 integers on both dialects, so rows look the same
 * whichever database is behind them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the domains' rows.ts add the members
export interface Tables extends PlatformTables {}
