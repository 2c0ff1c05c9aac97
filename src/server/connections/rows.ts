// Connections' tables. Row types as Kysely sees them: timestamps are ISO-8601 UTC strings and flags 0/1
// integers on both dialects.
import type { MatchResponse, ProgrammeKind } from '../../shared/connections.js'

export interface ProgrammeTable {
  id: string
  kind: ProgrammeKind
  name: string
  description: string
  owner_id: string | null
  /** '' for the whole organisation, else the one department it is open to. */
  department: string
  cadence_days: number
  duration_weeks: number
  /** No pair meets again within this many rounds. */
  repeat_rounds: number
  /** Weight of the cross-department preference (0 for none). */
  cross_department: number
  /** open → ended (at ends_at, by the tick); closed: taken down by its owner. */
  status: 'open' | 'closed' | 'ended'
  /** When the schedule drafts the next round (null: rounds only on demand, or none before the end). */
  next_round_at: string | null
  created_at: string
  /** created_at plus the duration: the tick ends the programme then. */
  ends_at: string | null
  /** People per lunch group (2–6); 2 for every other kind. */
  group_size: number
}

export interface ProgrammeParticipantTable {
  programme_id: string
  person_id: string
  /** mentor | mentee for mentoring; member otherwise. */
  role: 'mentor' | 'mentee' | 'member'
  capacity: number
  who_am_i: string
  want_to_become: string
  goals: string
  /** JSON arrays of tags. */
  skills_offered: string
  skills_wanted: string
  status: 'active' | 'left'
  joined_at: string
  /** The end-of-programme reflection: the participant's own, never shown to anyone else. */
  reflection: string | null
  reflected_at: string | null
  /** When the reflection prompt went out (once, at the end). */
  prompted_at: string | null
}

export interface ConnectionRoundTable {
  id: string
  programme_id: string
  number: number
  /** draft: only the owner sees it; approved: notices are going out; rematches add to it. */
  status: 'draft' | 'approved'
  objective: number
  created_at: string
  approved_at: string | null
  approved_by: string | null
}

export interface ConnectionMatchTable {
  id: string
  /** Null for a broker introduction made outside any round. */
  round_id: string | null
  programme_id: string
  /**
   * proposed → active (everyone accepted) | declined (someone declined) | expired (someone never answered);
   * active → ended (the programme ended, or the next lunch round replaced it).
   */
  status: 'proposed' | 'active' | 'declined' | 'expired' | 'ended'
  score: number
  /** JSON array of "why you two" sentences. */
  reasons: string
  proposed_by: string | null
  created_at: string
}

export interface ConnectionMemberTable {
  match_id: string
  person_id: string
  role: 'mentor' | 'mentee' | 'member'
  response: MatchResponse
  responded_at: string | null
  /** Set in the transaction that queues the person's notice: a rerun of the round's job skips them. */
  notified_at: string | null
  reflection: string | null
  /** When the one reminder of an unanswered proposal went out. */
  reminded_at: string | null
}

export interface ConnectionMeetingTable {
  id: string
  match_id: string
  organizer_id: string | null
  starts_at: string
  minutes: number
  location: string
  /** iCalendar SEQUENCE: raised on every change and on cancel. The id is the invite's UID. */
  sequence: number
  status: 'scheduled' | 'cancelled'
  /** The check-back answer: 1 met, 0 did not, null not asked yet. */
  held: number | null
  checked_at: string | null
  /** When the check-back ("did you meet?") went out. */
  reminded_at: string | null
  /** When the one reminder of an unanswered check-back went out. */
  checkback_reminded_at: string | null
  created_at: string
  updated_at: string
}

export interface ConnectionLogTable {
  id: string
  match_id: string
  author_id: string | null
  kind: 'goal' | 'note'
  body: string
  created_at: string
}

declare module '../platform/db/tables.js' {
  interface Tables {
    programme: ProgrammeTable
    programme_participant: ProgrammeParticipantTable
    connection_round: ConnectionRoundTable
    connection_match: ConnectionMatchTable
    connection_member: ConnectionMemberTable
    connection_meeting: ConnectionMeetingTable
    connection_log: ConnectionLogTable
  }
}
