import type { CommunityRole, Visibility } from '../../shared/communities.js'

// Communities' tables: communities, memberships and their history, join requests. Row types as Kysely sees them:
// timestamps are ISO-8601 UTC strings and flags 0/1 integers on both dialects.

export interface CommunityTable {
  id: string
  slug: string
  name: string
  purpose: string
  tags: string
  visibility: Visibility
  /** JSON promotion rules, see communities/rules.ts. */
  rules: string
  created_by: string | null
  member_count: number
  post_count: number
  last_activity_at: string
  created_at: string
  updated_at: string
}

export interface MembershipTable {
  community_id: string
  person_id: string
  role: CommunityRole
  following: number
  joined_at: string
  role_since: string
}

export interface MembershipEventTable {
  id: string
  community_id: string
  person_id: string
  from_role: CommunityRole | null
  /** Null when the person left. */
  to_role: CommunityRole | null
  reason: 'join' | 'approved' | 'rule' | 'manual' | 'leave' | 'created' | 'import'
  actor_id: string | null
  at: string
}

export interface JoinRequestTable {
  id: string
  community_id: string
  person_id: string
  message: string
  status: 'pending' | 'approved' | 'rejected'
  created_at: string
  decided_by: string | null
  decided_at: string | null
}

// The domain's tables join the one Tables interface Kysely needs (declaration merging), so platform names
// no domain.
declare module '../platform/db/tables.js' {
  interface Tables {
    community: CommunityTable
    membership: MembershipTable
    membership_event: MembershipEventTable
    join_request: JoinRequestTable
  }
}
