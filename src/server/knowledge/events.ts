/**
 * What the knowledge domain tells others (platform/events.ts). Notifications and asks subscribe; knowledge does
 * not know who listens. Payloads are JSON, so any subscriber may be durable.
 */
export interface PostCreatedEvent {
  postId: number
  kind: string
  title: string
  body: string
  authorId: string
  communityId: string
  /** People mentioned in the post (never for anonymous lessons). */
  mentioned: string[]
  anonymous: boolean
}

export interface ReplyCreatedEvent {
  postId: number
  rootId: number
  kind: 'answer' | 'comment'
  body: string
  /** The parent's author, null when the parent is anonymous. */
  parentAuthorId: string | null
  parentId: number
  parentTitle: string
  communityId: string
  actorId: string
  mentioned: string[]
}

export interface AnswerAcceptedEvent {
  answerAuthorId: string
  questionId: number
  actorId: string
  communityId: string
}

export interface ThankedEvent {
  kind: 'thanks' | 'learned'
  giverId: string
  receiverId: string
  postId: number | null
  communityId: string | null
  note: string
}

/** Someone voted on a question or answer, changed their vote, or took it back (value 0). */
export interface PostVotedEvent {
  postId: number
  /** The thread's question (the post itself for a question). */
  rootId: number
  kind: 'question' | 'answer'
  /** The post's author; null when it is anonymous or the author was erased. */
  authorId: string | null
  voterId: string
  communityId: string
  /** The vote now: 1, -1, or 0 when taken back. */
  value: number
  /** The vote before: 1, -1, or 0 when there was none. */
  previous: number
  /** The post's score after the vote. */
  score: number
}

declare module '../platform/events.js' {
  interface DomainEvents {
    /** A question, story, practice or lesson was written (published inside its transaction). */
    'knowledge.post_created': PostCreatedEvent
    /** An answer or comment was written. */
    'knowledge.reply_created': ReplyCreatedEvent
    /** A question's author or a steward accepted an answer. */
    'knowledge.answer_accepted': AnswerAcceptedEvent
    /** Someone thanked someone, or said they learned from them. */
    'knowledge.thanked': ThankedEvent
    /** A vote on a question or answer was cast, changed or taken back (votes.ts). */
    'knowledge.post_voted': PostVotedEvent
  }
}
