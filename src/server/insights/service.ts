import { tagsJson } from '../../shared/tags.js'
import type { Db } from '../platform/db/dialect.js'
import { newId, nowIso } from '../platform/time.js'
import {
  deleteInteractionsOf,
  insertInteractions,
  insertKeyedInteractions,
  KEYED_SOURCES,
  moveInteractions,
  type InteractionRow,
} from './store.js'

// The insights domain's writes that other domains call. The interaction log (DESIGN.md) is insights' own
// table: whoever records an act of helping or learning does it through here.

/** Kinds of interaction the log holds; imports and later domains add theirs. */
export type InteractionKind = 'answer' | 'accept' | 'comment' | 'thanks' | 'learned' | 'adopt' | 'mention' | 'vote' | (string & {})

export interface InteractionInput {
  actorId: string
  targetId: string | null
  kind: InteractionKind
  communityId: string | null
  topics?: string[]
  weight?: number
  at?: string
  source?: string
  /** What the interaction is about, e.g. `post:123`, so re-imports can find it. */
  ref?: string | null
}

/**
 * Appends to the interaction log (DESIGN.md): who helped or learned from whom, where and on what topics.
 * Insights read only this log and the org chart. Pass the transaction that made the change, so the log and
 * the content never disagree.
 */
export async function recordInteraction(db: Db, input: InteractionInput): Promise<void> {
  await recordInteractions(db, [input])
}

/** Appends several interactions in few statements. */
export async function recordInteractions(db: Db, inputs: InteractionInput[]): Promise<void> {
  await insertInteractions(db, toRows(inputs))
}

/** The log rows for `inputs`, leaving out self-interactions. */
function toRows(inputs: InteractionInput[]): InteractionRow[] {
  return inputs
    .filter((i) => i.actorId !== i.targetId)
    .map((i) => ({
      id: newId(),
      actor_id: i.actorId,
      target_id: i.targetId,
      kind: i.kind,
      community_id: i.communityId,
      topics: tagsJson(i.topics),
      weight: i.weight ?? 1,
      at: i.at ?? nowIso(),
      source: i.source ?? 'wellspring',
      ref: i.ref ?? null,
    }))
}

/** An imported event: a source that keys its rows (`slack`, `email`, `csv`) and the key of the source event. */
export interface KeyedInteractionInput extends InteractionInput {
  source: (typeof KEYED_SOURCES)[number]
  ref: string
}

/**
 * Appends imported events, each at most once: an event whose (source, ref) is already logged is skipped, by a
 * unique index, so re-runs and concurrent imports are idempotent. Returns how many rows were new.
 */
export async function recordKeyedInteractions(db: Db, inputs: KeyedInteractionInput[]): Promise<number> {
  return insertKeyedInteractions(db, toRows(inputs))
}

/**
 * Gives a placeholder's log rows to the person it turned out to be (an import's placeholder matched by an
 * admin). When that person has opted out of analytics the rows are deleted instead: opted-out people get none.
 */
export async function reassignInteractions(db: Db, fromId: string, toId: string, options: { optedOut: boolean }): Promise<number> {
  return options.optedOut ? deleteInteractionsOf(db, fromId) : moveInteractions(db, fromId, toId)
}
