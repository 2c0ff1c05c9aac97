import { Type, type Static } from '@sinclair/typebox'
import { SearchResult } from './search.js'
import { NumericId, PersonSummary, TagList } from './schemas.js'

export const SuggestQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })

export const SuggestedCommunity = Type.Object({ slug: Type.String(), name: Type.String(), reason: Type.String() })
export const AskSuggestions = Type.Object({
  /** Existing posts that may already answer it: best first. */
  results: Type.Array(SearchResult),
  /** Where to post it, best first. */
  communities: Type.Array(SuggestedCommunity),
})
export type AskSuggestions = Static<typeof AskSuggestions>

export const ResolveBody = Type.Object(
  { query: Type.String({ minLength: 1, maxLength: 2000 }), postId: NumericId },
  { additionalProperties: false },
)

export const AskBody = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 300 }),
    body: Type.String({ maxLength: 100_000 }),
    tags: Type.Optional(TagList),
    communitySlug: Type.String({ minLength: 2, maxLength: 60 }),
  },
  { additionalProperties: false },
)
export type AskBody = Static<typeof AskBody>

export const EvidenceItem = Type.Object({
  kind: Type.Union([Type.Literal('answer'), Type.Literal('topic')]),
  /** For answers: the question they answered (a link), when the viewer may see it. */
  post: Type.Union([Type.Object({ id: Type.Integer(), title: Type.String(), accepted: Type.Boolean() }), Type.Null()]),
  tag: Type.Union([Type.String(), Type.Null()]),
  answers: Type.Integer(),
})
export type EvidenceItem = Static<typeof EvidenceItem>

export const AskResult = Type.Object({
  questionId: Type.Integer(),
  /** Who the question was offered to first. */
  offeredTo: Type.Array(PersonSummary),
  status: Type.Union([Type.Literal('routing'), Type.Literal('answered'), Type.Literal('escalated'), Type.Literal('exhausted')]),
})
export type AskResult = Static<typeof AskResult>

export const InboxItem = Type.Object({
  offerId: Type.String(),
  question: Type.Object({
    id: Type.Integer(),
    title: Type.String(),
    excerpt: Type.String(),
    tags: Type.Array(Type.String()),
    community: Type.Object({ slug: Type.String(), name: Type.String() }),
    asker: Type.Union([PersonSummary, Type.Null()]),
    askedAt: Type.String(),
    answerCount: Type.Integer(),
  }),
  /** Why you: your past answers to similar questions, and topics. */
  why: Type.Array(EvidenceItem),
  offeredAt: Type.String(),
  status: Type.Union([Type.Literal('offered'), Type.Literal('snoozed')]),
})
export type InboxItem = Static<typeof InboxItem>
export const Inbox = Type.Object({ items: Type.Array(InboxItem) })
export type Inbox = Static<typeof Inbox>

export const DeclineBody = Type.Object(
  { reason: Type.Union([Type.Literal('not_my_area'), Type.Literal('busy')]) },
  { additionalProperties: false },
)
export const SnoozeBody = Type.Object({ hours: Type.Integer({ minimum: 1, maximum: 24 * 14 }) }, { additionalProperties: false })
export const OfferParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export const Availability = Type.Object(
  {
    maxPerWeek: Type.Integer({ minimum: 0, maximum: 50 }),
    awayFrom: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    awayUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    optedOut: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type Availability = Static<typeof Availability>

export const HiddenTopics = Type.Object(
  { tags: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100 }) },
  { additionalProperties: false },
)

export const KnownTopic = Type.Object({
  tag: Type.String(),
  answers: Type.Integer(),
  accepted: Type.Integer(),
  /** The answers that show it, that the viewer may see. */
  evidence: Type.Array(Type.Object({ questionId: Type.Integer(), answerId: Type.Integer(), title: Type.String() })),
  hidden: Type.Boolean(),
})
export type KnownTopic = Static<typeof KnownTopic>
export const KnownFor = Type.Object({ topics: Type.Array(KnownTopic) })
export type KnownFor = Static<typeof KnownFor>
