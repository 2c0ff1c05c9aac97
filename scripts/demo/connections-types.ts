import type { MatchResponse, ParticipantRole, ProgrammeKind } from '../../src/shared/connections.js'

// The demo's connections as the app would have left them, people named by email. Timestamps are ISO strings.

export interface DemoMember {
  email: string
  role: ParticipantRole
  response: MatchResponse
  respondedAt: string | null
  notifiedAt: string | null
  /** Their own reflection on the match (private to them). */
  reflection: string | null
}

export interface DemoMeeting {
  organizer: string
  startsAt: string
  minutes: number
  location: string
  /** 1 met, 0 did not, null not answered yet (or still to come). */
  held: 0 | 1 | null
  checkedAt: string | null
  /** When "did you meet?" went out (an hour after the start). */
  remindedAt: string | null
  createdAt: string
}

export interface DemoLogEntry {
  author: string
  kind: 'goal' | 'note'
  body: string
  createdAt: string
}

export interface DemoMatch {
  status: 'proposed' | 'active' | 'declined' | 'expired' | 'ended'
  score: number
  reasons: string[]
  /** The manager who made an introduction; null for a round's matches. */
  proposedBy: string | null
  createdAt: string
  members: DemoMember[]
  meetings: DemoMeeting[]
  log: DemoLogEntry[]
}

export interface DemoRound {
  number: number
  status: 'draft' | 'approved'
  objective: number
  createdAt: string
  approvedAt: string | null
  matches: DemoMatch[]
}

export interface DemoParticipant {
  email: string
  role: ParticipantRole
  capacity: number
  whoAmI: string
  wantToBecome: string
  goals: string
  skillsOffered: string[]
  skillsWanted: string[]
  joinedAt: string
  reflection: string | null
  reflectedAt: string | null
  promptedAt: string | null
}

export interface DemoProgramme {
  kind: ProgrammeKind
  name: string
  description: string
  owner: string
  cadenceDays: number
  durationWeeks: number
  repeatRounds: number
  crossDepartment: number
  groupSize: number
  status: 'open' | 'ended'
  nextRoundAt: string | null
  createdAt: string
  endsAt: string
  participants: DemoParticipant[]
  rounds: DemoRound[]
  /** Broker introductions (intro programmes only): matches outside any round. */
  introductions: DemoMatch[]
}

export interface DemoConnections {
  programmes: DemoProgramme[]
}
