import { Type, type Static } from '@sinclair/typebox'

// API shapes of insights' manager tools: exclusion, knowledge at risk (reorg simulation), practice spread and
// one-click introductions. A count of people is null when it is below the minimum aggregate (DESIGN.md).

const Id = Type.String({ minLength: 1, maxLength: 64 })
/** A count of people, or null when fewer than the minimum (withheld). */
const PeopleCount = Type.Union([Type.Integer(), Type.Null()])
const RunRef = Type.Union([Type.Null(), Type.Object({ id: Type.String(), finishedAt: Type.String() })])
const CommunityLink = Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() })
/** A discovered community as these tools name it: by its distinctive topics. */
const Discovered = Type.Object({ id: Type.String(), topics: Type.Array(Type.String()), size: Type.Integer() })

export const ExclusionQuery = Type.Object(
  {
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    newcomerWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
  },
  { additionalProperties: false },
)
export type ExclusionQuery = Static<typeof ExclusionQuery>

export const ExclusionReport = Type.Object({
  run: RunRef,
  minAggregate: Type.Integer(),
  newcomerWeeks: Type.Integer(),
  department: Type.Union([Type.String(), Type.Null()]),
  /** Departments with at least the minimum number of people, for the filter. */
  departments: Type.Array(Type.String()),
  /** People (in the filter) with no tie into any discovered community, and how many people the filter holds. */
  unconnected: PeopleCount,
  people: PeopleCount,
  unconnectedByDepartment: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
  /** Newcomers (started in the last 26 weeks, at least newcomerWeeks ago) and those of them still unconnected. */
  newcomers: PeopleCount,
  newcomersUnconnected: PeopleCount,
  /** Questions a week old or more with no answer, by community, counted when enough people asked them. */
  unanswered: Type.Array(
    Type.Object({ community: CommunityLink, questions: Type.Integer(), askers: Type.Integer(), oldestDays: Type.Integer() }),
  ),
  unansweredWithheld: Type.Integer(),
  unansweredFromNewcomers: PeopleCount,
  /** Declared communities that took in newcomers but moved none of them on in six months. */
  closedToNewcomers: Type.Array(Type.Object({ community: CommunityLink, newcomers: Type.Integer() })),
  /** The viewer's own state (their own network data). */
  me: Type.Union([Type.Null(), Type.Object({ unconnected: Type.Boolean() })]),
  /** The viewer's own reports with no tie into any community (a suggested action for their manager). */
  reports: Type.Array(
    Type.Object({
      personId: Type.String(),
      name: Type.String(),
      newcomer: Type.Boolean(),
      weeks: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
})
export type ExclusionReport = Static<typeof ExclusionReport>

export const ReorgBody = Type.Object(
  {
    people: Type.Optional(Type.Array(Id, { maxItems: 2000, uniqueItems: true })),
    departments: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 50, uniqueItems: true })),
    /** leave: the people go; move: they stay together but lose their ties to everyone else. */
    mode: Type.Union([Type.Literal('leave'), Type.Literal('move')]),
  },
  { additionalProperties: false },
)
export type ReorgBody = Static<typeof ReorgBody>

export const ReorgOptions = Type.Object({
  run: RunRef,
  minAggregate: Type.Integer(),
  /** Whom the viewer may choose: a manager their own org subtree, an admin everyone. */
  scope: Type.Union([Type.Literal('subtree'), Type.Literal('organisation')]),
  departments: Type.Array(Type.Object({ name: Type.String(), people: Type.Integer() })),
  people: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), department: Type.String(), direct: Type.Boolean() })),
})
export type ReorgOptions = Static<typeof ReorgOptions>

const NetworkShape = Type.Object({
  people: Type.Integer(),
  ties: Type.Integer(),
  components: Type.Integer(),
  largestComponent: Type.Integer(),
})

