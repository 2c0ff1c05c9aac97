import { Type, type Static } from '@sinclair/typebox'
import { Id, PersonSummary, TagList } from './schemas.js'

// Learning maps (issue 14): a community's skills and practices as a graph, shared by the server and the web app.

const Title = Type.String({ minLength: 2, maxLength: 80, pattern: '\\S' })

export const MapParams = Type.Object({ slug: Type.String({ minLength: 2, maxLength: 60 }) })
export const MapNodeParams = Type.Object({ slug: Type.String({ minLength: 2, maxLength: 60 }), nodeId: Id })
export const MapEdgeParams = Type.Object({ slug: Type.String({ minLength: 2, maxLength: 60 }), nodeId: Id, prerequisiteId: Id })

export const CatalogueKind = Type.Union([Type.Literal('module'), Type.Literal('quiz'), Type.Literal('session')])
export type CatalogueKind = Static<typeof CatalogueKind>
export const MapResourceParams = Type.Object({
  slug: Type.String({ minLength: 2, maxLength: 60 }),
  nodeId: Id,
  kind: CatalogueKind,
  refId: Id,
})

export const NewMapNode = Type.Object(
  {
    title: Title,
    description: Type.Optional(Type.String({ maxLength: 1_000 })),
    /** Posts and people on these tags belong to the node; by default the title as a tag. */
    tags: Type.Optional(TagList),
  },
  { additionalProperties: false },
)
export type NewMapNode = Static<typeof NewMapNode>
export const MapNodePatch = Type.Partial(NewMapNode, { additionalProperties: false })
export type MapNodePatch = Static<typeof MapNodePatch>

/** "nodeId builds on prerequisiteId". */
export const NewMapEdge = Type.Object({ prerequisiteId: Id }, { additionalProperties: false })
export const NewMapResource = Type.Object({ kind: CatalogueKind, id: Id }, { additionalProperties: false })
export const MapGoalInput = Type.Object({ nodeId: Type.Union([Id, Type.Null()]) }, { additionalProperties: false })

const CatalogueResource = Type.Object({
  kind: CatalogueKind,
  id: Type.String(),
  title: Type.String(),
  /** The web app's page for it. */
  href: Type.String(),
  done: Type.Boolean(),
})
const PostResource = Type.Object({ id: Type.Integer(), kind: Type.String(), title: Type.String() })
const Expert = Type.Object({ person: PersonSummary, accepted: Type.Integer(), upvoted: Type.Integer() })

export const MapNode = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  tags: Type.Array(Type.String()),
  /** The nodes this one builds on. */
  prerequisites: Type.Array(Type.String()),
  catalogue: Type.Array(CatalogueResource),
  posts: Type.Array(PostResource),
  people: Type.Array(Expert),
  /** Why the viewer stands here (empty when they do not): "completed …", "2 answers on …". */
  evidence: Type.Array(Type.String()),
})
export type MapNode = Static<typeof MapNode>

export const LearningMap = Type.Object({
  community: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
  canEdit: Type.Boolean(),
  nodes: Type.Array(MapNode),
  /** Ids of the nodes where the viewer has evidence. */
  position: Type.Array(Type.String()),
  goal: Type.Union([Type.String(), Type.Null()]),
  /** From where the viewer stands to the goal: the goal's prerequisites still ahead, in order, then the goal. */
  path: Type.Array(Type.String()),
})
export type LearningMap = Static<typeof LearningMap>

/** Catalogue items a steward may attach (those the community's members can see). */
export const AttachableList = Type.Object({
  items: Type.Array(Type.Object({ kind: CatalogueKind, id: Type.String(), title: Type.String() })),
})
export type AttachableList = Static<typeof AttachableList>

export const SeedResult = Type.Object({ added: Type.Integer() })
