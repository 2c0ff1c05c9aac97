import type { NetworkMap } from '../../../shared/insights-map'
import { labelOf } from './insights-api'

// What the map page draws and tabulates, derived from one run's map: community nodes, the viewer's and their
// reports' nodes, links and ties; and the two filters (search, and a focus with its neighbours within 1–2
// steps). Pure, so the map and the table view show exactly the same data.

export interface MapNode {
  id: string
  kind: 'community' | 'person'
  label: string
  x: number
  y: number
  /** The community it is, or the one the person is in. */
  communityId: string
  /** A person with ties across communities (role bridge). */
  bridge: boolean
  /** People in the community; 1 for a person. */
  size: number
}

export interface MapEdge {
  id: string
  kind: 'link' | 'tie'
  source: string
  target: string
  fragile: boolean
}

export interface MapModel {
  colours: Map<string, string>
  nodes: MapNode[]
  edges: MapEdge[]
  neighbours: Map<string, Set<string>>
}

/** Builds the model of one run's map. */
export function buildModel(map: NetworkMap): MapModel {
  const shown = new Set(map.communities.map((c) => c.id))
  const nodes: MapNode[] = [
    ...map.communities.map((c) => ({
      id: c.id,
      kind: 'community' as const,
      label: labelOf(c),
      x: c.x,
      y: c.y,
      communityId: c.id,
      bridge: false,
      size: c.size,
    })),
    ...map.people.map((p) => ({
      id: p.id,
      kind: 'person' as const,
      label: p.self ? `${p.name} (you)` : p.name,
      x: p.x,
      y: p.y,
      communityId: p.communityId,
      bridge: p.role === 'bridge',
      size: 1,
    })),
  ]
  const edges: MapEdge[] = [
    ...map.links.map((l) => ({
      id: `${l.source}~${l.target}`,
      kind: 'link' as const,
      source: l.source,
      target: l.target,
      fragile: l.fragile,
    })),
    ...map.people.flatMap((p) =>
      p.ties
        .filter((t) => shown.has(t.communityId))
        .map((t) => ({ id: `${p.id}~${t.communityId}`, kind: 'tie' as const, source: p.id, target: t.communityId, fragile: false })),
    ),
  ]
  const neighbours = new Map<string, Set<string>>(nodes.map((n) => [n.id, new Set<string>()]))
  for (const e of edges) {
    neighbours.get(e.source)?.add(e.target)
    neighbours.get(e.target)?.add(e.source)
  }
  return { colours: coloursOf(map.communities), nodes, edges, neighbours }
}

/** The focus and everything within `steps` steps of it (breadth-first). */
export function egoNetwork(model: MapModel, focus: string, steps: number): Set<string> {
  const seen = new Set([focus])
  let frontier = [focus]
  for (let s = 0; s < steps; s++) {
    const next: string[] = []
    for (const id of frontier)
      for (const n of model.neighbours.get(id) ?? [])
        if (!seen.has(n)) {
          seen.add(n)
          next.push(n)
        }
    frontier = next
  }
  return seen
}

/** Nodes whose label contains the query (case-insensitive); null when there is no query. */
export function searchNodes(model: MapModel, query: string): Set<string> | null {
  const q = query.trim().toLowerCase()
  if (!q) return null
  return new Set(model.nodes.filter((n) => n.label.toLowerCase().includes(q)).map((n) => n.id))
}

/** Colours of the communities, distinguishable on white. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#393b79']

/**
 * A colour per community, stable as the time slider moves: each starts from a hash of its id, and the larger
 * communities pick first, moving on to the next free colour on a clash, so neighbours rarely share one.
 */
export function coloursOf(communities: readonly { id: string; size: number }[]): Map<string, string> {
  const out = new Map<string, string>()
  const used = new Set<number>()
  for (const c of [...communities].sort((a, b) => b.size - a.size || a.id.localeCompare(b.id))) {
    let h = 0
    for (let i = 0; i < c.id.length; i++) h = (h * 31 + c.id.charCodeAt(i)) >>> 0
    let k = h % PALETTE.length
    for (let tries = 0; tries < PALETTE.length && used.has(k); tries++) k = (k + 1) % PALETTE.length
    if (used.size === PALETTE.length) used.clear()
    used.add(k)
    out.set(c.id, PALETTE[k]!)
  }
  return out
}
