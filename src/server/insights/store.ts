import { sql } from 'kysely'
import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'

export type InteractionRow = Tables['interaction']

/** Rows per multi-row insert: 500 × 11 columns stays under both dialects' bound-parameter limits. */
const BATCH = 500

export async function insertInteractions(db: Db, rows: InteractionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('interaction')
      .values(rows.slice(i, i + BATCH))
      .execute()
  }
}

/** Refs of the interactions of these kinds that name one, after `since` (all when empty), oldest first. */
export function findRefsOfKinds(db: Db, kinds: string[], since: string): Promise<{ ref: string | null; at: string }[]> {
  let q = db.selectFrom('interaction').select(['ref', 'at']).where('kind', 'in', kinds).where('ref', 'is not', null)
  if (since) q = q.where('at', '>', since)
  return q.orderBy('at').execute()
}

/** Refs of the interactions from `source` whose ref starts with `prefix`. */
export async function findRefsFrom(db: Db, source: string, prefix: string): Promise<Set<string>> {
  const rows = await db.selectFrom('interaction').select('ref').where('source', '=', source).where('ref', 'like', `${prefix}%`).execute()
  return new Set(rows.map((r) => r.ref as string))
}

/**
 * The log rows where the person acted, or was the target in one of `readable` communities (or in none), oldest
 * first.
 */
export function findInteractionsOf(db: Db, personId: string, readable: readonly string[]) {
  return db
    .selectFrom('interaction')
    .select(['actor_id', 'target_id', 'kind', 'community_id', 'topics', 'weight', 'at', 'source'])
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', personId),
        eb.and([
          eb('target_id', '=', personId),
          eb.or([eb('community_id', 'is', null), ...(readable.length ? [eb('community_id', 'in', readable)] : [])]),
        ]),
      ]),
    )
    .orderBy('at')
    .execute()
}

/** Log rows matching a filter, oldest first (for tests and reports). */
export function findInteractions(db: Db, filter: { source?: string; kind?: string } = {}) {
  let q = db.selectFrom('interaction').selectAll()
  if (filter.source) q = q.where('source', '=', filter.source)
  if (filter.kind) q = q.where('kind', '=', filter.kind)
  return q.orderBy('at').orderBy('id').execute()
}

/** Log rows that touch any of `ids` (as actor or target), with the fields a tie graph and expertise need. */
export async function findInteractionsTouching(db: Db, ids: readonly string[]) {
  const out = []
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    out.push(
      ...(await db
        .selectFrom('interaction')
        .select(['actor_id', 'target_id', 'kind', 'topics', 'weight'])
        .where((eb) => eb.or([eb('actor_id', 'in', chunk), eb('target_id', 'in', chunk)]))
        .execute()),
    )
  }
  return out
}

/** Sources whose rows carry a unique key per source event (`ref`): the partial unique index of migration 0033. */
export const KEYED_SOURCES = ['slack', 'email', 'csv'] as const

/**
 * Inserts rows of a keyed source, skipping any whose (source, ref) is already in the log (a re-run, or an import
 * racing another). Returns how many were new.
 */
export async function insertKeyedInteractions(db: Db, rows: InteractionRow[]): Promise<number> {
  let inserted = 0
  for (let i = 0; i < rows.length; i += BATCH) {
    const out = await db
      .insertInto('interaction')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        // Literal values, as the index has them: SQLite matches a partial index's predicate by its text.
        oc
          .columns(['source', 'ref'])
          .where(sql<boolean>`source in (${sql.join(KEYED_SOURCES.map((s) => sql.lit(s)))})`)
          .doNothing(),
      )
      .returning('id')
      .execute()
    inserted += out.length
  }
  return inserted
}

/** Moves the rows of one person (actor or target) to another; self-ties this makes are deleted. */
export async function moveInteractions(db: Db, fromId: string, toId: string): Promise<number> {
  const actor = await db.updateTable('interaction').set({ actor_id: toId }).where('actor_id', '=', fromId).executeTakeFirst()
  const target = await db.updateTable('interaction').set({ target_id: toId }).where('target_id', '=', fromId).executeTakeFirst()
  await db.deleteFrom('interaction').where('actor_id', '=', toId).where('target_id', '=', toId).execute()
  return Number(actor.numUpdatedRows) + Number(target.numUpdatedRows)
}

/** Deletes every row where the person is actor or target. */
export async function deleteInteractionsOf(db: Db, personId: string): Promise<number> {
  const res = await db
    .deleteFrom('interaction')
    .where((eb) => eb.or([eb('actor_id', '=', personId), eb('target_id', '=', personId)]))
    .executeTakeFirst()
  return Number(res.numDeletedRows)
}
