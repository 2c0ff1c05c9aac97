import { parseTags } from '../../shared/tags.js'
import type { Db } from '../platform/db/dialect.js'
import { findInteractions, findInteractionsTouching, findRefsFrom, findRefsOfKinds, type InteractionRow } from './store.js'

// The reads of the interaction log that other domains may use.

export type { InteractionRow }

/** Refs (such as `post:123`) of interactions of these kinds recorded after `since` ('' for all), oldest first. */
export function interactionRefsSince(db: Db, kinds: string[], since: string): Promise<{ ref: string | null; at: string }[]> {
  return findRefsOfKinds(db, kinds, since)
}

/** Refs already recorded from an outside source under a prefix (an import's site), so a re-import skips them. */
export function importedInteractionRefs(db: Db, source: string, prefix: string): Promise<Set<string>> {
  return findRefsFrom(db, source, prefix)
}

/** Log rows, optionally of one source or kind, oldest first. */
export function listInteractions(db: Db, filter: { source?: string; kind?: string } = {}): Promise<InteractionRow[]> {
  return findInteractions(db, filter)
}

/** Kinds where the target helped the actor (thanks, "I learned this from you", accepted, adopted). */
const TARGET_HELPED = new Set(['thanks', 'learned', 'accept', 'adopt'])
/** Kinds where the actor helped the target (an answer, a comment). */
const ACTOR_HELPED = new Set(['answer', 'comment'])

/** Ties and shown expertise among a set of people, from the interaction log (for matching). */
export interface TiesAndExpertise {
  /** Undirected ties between two of the people, with the summed weight of their interactions. */
  ties: { a: string; b: string; weight: number }[]
  /** Topics each person helped others on, with how often. */
  expertise: Map<string, Map<string, number>>
}

/**
 * Ties between the given people and the topics they helped on. Rows where either side opted out of analytics
 * (`optedOut`) are left out, so opting out is honoured by matching too.
 */
export async function tiesAndExpertise(db: Db, ids: readonly string[], optedOut: ReadonlySet<string>): Promise<TiesAndExpertise> {
  const wanted = new Set(ids)
  const tieWeight = new Map<string, number>()
  const expertise = new Map<string, Map<string, number>>()
  for (const row of await findInteractionsTouching(db, ids)) {
    if (!row.target_id || row.actor_id === row.target_id) continue
    if (optedOut.has(row.actor_id) || optedOut.has(row.target_id)) continue
    if (wanted.has(row.actor_id) && wanted.has(row.target_id)) {
      const key = row.actor_id < row.target_id ? `${row.actor_id} ${row.target_id}` : `${row.target_id} ${row.actor_id}`
      tieWeight.set(key, (tieWeight.get(key) ?? 0) + row.weight)
    }
    const helper = ACTOR_HELPED.has(row.kind) ? row.actor_id : TARGET_HELPED.has(row.kind) ? row.target_id : null
    if (!helper || !wanted.has(helper)) continue
    const topics = expertise.get(helper) ?? new Map<string, number>()
    for (const t of parseTags(row.topics)) topics.set(t, (topics.get(t) ?? 0) + 1)
    expertise.set(helper, topics)
  }
  return {
    ties: [...tieWeight].map(([key, weight]) => {
      const [a, b] = key.split(' ') as [string, string]
      return { a, b, weight }
    }),
    expertise,
  }
}
