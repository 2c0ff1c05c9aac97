import { Type, type Static } from '@sinclair/typebox'
import { PersonSummary, TagList } from './schemas.js'

export const Visibility = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('secret')])
export type Visibility = Static<typeof Visibility>
export const CommunityRole = Type.Union([Type.Literal('newcomer'), Type.Literal('member'), Type.Literal('core'), Type.Literal('steward')])
export type CommunityRole = Static<typeof CommunityRole>
export const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 2, maxLength: 60 })
export const SlugParams = Type.Object({ slug: Slug })

const Threshold = Type.Object(
  {
    minQuestions: Type.Integer({ minimum: 0, maximum: 1000 }),
    minAnswers: Type.Integer({ minimum: 0, maximum: 1000 }),
    minPosts: Type.Integer({ minimum: 0, maximum: 1000 }),
    minThanksReceived: Type.Integer({ minimum: 0, maximum: 1000 }),
    minWeeksActive: Type.Integer({ minimum: 0, maximum: 520 }),
  },
  { additionalProperties: false },
)
/** Participation rules that move people from newcomer to member to core; stewards tune them. */
export const PromotionRules = Type.Object({ toMember: Threshold, toCore: Threshold }, { additionalProperties: false })
export type PromotionRules = Static<typeof PromotionRules>

export const Community = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  purpose: Type.String(),
  tags: Type.Array(Type.String()),
  visibility: Visibility,
  memberCount: Type.Integer(),
  postCount: Type.Integer(),
  lastActivityAt: Type.String(),
  createdAt: Type.String(),
  myRole: Type.Union([CommunityRole, Type.Null()]),
  following: Type.Boolean(),
  myRequest: Type.Union([Type.Literal('pending'), Type.Null()]),
  /** False for a closed community seen from outside: only its name and purpose are shown. */
  canSeeContent: Type.Boolean(),
  rules: Type.Optional(PromotionRules),
})
export type Community = Static<typeof Community>
export const CommunityList = Type.Object({ items: Type.Array(Community) })
export type CommunityList = Static<typeof CommunityList>

export const CommunityRecommendation = Type.Object({ community: Community, score: Type.Number(), reasons: Type.Array(Type.String()) })
export type CommunityRecommendation = Static<typeof CommunityRecommendation>
export const RecommendationList = Type.Object({ items: Type.Array(CommunityRecommendation) })

export const CommunityQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Optional(Type.Union([Type.Literal('activity'), Type.Literal('size'), Type.Literal('name')])),
    mine: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const CreateCommunity = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    slug: Type.Optional(Slug),
    purpose: Type.String({ maxLength: 2000 }),
    tags: Type.Optional(TagList),
    visibility: Visibility,
  },
  { additionalProperties: false },
)
export type CreateCommunity = Static<typeof CreateCommunity>

export const UpdateCommunity = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    purpose: Type.Optional(Type.String({ maxLength: 2000 })),
    tags: Type.Optional(TagList),
    visibility: Type.Optional(Visibility),
    rules: Type.Optional(PromotionRules),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateCommunity = Static<typeof UpdateCommunity>

export const Member = Type.Object({ person: PersonSummary, role: CommunityRole, joinedAt: Type.String(), roleSince: Type.String() })
export type Member = Static<typeof Member>
export const MemberList = Type.Object({ items: Type.Array(Member) })

export const JoinBody = Type.Object({ message: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false })
export const JoinResult = Type.Object({
  status: Type.Union([Type.Literal('joined'), Type.Literal('requested')]),
  role: Type.Union([CommunityRole, Type.Null()]),
})

export const JoinRequest = Type.Object({
  id: Type.String(),
  person: PersonSummary,
  message: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
})
export type JoinRequest = Static<typeof JoinRequest>
export const JoinRequestList = Type.Object({ items: Type.Array(JoinRequest) })
export const RequestParams = Type.Object({ slug: Slug, id: Type.String({ minLength: 1, maxLength: 64 }) })
export const MemberParams = Type.Object({ slug: Slug, personId: Type.String({ minLength: 1, maxLength: 64 }) })
export const RoleBody = Type.Object({ role: CommunityRole }, { additionalProperties: false })
export const AddMemberBody = Type.Object({ personId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
export const FollowBody = Type.Object({ following: Type.Boolean() }, { additionalProperties: false })

export const TrajectoryEvent = Type.Object({
  fromRole: Type.Union([CommunityRole, Type.Null()]),
  toRole: Type.Union([CommunityRole, Type.Null()]),
  reason: Type.String(),
  at: Type.String(),
})
export const Trajectory = Type.Object({
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
  role: Type.Union([CommunityRole, Type.Null()]),
  events: Type.Array(TrajectoryEvent),
})
export type Trajectory = Static<typeof Trajectory>
export const TrajectoryList = Type.Object({ items: Type.Array(Trajectory) })
