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

/** A past answer of theirs to a similar question, or their answers on one of its topics. */
export const AnswerReason = Type.Object({
  kind: Type.Union([Type.Literal('answer'), Type.Literal('topic')]),
  /**
   * For answers: the question they answered and their answer (links), when the viewer may see it; null with
   * `answers` for answers to similar questions in communities the viewer cannot read.
   */
  post: Type.Union([
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      accepted: Type.Boolean(),
      answerId: Type.Union([Type.Integer(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  tag: Type.Union([Type.String(), Type.Null()]),
  answers: Type.Integer(),
})
/** Thanks and "I learned this from you" they received on one of the question's topics. */
export const ThanksReason = Type.Object({
  kind: Type.Literal('thanks'),
  tag: Type.String(),
  thanks: Type.Integer(),
  learned: Type.Integer(),
})

/** A practice they wrote on one of the question's topics. */
export const PracticeReason = Type.Object({
  kind: Type.Literal('practice'),
  tag: Type.String(),
  practice: Type.Object({ id: Type.Integer(), title: Type.String() }),
})

/** One reason someone was offered a question: what they did, and what others said of it. */
export const EvidenceItem = Type.Union([AnswerReason, ThanksReason, PracticeReason])
export type EvidenceItem = Static<typeof EvidenceItem>

/** 'expert': chosen for their evidence; 'explore': new to the topic, offered on purpose. */
export const OfferSlot = Type.Union([Type.Literal('expert'), Type.Literal('explore')])
export type OfferSlot = Static<typeof OfferSlot>

export const AskOffer = Type.Object({
  person: PersonSummary,
  slot: OfferSlot,
  /** Their actual reason: the answers and topics behind the choice; empty for an explore slot. */
  why: Type.Array(EvidenceItem),
})
export type AskOffer = Static<typeof AskOffer>

export const AskResult = Type.Object({
  questionId: Type.Integer(),
  /** Who the question was offered to first. */
  offeredTo: Type.Array(PersonSummary),
  /** The same people, each with why they were chosen. */
  offers: Type.Array(AskOffer),
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
  /** Why you: your past answers to similar questions, and topics; empty when you are new to the topic. */
  why: Type.Array(EvidenceItem),
  slot: OfferSlot,
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

/** A community's routing settings: 'default' keeps the explore slot off for its first questions, then on. */
export const CommunityRouting = Type.Object(
  { explore: Type.Union([Type.Literal('default'), Type.Literal('on'), Type.Literal('off')]) },
  { additionalProperties: false },
)
export type CommunityRouting = Static<typeof CommunityRouting>
export const CommunityRoutingView = Type.Object({
  explore: Type.Union([Type.Literal('default'), Type.Literal('on'), Type.Literal('off')]),
  /** Whether the next question's rounds may hold an explore slot. */
  exploreNow: Type.Boolean(),
  /** Whether the viewer may change it (stewards and admins). */
  canChange: Type.Boolean(),
})
export type CommunityRoutingView = Static<typeof CommunityRoutingView>
