import { Type, type Static } from '@sinclair/typebox'

// The learning catalogue as other places show it: search results and a community's "Learning" section.

export const CatalogueKind = Type.Union([
  Type.Literal('lesson'),
  Type.Literal('scorm'),
  Type.Literal('quiz'),
  Type.Literal('session'),
  Type.Literal('simulation'),
])
export type CatalogueKind = Static<typeof CatalogueKind>

export const CatalogueItem = Type.Object({
  kind: CatalogueKind,
  id: Type.String(),
  title: Type.String(),
  /** The item's description, or the start of its text; plain text. */
  summary: Type.String(),
  /** The web app's path of the item's page. */
  href: Type.String(),
  /** Null for an item of the whole organisation. */
  community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
  /** Sessions only: when it starts (ISO). */
  startsAt: Type.Union([Type.String(), Type.Null()]),
})
export type CatalogueItem = Static<typeof CatalogueItem>

export const CatalogueList = Type.Object({ items: Type.Array(CatalogueItem) })
export type CatalogueList = Static<typeof CatalogueList>

/** What each kind is called where it is shown. */
export const CATALOGUE_KIND_LABEL: Record<CatalogueKind, string> = {
  lesson: 'Lesson',
  scorm: 'E-learning module',
  quiz: 'Quiz',
  session: 'Session',
  simulation: 'Simulation',
}
