// Insights' table: the interaction log. Row types as Kysely sees them: timestamps are ISO-8601 UTC strings and
// flags 0/1 integers on both dialects.

/** The interaction log (DESIGN.md): every act of helping or learning, the only input of the insights. */
export interface InteractionTable {
  id: string
  actor_id: string
  target_id: string | null
  kind: string
  community_id: string | null
  /** JSON array of topic strings. */
  topics: string
  weight: number
  at: string
  source: string
  ref: string | null
}

// The domain's tables join the one Tables interface Kysely needs (declaration merging), so platform names
// no domain.
declare module '../platform/db/tables.js' {
  interface Tables {
    interaction: InteractionTable
  }
}
