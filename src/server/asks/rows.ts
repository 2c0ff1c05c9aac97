// Asks' tables: availability, hidden topics, routing state and offers, answered asks. Row types as Kysely sees
// them: timestamps are ISO-8601 UTC strings and flags 0/1 integers on both dialects.

export interface AvailabilityTable {
  person_id: string
  max_per_week: number
  away_from: string | null
  away_until: string | null
  opted_out: number
  updated_at: string
}

export interface HiddenTopicTable {
  person_id: string
  tag: string
  created_at: string
}

export interface QuestionRouteTable {
  question_id: number
  asker_id: string | null
  community_id: string
  /** routing: offers out; answered; escalated: handed to the stewards; exhausted: nobody left to ask. */
  status: 'routing' | 'answered' | 'escalated' | 'exhausted'
  round: number
  next_check_at: string
  created_at: string
  updated_at: string
}

export interface RouteOfferTable {
  id: string
  question_id: number
  person_id: string
  status: 'offered' | 'answered' | 'declined' | 'snoozed' | 'expired'
  round: number
  rank: number
  score: number
  /** For declines: 'not_my_area' teaches the router; 'busy' does not. */
  reason: string | null
  /** JSON evidence from the ranking: why this person. */
  evidence: string
  offered_at: string
  responded_at: string | null
  snoozed_until: string | null
  /** 'expert': the person has evidence for the question; 'explore': new to its topic, offered on purpose. */
  slot: OfferSlot
}

export type OfferSlot = 'expert' | 'explore'

/** A community's routing settings; no row means the defaults. */
export interface CommunityRoutingTable {
  community_id: string
  /** Whether a round may hold one explore slot. */
  explore: 'on' | 'off'
  updated_at: string
}

export interface AskResolutionTable {
  id: string
  asker_id: string | null
  query: string
  post_id: number
  created_at: string
}

// The domain's tables join the one Tables interface Kysely needs (declaration merging), so platform names
// no domain.
declare module '../platform/db/tables.js' {
  interface Tables {
    availability: AvailabilityTable
    hidden_topic: HiddenTopicTable
    question_route: QuestionRouteTable
    route_offer: RouteOfferTable
    ask_resolution: AskResolutionTable
    community_routing: CommunityRoutingTable
  }
}
