import type { Db } from '../platform/db/dialect.js'
import { findInteractions, findRefsFrom, findRefsOfKinds, type InteractionRow } from './store.js'

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
