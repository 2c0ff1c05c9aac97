import type { ProgrammeKind } from '../../shared/connections.js'

/**
 * What a connections notice is about: a proposal (or rematch) to answer, a meeting invite, the one reminder of
 * an unanswered proposal, a proposal that expired, "did you meet?" and its one reminder, the end-of-programme
 * reflection, and (to the owner) a round drafted by the schedule that waits for approval.
 */
export type ConnectionNoticeType =
  'proposal' | 'rematch' | 'invite' | 'reminder' | 'expired' | 'checkback' | 'checkback_reminder' | 'reflection' | 'round_ready'

/** A notice to people about a programme. Published in the transaction that stamps it, so it is sent once. */
export interface ConnectionNoticeEvent {
  type: ConnectionNoticeType
  personIds: string[]
  /** Who caused it (the organiser of a meeting), or null for the programme itself. */
  actorId: string | null
  programme: { id: string; name: string; kind: ProgrammeKind }
  /** A path in the web app. */
  link: string
  /** A short plain-text detail (the reasons of a proposal, the time of a meeting), possibly empty. */
  detail: string
  /** Stable for this notice: with the person, the notification's key, so a redelivery inserts nothing twice. */
  key: string
}

declare module '../platform/events.js' {
  interface DomainEvents {
    /** Connections tell people something (in the app; connections mails them itself when they want mail). */
    'connections.notice': ConnectionNoticeEvent
  }
}
