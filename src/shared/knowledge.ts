import { Type, type Static } from '@sinclair/typebox'
import { NumericId, PersonSummary, TagList } from './schemas.js'

export const PostKind = Type.Union([
  Type.Literal('question'),
  Type.Literal('answer'),
  Type.Literal('story'),
  Type.Literal('practice'),
  Type.Literal('lesson'),
  Type.Literal('comment'),
])
export type PostKind = Static<typeof PostKind>
export const TopLevelKind = Type.Union([Type.Literal('question'), Type.Literal('story'), Type.Literal('practice'), Type.Literal('lesson')])
export type TopLevelKind = Static<typeof TopLevelKind>

/** Kind-specific fields. Practice: context, steps, evidence. Lesson: what happened, what we learned, what we'd do differently. */
export const PostFields = Type.Object(
  {
    context: Type.Optional(Type.String({ maxLength: 20_000 })),
    steps: Type.Optional(Type.String({ maxLength: 20_000 })),
    evidence: Type.Optional(Type.String({ maxLength: 20_000 })),
    whatHappened: Type.Optional(Type.String({ maxLength: 20_000 })),
    whatWeLearned: Type.Optional(Type.String({ maxLength: 20_000 })),
    whatWeWouldDoDifferently: Type.Optional(Type.String({ maxLength: 20_000 })),
  },
  { additionalProperties: false },
)
export type PostFields = Static<typeof PostFields>

export const MediaItem = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('image'), Type.Literal('audio'), Type.Literal('video')]),
  mime: Type.String(),
  size: Type.Integer(),
  filename: Type.String(),
  url: Type.String(),
  captionsUrl: Type.Union([Type.String(), Type.Null()]),
  transcript: Type.String(),
})
export type MediaItem = Static<typeof MediaItem>

export const Post = Type.Object({
  id: Type.Integer(),
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
  kind: PostKind,
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  rootId: Type.Union([Type.Integer(), Type.Null()]),
  title: Type.String(),
  body: Type.String(),
  /** The body rendered from Markdown and sanitised: safe to insert as HTML. */
  html: Type.String(),
  fields: PostFields,
  /** Kind-specific fields rendered like the body. */
  fieldsHtml: Type.Record(Type.String(), Type.String()),
  tags: Type.Array(Type.String()),
  /** Null when the post is anonymous or its author was erased. */
  author: Type.Union([PersonSummary, Type.Null()]),
  anonymous: Type.Boolean(),
  acceptedAnswerId: Type.Union([Type.Integer(), Type.Null()]),
  answerCount: Type.Integer(),
  commentCount: Type.Integer(),
  thanksCount: Type.Integer(),
  learnedCount: Type.Integer(),
  adoptionCount: Type.Integer(),
  score: Type.Integer(),
  media: Type.Array(MediaItem),
  series: Type.Union([Type.Object({ id: Type.String(), order: Type.Integer() }), Type.Null()]),
  source: Type.String(),
  sourceUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  editedAt: Type.Union([Type.String(), Type.Null()]),
  lastActivityAt: Type.String(),
  deleted: Type.Boolean(),
  /** The viewer wrote it (also when it is anonymous: only its author is told). */
  mine: Type.Boolean(),
  canEdit: Type.Boolean(),
  canAccept: Type.Boolean(),
})
export type Post = Static<typeof Post>
/**
 * A post as lists show it (community feed, community home): no body, rendering or media; those are on the
 * thread (GET /api/posts/:id). `excerpt` is plain text taken from the start of the body with Markdown
 * stripped: show it as text, never as HTML.
 */
export const PostSummary = Type.Composite([
  Type.Pick(Post, ['id', 'community', 'kind', 'title']),
  Type.Object({ excerpt: Type.String() }),
  Type.Pick(Post, [
    'tags',
    'author',
    'anonymous',
    'acceptedAnswerId',
    'answerCount',
    'commentCount',
    'thanksCount',
    'learnedCount',
    'adoptionCount',
    'score',
    'createdAt',
    'lastActivityAt',
  ]),
])
export type PostSummary = Static<typeof PostSummary>
export const PostList = Type.Object({ items: Type.Array(PostSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) })
export type PostList = Static<typeof PostList>

/** What one viewer did in a thread (see Thread.mine). */
export const ThreadMine = Type.Object({
  thanks: Type.Array(Type.Integer()),
  learned: Type.Array(Type.Integer()),
  votes: Type.Array(Type.Object({ postId: Type.Integer(), value: Type.Integer() })),
})
export type ThreadMine = Static<typeof ThreadMine>

