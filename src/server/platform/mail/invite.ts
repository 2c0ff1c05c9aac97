import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator'

/** One event of an iCalendar invite, as the domains that send invites (connections, learning) describe it. */
export interface InviteEvent {
  /** Stable for the event's whole life: a calendar matches updates and cancels to the event by it. */
  uid: string
  /** Raised on every change attendees should see; a calendar ignores a message older than what it holds. */
  sequence: number
  start: Date
  end: Date
  /** When this version of the event was made. */
  stamp: Date
  summary: string
  description: string
  location: string
  cancelled: boolean
  organizer: { name: string; email: string }
  attendees: { name: string; email: string }[]
  /** Names the product line in PRODID, e.g. "connections". */
  product: string
}

/**
 * The invite as a mail's calendar part: METHOD:REQUEST (each attendee asked to RSVP) or METHOD:CANCEL, with
 * the event's UID and SEQUENCE and the ORGANIZER as a mailto: address (RFC 5545/5546).
 */
export function buildInvite(event: InviteEvent): { method: string; content: string } {
  const method = event.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST
  const calendar = ical({ prodId: { company: 'Wellspring', product: event.product }, method })
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    start: event.start,
    end: event.end,
    stamp: event.stamp,
    summary: event.summary,
    description: event.description,
    location: event.location || null,
    status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: event.organizer,
    attendees: event.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      rsvp: true,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
    })),
  })
  return { method, content: calendar.toString() }
}
