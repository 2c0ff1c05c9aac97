import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

export type WriteKind = 'DeleteQueryNode' | 'UpdateQueryNode' | 'InsertQueryNode'

/** Every kind of write: for caches whose entries any insert, update or delete of the table can change. */
export const ANY_WRITE: ReadonlySet<WriteKind> = new Set<WriteKind>(['DeleteQueryNode', 'UpdateQueryNode', 'InsertQueryNode'])

/**
 * An in-process cache that is dropped whole after any statement that writes one of its watched tables. The
 * app's caches share one Kysely plugin of their database, CacheInvalidation (pass it in `openDatabase`'s
 * plugins), so the app's own writes invalidate them as they happen; writes by other processes must call
 * `clear()` (on PostgreSQL, through LISTEN/NOTIFY). docs/cache-contract.md lists every cache and watch.
 *
 * Readers take `generation` before they query and hand it back when they fill: a fill whose query raced an
 * invalidation is dropped, so a read that began before a write cannot put the old rows back. The cache is
 * dropped after the write ran, not before, for the same reason. On SQLite that is exact, since readers queue
 * behind a transaction that holds the connection. Not seen: raw SQL, and writes run from a compiled query
 * (prepareQuery compiles once, so its later runs never pass through transformQuery); the app writes through
 * ordinary Kysely builders, and prepareQuery is for reads.
 *
 * While `bypassed` (the notification connection is down, so other nodes' writes would go unheard) a cache
 * keeps and serves nothing: every read goes to the database.
 */
export abstract class WriteInvalidatedCache {
  /** Bumped by every invalidation; a fill started under an older generation is dropped. */
  generation = 0
  /** True while writes elsewhere may go unheard: nothing is served or kept (see CacheInvalidation.suspend). */
  bypassed = false

  protected constructor(private readonly watched: Readonly<Record<string, ReadonlySet<WriteKind>>>) {}

  /** Removes every entry; `clear()` calls it after bumping the generation. */
  protected abstract dropEntries(): void

  /** Drops every entry: something the cache holds may have changed. */
  clear(): void {
    this.generation++
    this.dropEntries()
  }

  watches(table: string, kind: WriteKind): boolean {
    return this.watched[table]?.has(kind) ?? false
  }

  /** Whether some write to `table` drops this cache. */
  watchesTable(table: string): boolean {
    return this.watched[table] !== undefined
  }

  /** The watched tables and the kinds of write to each that drop the cache (for the cache contract's test). */
  watchedTables(): Readonly<Record<string, ReadonlySet<WriteKind>>> {
    return this.watched
  }
}

/**
 * Derived state that is not a map of entries (a model, a set of open streams) but must follow the same tables:
 * its owner remembers the `generation` it loaded at and reloads when `changedSince` says so. `onChange`, if
 * given, hears every invalidation as it happens, for state that must act at once rather than on its next read.
 */
export class TableWatch extends WriteInvalidatedCache {
  constructor(
    watched: Readonly<Record<string, ReadonlySet<WriteKind>>>,
    private readonly onChange?: () => void,
  ) {
    super(watched)
  }

  /** True when state loaded while the watch was at `generation` may be out of date. */
  changedSince(generation: number): boolean {
    return this.bypassed || generation !== this.generation
  }

  protected dropEntries(): void {
    this.onChange?.()
  }
}

/**
 * The PostgreSQL channel on which migration 0016's triggers announce a committed write, with the table's name as
 * the payload. A node hearing it drops what watches that table (CacheInvalidation.clearWatching).
 */
export const TABLE_CHANGED_CHANNEL = 'ws_table_changed'

/** The one Kysely plugin that drops each of `caches` after a statement writes a table it watches. */
export class CacheInvalidation implements KyselyPlugin {
  private readonly pending = new WeakMap<QueryId, WriteInvalidatedCache[]>()
  private readonly caches: WriteInvalidatedCache[]
  private suspended = false

  constructor(caches: readonly WriteInvalidatedCache[] = []) {
    this.caches = [...caches]
  }

  /** Adds a cache or watch (a domain's, made when its routes are registered). */
  register(cache: WriteInvalidatedCache): void {
    cache.bypassed = this.suspended
    this.caches.push(cache)
  }

  /** Every registered cache and watch. */
  all(): readonly WriteInvalidatedCache[] {
    return this.caches
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind
    if (kind !== 'DeleteQueryNode' && kind !== 'UpdateQueryNode' && kind !== 'InsertQueryNode') return args.node
    const tables = writtenTables(args.node)
    const hit = this.caches.filter((c) => tables.some((t) => c.watches(t, kind)))
    if (hit.length > 0) this.pending.set(args.queryId, hit)
    return args.node
  }

