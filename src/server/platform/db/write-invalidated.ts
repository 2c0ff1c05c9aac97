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
 * An in-process cache that is dropped whole after any statement that writes one of its watched tables. It is a
 * Kysely plugin of its database (pass it in `openDatabase`'s plugins), so the app's own writes invalidate it
 * as they happen; writes by other processes must call `clear()` (on PostgreSQL, through LISTEN/NOTIFY).
 *
 * Readers take `generation` before they query and hand it back when they fill: a fill whose query raced an
 * invalidation is dropped, so a read that began before a write cannot put the old rows back. The cache is
 * dropped after the write ran, not before, for the same reason. On SQLite that is exact, since readers queue
 * behind a transaction that holds the connection. Not seen: raw SQL, and writes run from a compiled query
 * (prepareQuery compiles once, so its later runs never pass through transformQuery); the app writes through
 * ordinary Kysely builders, and prepareQuery is for reads.
 */
export abstract class WriteInvalidatedCache implements KyselyPlugin {
  /** Bumped by every invalidation; a fill started under an older generation is dropped. */
  generation = 0
  private readonly writes = new WeakMap<QueryId, true>()

  protected constructor(private readonly watched: Readonly<Record<string, ReadonlySet<WriteKind>>>) {}

  /** Removes every entry; `clear()` calls it after bumping the generation. */
  protected abstract dropEntries(): void

  /** Drops every entry: something the cache holds may have changed. */
  clear(): void {
    this.generation++
    this.dropEntries()
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.isWatchedWrite(args.node)) this.writes.set(args.queryId, true)
    return args.node
  }

  // After the statement ran, not before: a read between this and the write would otherwise refill the cache.
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.writes.has(args.queryId)) this.clear()
    return Promise.resolve(args.result)
  }

  private isWatchedWrite(node: RootOperationNode): boolean {
    for (const table of writtenTables(node)) {
      if (this.watched[table]?.has(node.kind as WriteKind)) return true
    }
    return false
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