export const Thread = Type.Object({
  post: Post,
  answers: Type.Array(Post),
  comments: Type.Array(Post),
  duplicates: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String() })),
  series: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), order: Type.Integer() })),
  adoptions: Type.Array(
    Type.Object({
      person: Type.Union([PersonSummary, Type.Null()]),
      community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
      note: Type.String(),
      at: Type.String(),
    }),
  ),
  /**
   * The viewer's own part of the thread: the posts they thanked, those they said they learned from, and their
   * votes on the question and answers (value 1 or -1), each by post id, ascending. Last, so the server can fill
   * it into a thread's shared JSON (thread-reads.ts).
   */
  mine: ThreadMine,
})
export type Thread = Static<typeof Thread>

export const CreatePost = Type.Object(
  {
    kind: TopLevelKind,
    title: Type.String({ minLength: 3, maxLength: 300 }),
    body: Type.String({ maxLength: 100_000 }),
    tags: Type.Optional(TagList),
    fields: Type.Optional(PostFields),
    anonymous: Type.Optional(Type.Boolean()),
    mediaIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
    seriesId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    seriesOrder: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
)
export type CreatePost = Static<typeof CreatePost>

export const CreateReply = Type.Object({ body: Type.String({ minLength: 1, maxLength: 100_000 }) }, { additionalProperties: false })
export type CreateReply = Static<typeof CreateReply>

export const UpdatePost = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
    body: Type.Optional(Type.String({ maxLength: 100_000 })),
    tags: Type.Optional(TagList),
    fields: Type.Optional(PostFields),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdatePost = Static<typeof UpdatePost>

export const PostIdParams = Type.Object({ id: NumericId })
export const AcceptBody = Type.Object({ answerId: Type.Union([NumericId, Type.Null()]) }, { additionalProperties: false })
export const ThanksBody = Type.Object(
  { kind: Type.Union([Type.Literal('thanks'), Type.Literal('learned')]), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
)
export type ThanksBody = Static<typeof ThanksBody>
export const PersonThanksBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('thanks'), Type.Literal('learned')]),
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    communitySlug: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
)
export const AdoptBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })), communitySlug: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
)

export const Revision = Type.Object({
  editor: Type.Union([PersonSummary, Type.Null()]),
  title: Type.String(),
  body: Type.String(),
  tags: Type.Array(Type.String()),
  at: Type.String(),
})
export const RevisionList = Type.Object({ items: Type.Array(Revision) })

export const FeedQuery = Type.Object(
  {
    kind: Type.Optional(TopLevelKind),
    unanswered: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
)
export type FeedQuery = Static<typeof FeedQuery>

export const CommunityHome = Type.Object({
  whatsNew: Type.Array(PostSummary),
  waiting: Type.Array(Type.Intersect([PostSummary, Type.Object({ askedByNewcomer: Type.Boolean() })])),
  stories: Type.Array(PostSummary),
  practices: Type.Array(PostSummary),
  lessons: Type.Array(PostSummary),
  members: Type.Object({
    steward: Type.Array(PersonSummary),
    core: Type.Array(PersonSummary),
    member: Type.Array(PersonSummary),
    newcomer: Type.Array(PersonSummary),
  }),
})
export type CommunityHome = Static<typeof CommunityHome>

/** One entry of a person's learned-from page: a thanks or an "I learned this from you". */
export const LearnedFromEntry = Type.Object({
  kind: Type.Union([Type.Literal('thanks'), Type.Literal('learned')]),
  person: Type.Union([PersonSummary, Type.Null()]),
  post: Type.Union([Type.Object({ id: Type.Integer(), title: Type.String(), kind: PostKind }), Type.Null()]),
  note: Type.String(),
  at: Type.String(),
})
export type LearnedFromEntry = Static<typeof LearnedFromEntry>
/** A person's learned-from page: whom they learned from, and whom they helped. */
export const LearnedFromPage = Type.Object({
  /** What this person learned, and from whom. */
  learned: Type.Array(LearnedFromEntry),
  /** Whom this person helped: thanks and "I learned this from you" they received. */
  helped: Type.Array(LearnedFromEntry),
  counts: Type.Object({
    thanksReceived: Type.Integer(),
    learnedFromThem: Type.Integer(),
    answers: Type.Integer(),
    accepted: Type.Integer(),
  }),
})
export type LearnedFromPage = Static<typeof LearnedFromPage>
