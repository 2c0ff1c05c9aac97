import { tagsJson } from '../../shared/tags.js'
import type { Db } from '../platform/db/dialect.js'
import { newId, nowIso } from '../platform/time.js'
import { insertInteractions } from './store.js'

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
  await insertInteractions(
    db,
    inputs
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
      })),
  )
}
