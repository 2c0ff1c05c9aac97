import { Type, type Static } from '@sinclair/typebox'
import { PostKind } from './knowledge.js'
import { PersonSummary } from './schemas.js'

// Votes, flags and the review queue (knowledge/votes.ts, knowledge/flags.ts).

/** Up (1), down (-1), or take the vote back (0). */
export const VoteBody = Type.Object(
  { value: Type.Integer({ minimum: -1, maximum: 1, description: '1 up, -1 down, 0 takes the vote back' }) },
  { additionalProperties: false },
)
export type VoteBody = Static<typeof VoteBody>

export const VoteResult = Type.Object({ postId: Type.Integer(), score: Type.Integer(), myVote: Type.Integer() })
export type VoteResult = Static<typeof VoteResult>

export const FlagReason = Type.Union([Type.Literal('spam'), Type.Literal('rude'), Type.Literal('off_topic'), Type.Literal('other')])
export type FlagReason = Static<typeof FlagReason>

export const FlagBody = Type.Object(
  { reason: FlagReason, note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
)
export type FlagBody = Static<typeof FlagBody>

export const FlagOutcome = Type.Union([Type.Literal('open'), Type.Literal('kept'), Type.Literal('hidden'), Type.Literal('deleted')])
export type FlagOutcome = Static<typeof FlagOutcome>

/** A flag as its flagger sees it: what they reported and what was decided. */
export const MyFlag = Type.Object({
  id: Type.String(),
  postId: Type.Integer(),
  /** The thread's title (the question's, for an answer or comment); empty once the post is gone. */
  title: Type.String(),
  reason: FlagReason,
  note: Type.String(),
  status: FlagOutcome,
  createdAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
})
export const MyFlagList = Type.Object({ items: Type.Array(MyFlag) })
export type MyFlagList = Static<typeof MyFlagList>

/** A flagged post waiting in the review queue, with every open flag on it. */
export const ReviewItem = Type.Object({
  post: Type.Object({
    id: Type.Integer(),
    kind: PostKind,
    rootId: Type.Integer(),
    title: Type.String(),
    excerpt: Type.String(),
    author: Type.Union([PersonSummary, Type.Null()]),
    community: Type.Object({ slug: Type.String(), name: Type.String() }),
  }),
  flags: Type.Array(
    Type.Object({
      reason: FlagReason,
      note: Type.String(),
      flagger: Type.Union([PersonSummary, Type.Null()]),
      createdAt: Type.String(),
    }),
  ),
})
export type ReviewItem = Static<typeof ReviewItem>
export const ReviewQueue = Type.Object({ items: Type.Array(ReviewItem) })
export type ReviewQueue = Static<typeof ReviewQueue>

export const ReviewDecision = Type.Object(
  { decision: Type.Union([Type.Literal('keep'), Type.Literal('hide'), Type.Literal('delete')]) },
  { additionalProperties: false },
)
export type ReviewDecision = Static<typeof ReviewDecision>