export const ReorgResult = Type.Object({
  run: Type.Object({ id: Type.String(), finishedAt: Type.String() }),
  minAggregate: Type.Integer(),
  mode: Type.Union([Type.Literal('leave'), Type.Literal('move')]),
  chosen: Type.Integer(),
  before: NetworkShape,
  after: NetworkShape,
  /** People who lose every path to the largest group (null below the minimum). */
  cutOff: PeopleCount,
  /** Share of the network's brokerage (sampled betweenness) the chosen people hold. */
  brokerageShare: Type.Number(),
  communities: Type.Array(
    Type.Object({
      community: Discovered,
      coreCount: Type.Integer(),
      coreLost: Type.Integer(),
      membersLost: Type.Integer(),
      /** Share of the community's internal tie weight that remains. */
      tiesKept: Type.Number(),
      losesCore: Type.Boolean(),
    }),
  ),
  withheld: Type.Integer(),
  /** Topics whose answerers (answers in the last year) the change takes away. */
  topics: Type.Array(Type.Object({ topic: Type.String(), answerersBefore: Type.Integer(), answerersAfter: Type.Integer() })),
  /** Links between communities that lose at least half their weight. */
  bridges: Type.Array(Type.Object({ a: Discovered, b: Discovered, before: Type.Number(), after: Type.Number() })),
})
export type ReorgResult = Static<typeof ReorgResult>

export const PracticeSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  community: CommunityLink,
  tags: Type.Array(Type.String()),
  adopters: PeopleCount,
  communities: Type.Integer(),
})
export type PracticeSummary = Static<typeof PracticeSummary>

export const PracticeList = Type.Object({ run: RunRef, minAggregate: Type.Integer(), practices: Type.Array(PracticeSummary) })
export type PracticeList = Static<typeof PracticeList>

export const PracticeSpread = Type.Object({
  run: Type.Object({ id: Type.String(), finishedAt: Type.String() }),
  minAggregate: Type.Integer(),
  practice: PracticeSummary,
  /** Month by month: discovered communities with an adopter, and adopters (null below the minimum). */
  curve: Type.Array(Type.Object({ month: Type.String(), communities: Type.Integer(), adopters: PeopleCount })),
  communities: Type.Array(
    Type.Object({
      community: Discovered,
      adopted: Type.Boolean(),
      adopters: PeopleCount,
      firstAdoptedAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  withheld: Type.Integer(),
  /** Communities that have not adopted, most likely to benefit first. */
  next: Type.Array(
    Type.Object({
      community: Discovered,
      score: Type.Number(),
      sharedTopics: Type.Array(Type.String()),
      /** Expected share of its members the practice reaches (independent cascade from today's adopters). */
      reach: Type.Number(),
      /** Tie weight to communities that adopted, per member. */
      tiesToAdopters: Type.Number(),
    }),
  ),
})
export type PracticeSpread = Static<typeof PracticeSpread>

export const ManageView = Type.Object({
  run: RunRef,
  reports: Type.Array(
    Type.Object({
      personId: Type.String(),
      name: Type.String(),
      department: Type.String(),
      connected: Type.Boolean(),
      role: Type.Union([Type.Null(), Type.Literal('core'), Type.Literal('member'), Type.Literal('bridge')]),
      community: Type.Union([Type.Null(), Discovered]),
    }),
  ),
  suggestions: Type.Array(
    Type.Object({
      report: Type.Object({ id: Type.String(), name: Type.String() }),
      partner: Type.Object({ id: Type.String(), name: Type.String() }),
      community: Discovered,
      home: CommunityLink,
      sharedTopics: Type.Array(Type.String()),
      reason: Type.String(),
    }),
  ),
})
export type ManageView = Static<typeof ManageView>

export const IntroduceBody = Type.Object({ reportId: Id, partnerId: Id }, { additionalProperties: false })
export type IntroduceBody = Static<typeof IntroduceBody>

export const IntroductionMade = Type.Object({ matchId: Type.String(), programmeId: Type.String() })
export type IntroductionMade = Static<typeof IntroductionMade>
