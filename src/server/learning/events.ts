/** What the learning domain tells others (platform/events.ts); notifications subscribe. */
export interface SeatGivenEvent {
  sessionId: string
  personId: string
  title: string
  startsAt: string
}

export interface SessionCancelledEvent {
  sessionId: string
  personIds: string[]
  title: string
  startsAt: string
}

export interface AssignedEvent {
  moduleId: string
  kind: string
  title: string
  /** The people newly asked to take it. */
  personIds: string[]
  byId: string
  dueAt: string | null
}

declare module '../platform/events.js' {
  interface DomainEvents {
    /** Someone on a session's waitlist got a seat that freed up. */
    'learning.seat_given': SeatGivenEvent
    /** A session was cancelled; everyone enrolled or waiting is told. */
    'learning.session_cancelled': SessionCancelledEvent
    /** People were asked to take a catalogue item (push learning). */
    'learning.assigned': AssignedEvent
  }
}
