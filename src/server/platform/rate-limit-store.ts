import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import { sql } from 'kysely'
import type { Db } from './db/dialect.js'

interface Hits {
  current: number
  ttl: number
}
type Callback = (err: Error | null, result?: Hits) => void

/** Rows of windows this long past are deleted now and then. */
const KEEP_MS = 24 * 3600_000
/** One counted request in this many also clears old rows. */
const CLEAN_EVERY = 200

/**
 * A store for @fastify/rate-limit that keeps its counters in the database, so that every app node counts the
 * same attempts (DESIGN.md: no process-local state that must be shared). Fixed windows: the first request of a
 * window starts it, and one upsert per request counts it atomically on both dialects. Only the authentication
 * routes are limited, so one small write per attempt is affordable.
 */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let counted = 0
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now()
      const id = `${this.prefix}${key}`.slice(0, 300)
      const expired = sql<boolean>`rate_limit.window_start + ${timeWindow} <= ${now}`
      db.insertInto('rate_limit')
        .values({ key: id, hits: 1, window_start: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`case when ${expired} then 1 else rate_limit.hits + 1 end`,
            window_start: sql<number>`case when ${expired} then ${now} else rate_limit.window_start end`,
          }),
        )
        .returning(['hits', 'window_start'])
        .executeTakeFirstOrThrow()
        .then(async (row) => {
          if (++counted % CLEAN_EVERY === 0)
            await db
              .deleteFrom('rate_limit')
              .where('window_start', '<', now - KEEP_MS)
              .execute()
          callback(null, { current: Number(row.hits), ttl: Math.max(0, Number(row.window_start) + timeWindow - now) })
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))))
    }

    child(routeOptions: object): DatabaseStore {
      // Each limited route counts on its own, as @fastify/rate-limit's own stores do. At run time the plugin
      // passes the route's merged limit settings, with the route under `routeInfo` (its typings say otherwise).
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '')
      return new DatabaseStore(routeOptions, `${method} ${route?.url ?? ''}|`)
    }
  }
  return DatabaseStore
}
