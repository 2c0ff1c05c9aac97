import { Type, type Static } from '@sinclair/typebox'

// API shapes of insights: community discovery. What leaves the server is only what these allow.

export const StartDiscovery = Type.Object(
  {
    windowDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 1095 })),
    halfLifeDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1095 })),
    /** A fixed Leiden resolution, or 'auto' (the default): the most stable of a small grid across seeds. */
    resolution: Type.Optional(Type.Union([Type.Number({ minimum: 0.05, maximum: 10 }), Type.Literal('auto')])),
  },
  { additionalProperties: false },
)
export type StartDiscovery = Static<typeof StartDiscovery>

export const DiscoveryStarted = Type.Object({ jobId: Type.String() })
export type DiscoveryStarted = Static<typeof DiscoveryStarted>

const Count = Type.Object({ name: Type.String(), count: Type.Integer() })

export const DiscoveredPosition = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  communityId: Type.String(),
  role: Type.Union([Type.Literal('core'), Type.Literal('member'), Type.Literal('bridge')]),
  coreness: Type.Integer(),
  participation: Type.Number(),
})
export type DiscoveredPosition = Static<typeof DiscoveredPosition>

export const DiscoveredCommunity = Type.Object({
  id: Type.String(),
  size: Type.Integer(),
  coreCount: Type.Integer(),
  bridgeCount: Type.Integer(),
  topics: Type.Array(Type.String()),
  /** Departments with at least the minimum number of members; the rest are counted in otherDepartments. */
  departments: Type.Array(Count),
  departmentCount: Type.Integer(),
  declared: Type.Array(Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String(), overlap: Type.Number() })),
  actions: Type.Array(Type.String()),
  /** Size in each finished run, oldest first: the community's trend. */
  history: Type.Array(Type.Object({ at: Type.String(), size: Type.Integer() })),
  firstSeen: Type.String(),
})
export type DiscoveredCommunity = Static<typeof DiscoveredCommunity>

export const DiscoveryReport = Type.Object({
  run: Type.Union([
    Type.Null(),
    Type.Object({
      id: Type.String(),
      finishedAt: Type.String(),
      windowDays: Type.Integer(),
      halfLifeDays: Type.Integer(),
      resolution: Type.Number(),
      resolutionMode: Type.Union([Type.Literal('auto'), Type.Literal('fixed')]),
      /** Mean pairwise NMI across seeds at the chosen resolution; null for a fixed one. */
      stability: Type.Union([Type.Number(), Type.Null()]),
      /** Every candidate an automatic run tried, in order; empty for a fixed one. */
      resolutionTrials: Type.Array(
        Type.Object({ resolution: Type.Number(), stability: Type.Number(), communities: Type.Integer(), quality: Type.Number() }),
      ),
      modularity: Type.Number(),
      people: Type.Integer(),
    }),
  ]),
  minAggregate: Type.Integer(),
  communities: Type.Array(DiscoveredCommunity),
  /** Communities smaller than the minimum, which are not shown. */
  withheld: Type.Integer(),
  /** Declared communities (open or closed) with no interaction in the window. */
  dormant: Type.Array(Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() })),
  /** The viewer's own position, and (for a manager) their direct reports'. */
  mine: Type.Union([Type.Null(), DiscoveredPosition]),
  reports: Type.Array(DiscoveredPosition),
})
export type DiscoveryReport = Static<typeof DiscoveryReport>
