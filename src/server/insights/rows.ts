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

/** A run of community discovery (the job): its settings and what it found, in summary. */
export interface DiscoveryRunTable {
  id: string
  job_id: string | null
  created_by: string | null
  status: 'running' | 'done' | 'failed'
  window_days: number
  half_life_days: number
  resolution: number
  /** 'auto': chosen by stability across seeds from a grid of candidates; 'fixed': set by an admin. */
  resolution_mode: 'auto' | 'fixed'
  /** Mean pairwise NMI across seeds at the chosen resolution; null for a fixed run. */
  stability: number | null
  /** JSON array of { resolution, stability, communities, quality } for every candidate tried ('[]' when fixed). */
  resolution_trials: string
  people: number
  ties: number
  communities: number
  modularity: number
  /** JSON array of declared community ids with no interaction in the window. */
  dormant: string
  started_at: string
  finished_at: string | null
}

/** A discovered community's identity, kept from run to run by matching members. */
export interface DiscoveredCommunityTable {
  id: string
  first_run_id: string
  last_run_id: string
  created_at: string
}

/** What one run found about one discovered community; lists are JSON text. */
export interface DiscoveredSnapshotTable {
  run_id: string
  community_id: string
  size: number
  core_count: number
  bridge_count: number
  internal_weight: number
  topics: string
  departments: string
  declared: string
  actions: string
  /** The community's disc on the run's network map (null for runs from before the map). */
  x: number | null
  y: number | null
  radius: number | null
}

/** A person's position in the community a run put them in. */
export interface DiscoveredMemberTable {
  run_id: string
  person_id: string
  community_id: string
  role: 'core' | 'member' | 'bridge'
  strength: number
  coreness: number
  participation: number
  constraint_value: number
  betweenness: number
  /** Place on the run's network map (null for runs from before the map). */
  x: number | null
  y: number | null
  /** How central in the community: the share of its members with less internal strength (0 edge, 1 core). */
  position: number | null
}

/** A person's decayed tie weight into one discovered community in one run (their own community included). */
export interface DiscoveredTieTable {
  run_id: string
  person_id: string
  community_id: string
  weight: number
}

/**
 * One tie of a run's graph: the decayed weight of all interactions between two people in the run's window,
 * each pair once. Kept for the latest runs only.
 */
export interface DiscoveredEdgeTable {
  run_id: string
  person_a: string
  person_b: string
  weight: number
}

declare module '../platform/db/tables.js' {
  interface Tables {
    discovered_edge: DiscoveredEdgeTable
    discovery_run: DiscoveryRunTable
    discovered_community: DiscoveredCommunityTable
    discovered_snapshot: DiscoveredSnapshotTable
    discovered_member: DiscoveredMemberTable
    discovered_tie: DiscoveredTieTable
  }
}
