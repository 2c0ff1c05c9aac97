import { Type, type Static } from '@sinclair/typebox'
import { PersonSummary } from './schemas.js'

// Notifications: what happened that concerns me, live in the app, by mail when I chose, and in a digest.

export const NOTIFICATION_KINDS = [
  'reply',
  'answer',
  'mention',
  'accepted',
  'thanks',
  'learned',
  'join_request',
  'join_decided',
  'new_post',
  'routed',
  'escalated',
  'session',
  'connection',

  'assignment',
] as const

/**
 * - reply: someone commented on my post; answer: someone answered my question; mention: someone @mentioned me;
 * - accepted: my answer was accepted; thanks / learned: someone thanked me or said they learned from me;
 * - join_request: someone asks to join a community I steward; join_decided: my request was approved or not;
 * - new_post: a new post in a community I follow.
 * - routed: a question was offered to me because of what I answered before ("For you");
 * - escalated: a newcomer's question in a community I steward found nobody to answer it.
 * - session: a seat freed up for me in a session I was waiting for, or a session I enrolled in was cancelled.
 * - connection: mentoring, circles, lunches and introductions: a proposal or rematch, a meeting invite, a
 *   reminder, an expired proposal, "did you meet?", the end-of-programme reflection, a round to approve.

 * - assignment: my manager (or learning staff) asked me to take an item of the learning catalogue.
 */
export const NotificationKind = Type.Union(NOTIFICATION_KINDS.map((k) => Type.Literal(k)))
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const Notification = Type.Object({
  id: Type.String(),
  kind: NotificationKind,
  /** One plain-text sentence ("Ana answered your question"). Never HTML. */
  text: Type.String(),
  /** What it is about: a post title or a community name. Plain text. */
  title: Type.String(),
  /** A short plain-text excerpt (the reply, the thanks note), possibly empty. */
  excerpt: Type.String(),
  /** A path in the web app. */
  link: Type.String(),
  /** Who did it; null for anonymous lessons, erased people, and system events. */
  actor: Type.Union([PersonSummary, Type.Null()]),
  community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
  postId: Type.Union([Type.Integer(), Type.Null()]),
  read: Type.Boolean(),
  createdAt: Type.String(),
})
export type Notification = Static<typeof Notification>

export const NotificationQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    /** nextCursor of the previous page. */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type NotificationQuery = Static<typeof NotificationQuery>

export const NotificationList = Type.Object({
  items: Type.Array(Notification),
  unreadCount: Type.Integer(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type NotificationList = Static<typeof NotificationList>

export const ReadAllResult = Type.Object({ ok: Type.Literal(true), marked: Type.Integer() })
export type ReadAllResult = Static<typeof ReadAllResult>

export const DigestFrequency = Type.Union([Type.Literal('none'), Type.Literal('daily'), Type.Literal('weekly')])
export type DigestFrequency = Static<typeof DigestFrequency>

export const NotificationPreferences = Type.Object(
  {
    /** Kinds also mailed right away. */
    emailKinds: Type.Array(NotificationKind, { uniqueItems: true, maxItems: NOTIFICATION_KINDS.length }),
    digest: DigestFrequency,
  },
  { additionalProperties: false },
)
export type NotificationPreferences = Static<typeof NotificationPreferences>

/** Defaults for someone who never chose: mail for mentions, answers to my questions and connections, a weekly digest. */
export const DEFAULT_PREFERENCES: NotificationPreferences = { emailKinds: ['mention', 'answer', 'connection'], digest: 'weekly' }

export const UnsubscribeQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false })
export type UnsubscribeQuery = Static<typeof UnsubscribeQuery>

/** Server-sent events on /api/notifications/stream: `ready` once, then `notification` for each new one. */
export const StreamReady = Type.Object({ unreadCount: Type.Integer() })
export type StreamReady = Static<typeof StreamReady>
