/** What the communities domain tells others (platform/events.ts); notifications subscribe. */
export interface JoinRequestedEvent {
  communityId: string
  personId: string
}

export interface JoinDecidedEvent {
  communityId: string
  personId: string
  approved: boolean
}

declare module '../platform/events.js' {
  interface DomainEvents {
    /** Someone asked to join a closed community. */
    'communities.join_requested': JoinRequestedEvent
    /** A steward approved or rejected a join request. */
    'communities.join_decided': JoinDecidedEvent
  }
}
