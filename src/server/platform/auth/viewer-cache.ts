import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'
import type { Viewer } from './viewer.js'

/** The PostgreSQL channel on which migration 0008's triggers announce writes that can change a viewer. */
export const VIEWER_CHANGED_CHANNEL = 'ws_viewer_changed'

/**
 * Writes to these tables can end a session or change who its viewer is: logout and the session sweep
 * (session), and password change, deactivation, erasure, role, name and manager changes (person; a new or moved
 * report makes their manager a manager). A session insert changes no cached viewer.
 */
const WATCHED: Record<string, ReadonlySet<string>> = {
  session: new Set(['DeleteQueryNode', 'UpdateQueryNode']),
  person: new Set(['DeleteQueryNode', 'UpdateQueryNode', 'InsertQueryNode']),
}

interface Entry {
  viewer: Viewer
  /** Epoch ms after which the entry is not used: the cache TTL or the session's expiry, whichever is sooner. */
  validUntil: number
}

export interface ViewerCacheOptions {
  /** How long a validated session is trusted without asking the database again. */
  ttlMs?: number
  maxEntries?: number
}

/**
 * Validated sessions (token hash -> viewer), so an authenticated request skips the session query.
 *
 * Correctness does not rest on the TTL alone. The cache is a Kysely plugin of its database: once any statement
 * that deletes or updates a session, or writes a person, has run, the whole cache is dropped (logout,
 * password change, role change, deactivation and erasure are all such writes, and they are rare next to
 * reads). On SQLite that is exact: readers wait while a transaction holds the connection, so nothing can
 * re-read the old rows before the commit. On PostgreSQL another connection can, and other app nodes have their
 * own caches, so triggers (migration 0008) NOTIFY every node after the commit and each drops its cache again.
 * If the LISTEN connection is lost, the cache is dropped and entries are bounded by the TTL until it is back.
 *
 * A fill is only kept if nothing was invalidated while its query ran (the generation check), so a read that
 * raced a write cannot put the old viewer back. Entries also stop at the session's own expiry. The cached
 * viewer is shared between requests and frozen.
 */
export class ViewerCache implements KyselyPlugin {
  readonly ttlMs: number
  readonly maxEntries: number
  private readonly entries = new Map<string, Entry>()
  private readonly writes = new WeakMap<QueryId, true>()
  /** Bumped by every invalidation; a fill started under an older generation is dropped. */
  generation = 0

  constructor(options: ViewerCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10_000
    this.maxEntries = options.maxEntries ?? 10_000
  }

  /** The viewer of a session validated less than the TTL ago, if it is still valid at `nowMs`. */
  get(sessionId: string, nowMs: number): Viewer | undefined {
    const entry = this.entries.get(sessionId)
    if (!entry) return undefined
    if (nowMs < entry.validUntil) return entry.viewer
    this.entries.delete(sessionId)
    return undefined
  }

  /** Keeps a viewer read from the database while the cache was at `generation`, unless it changed since. */
  set(sessionId: string, viewer: Viewer, sessionExpiresAt: string, generation: number, nowMs: number): Viewer {
    const frozen = Object.freeze(viewer)
    if (generation !== this.generation) return frozen
    // Map keeps insertion order, so the first key is the oldest fill.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(sessionId, { viewer: frozen, validUntil: Math.min(nowMs + this.ttlMs, Date.parse(sessionExpiresAt)) })
    return frozen
  }

  /** Drops every entry: something that decides who a session's viewer is has changed. */
  clear(): void {
    this.generation++
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (changesViewers(args.node)) this.writes.set(args.queryId, true)
    return args.node
  }

  // After the statement ran, not before: a read between this and the write would otherwise refill the cache.
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.writes.has(args.queryId)) this.clear()
    return Promise.resolve(args.result)
  }
}

function changesViewers(node: RootOperationNode): boolean {
  for (const table of writtenTables(node)) {
    if (WATCHED[table]?.has(node.kind)) return true
  }
  return false
}

/**
 * The tables a delete, update or insert writes to. Raw SQL is not seen, nor a write run from a compiled query
 * (prepareQuery compiles once, so later runs never pass through transformQuery): the app writes person and
 * session through ordinary Kysely builders, and prepareQuery is for reads.
 */
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
