import { Type, type Static } from '@sinclair/typebox'
import { Id } from './schemas.js'

// API shapes of the network map and of trajectories (insights). Privacy (DESIGN.md): the map shows communities
// as aggregate nodes (at least the minimum number of people) and the links between them; the only people on it
// are the viewer and, for a manager, their own direct reports. What leaves the server is only what these allow.

const Role = Type.Union([Type.Literal('core'), Type.Literal('member'), Type.Literal('bridge')])

export const NetworkMapQuery = Type.Object({ run: Type.Optional(Id) }, { additionalProperties: false })
export type NetworkMapQuery = Static<typeof NetworkMapQuery>

export const MapRun = Type.Object({
  id: Type.String(),
  finishedAt: Type.String(),
  windowDays: Type.Integer(),
})
export type MapRun = Static<typeof MapRun>

export const MapCommunity = Type.Object({
  id: Type.String(),
  topics: Type.Array(Type.String()),
  size: Type.Integer(),
  coreCount: Type.Integer(),
  bridgeCount: Type.Integer(),
  /** Size in the run before this one, when it was shown then (at least the minimum); null otherwise. */
  previousSize: Type.Union([Type.Integer(), Type.Null()]),
  /** Not found by the run before this one on the map: a community that formed (or split off) since. */
  isNew: Type.Boolean(),
  x: Type.Number(),
  y: Type.Number(),
  radius: Type.Number(),
})
export type MapCommunity = Static<typeof MapCommunity>

export const MapLink = Type.Object({
  source: Type.String(),
  target: Type.String(),
  /** People who carry ties across, and the ties' weight, when at least the minimum; else null (a fragile link). */
  people: Type.Union([Type.Integer(), Type.Null()]),
  weight: Type.Union([Type.Number(), Type.Null()]),
  /** Carried by fewer than the minimum number of people: a bridge that a single departure could break. */
  fragile: Type.Boolean(),
})
export type MapLink = Static<typeof MapLink>

export const MapPerson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** The viewer themself (else one of their direct reports). */
  self: Type.Boolean(),
  communityId: Type.String(),
  /** Whether their community is on the map (it may be below the minimum size). */
  communityShown: Type.Boolean(),
  role: Role,
  /** 0 at the edge of their community, 1 at its core. */
  position: Type.Number(),
  x: Type.Number(),
  y: Type.Number(),
  /** Their tie weight into each community on the map, their own included. */
  ties: Type.Array(Type.Object({ communityId: Type.String(), weight: Type.Number() })),
})
export type MapPerson = Static<typeof MapPerson>

export const NetworkMap = Type.Object({
  /** Runs with a map over the same window as this one, oldest first: the time slider's stops. */
  runs: Type.Array(MapRun),
  /** Each window that runs with a map used, with its latest run: a map is compared only with runs of its window. */
  windows: Type.Array(Type.Object({ windowDays: Type.Integer(), latestRunId: Type.String() })),
  run: Type.Union([MapRun, Type.Null()]),
  minAggregate: Type.Integer(),
  communities: Type.Array(MapCommunity),
  links: Type.Array(MapLink),
  people: Type.Array(MapPerson),
  /** Communities below the minimum, not drawn. */
  withheld: Type.Integer(),
})
export type NetworkMap = Static<typeof NetworkMap>

/** One step of a typical path: the median position of members in their n-th run in the community. */
export const TypicalStep = Type.Object({ tenure: Type.Integer(), median: Type.Number(), people: Type.Integer() })
export type TypicalStep = Static<typeof TypicalStep>

export const TrajectoryPoint = Type.Object({
  runId: Type.String(),
  at: Type.String(),
  /** The person's n-th run in this community. */
  tenure: Type.Integer(),
  position: Type.Number(),
  role: Role,
})

export const PersonTrajectory = Type.Object({
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  /** Opted out of analytics: nothing is computed about them. */
  optedOut: Type.Boolean(),
  communities: Type.Array(
    Type.Object({
      id: Type.String(),
      /** Null when the community is below the minimum size in the latest run: it is not described. */
      topics: Type.Union([Type.Array(Type.String()), Type.Null()]),
      points: Type.Array(TrajectoryPoint),
      /** The community's typical path (aggregates of at least the minimum); empty when withheld. */
      typical: Type.Array(TypicalStep),
      /** At the edge for the last runs in a row while members at that stage are typically further in. */
      stuckAtEdge: Type.Boolean(),
    }),
  ),
})
export type PersonTrajectory = Static<typeof PersonTrajectory>

export const CommunityTrajectory = Type.Object({
  id: Type.String(),
  minAggregate: Type.Integer(),
  typical: Type.Array(TypicalStep),
  /** How many current members are stuck at the edge. */
  stuckAtEdge: Type.Integer(),
  /** The viewer's own direct reports among them: a manager's suggested action, named to them alone. */
  reportsStuck: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), tenure: Type.Integer(), position: Type.Number() })),
})
export type CommunityTrajectory = Static<typeof CommunityTrajectory>
