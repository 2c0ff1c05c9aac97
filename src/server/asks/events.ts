/** What routing tells others (platform/events.ts); notifications subscribe. */
export interface QuestionOfferedEvent {
  offers: { personId: string; questionId: number; communityId: string; title: string }[]
}

export interface QuestionEscalatedEvent {
  stewardIds: string[]
  questionId: number
  communityId: string
  title: string
}

declare module '../platform/events.js' {
  interface DomainEvents {
    /** A question was offered to people (a routing round). */
    'asks.question_offered': QuestionOfferedEvent
    /** Nobody could answer a newcomer's question: it goes to the stewards. */
    'asks.question_escalated': QuestionEscalatedEvent
  }
}