  /**
   * Drops every cache that watches one of `tables`: what another node (or process) wrote there is not seen by
   * this plugin, so its announcement (on PostgreSQL, a NOTIFY naming the table) comes here.
   */
  clearWatching(tables: readonly string[]): void {
    for (const cache of this.caches) if (tables.some((t) => cache.watchesTable(t))) cache.clear()
  }

  /**
   * Other nodes' writes can no longer be heard (the notification connection is lost): every cache is dropped
   * and bypassed, from this moment until `resume()`.
   */
  suspend(): void {
    this.suspended = true
    for (const cache of this.caches) {
      cache.bypassed = true
      cache.clear()
    }
  }

  /**
   * Notifications arrive again (LISTEN is established): caches fill and serve again. Dropped once more, so a
   * fill whose read began before this moment is not kept.
   */
  resume(): void {
    this.suspended = false
    for (const cache of this.caches) {
      cache.bypassed = false
      cache.clear()
    }
  }

  // After the statement ran, not before: a read between this and the write would otherwise refill a cache.
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const hit = this.pending.get(args.queryId)
    if (hit) for (const cache of hit) cache.clear()
    return Promise.resolve(args.result)
  }
}

/** The tables a delete, update or insert writes to. */
function writtenTables(node: RootOperationNode): string[] {
  if (node.kind === 'DeleteQueryNode') return node.from.froms.map(tableName)
  if (node.kind === 'UpdateQueryNode') return node.table ? [tableName(node.table)] : []
  if (node.kind === 'InsertQueryNode') return node.into ? [tableName(node.into)] : []
  return []
}

function tableName(node: unknown): string {
  const n = node as { kind?: string; table?: { identifier?: { name?: string } }; node?: unknown }
  if (n.kind === 'TableNode') return n.table?.identifier?.name ?? ''
  if (n.kind === 'AliasNode') return tableName(n.node)
  return ''
}

export interface KeyedCacheOptions {
  /** How long an entry is served without reading it again: a bound on writes the cache cannot see. */
  ttlMs: number
  /** Bounds memory: past it, the oldest fill goes first. */
  maxEntries: number
}

/** A map whose entries stop at a given time, holding at most `maxEntries`: past it, the oldest fill goes first. */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; validUntil: number }>()

  constructor(readonly maxEntries: number) {}

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (nowMs < entry.validUntil) return entry.value
    this.entries.delete(key)
    return undefined
  }

  set(key: string, value: V, validUntil: number): void {
    this.entries.delete(key)
    // Map keeps insertion order, so the first key is the oldest fill.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(key, { value, validUntil })
  }

  clear(): void {
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}

/** A write-invalidated map of `key -> value` with a TTL and a size bound. Values are shared: keep them frozen. */
export class KeyedCache<V> extends WriteInvalidatedCache {
  readonly ttlMs: number
  private readonly entries: ExpiringMap<V>

  constructor(watched: Readonly<Record<string, ReadonlySet<WriteKind>>>, options: KeyedCacheOptions) {
    super(watched)
    this.ttlMs = options.ttlMs
    this.entries = new ExpiringMap(options.maxEntries)
  }

  get(key: string, nowMs: number): V | undefined {
    return this.bypassed ? undefined : this.entries.get(key, nowMs)
  }

  /**
   * Keeps a value read while the cache was at `generation`, unless something was written since, for the TTL
   * or until `notAfterMs` (epoch ms) if that is sooner.
   */
  set(key: string, value: V, generation: number, nowMs: number, notAfterMs = Infinity): void {
    if (generation === this.generation && !this.bypassed) this.entries.set(key, value, Math.min(nowMs + this.ttlMs, notAfterMs))
  }

  /**
   * The cached value of `key`, or `load()`'s, kept unless a write ran meanwhile. `undefined` results are not
   * kept; wrap them if a miss is worth remembering.
   */
  async through(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.get(key, Date.now())
    if (hit !== undefined) return hit
    const generation = this.generation
    const value = await load()
    if (value !== undefined) this.set(key, value, generation, Date.now())
    return value
  }

  protected dropEntries(): void {
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}

/**
 * Where a domain keeps the cache that serves reads on one database handle. The app attaches a cache to its
 * main handle only, so a transaction (a different handle, which may see its own uncommitted writes) never
 * reads or fills it.
 */
export class CacheSlot<C extends WriteInvalidatedCache> {
  private readonly byDb = new WeakMap<object, C>()

  attach(db: object, cache: C): void {
    this.byDb.set(db, cache)
  }

  of(db: object): C | undefined {
    return this.byDb.get(db)
  }
}
