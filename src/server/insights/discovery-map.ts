// The network map of a discovery run, computed in the job so that no page lays out a graph: where each
// community's disc and each person lie (src/graph/layout.ts, starting from the previous run's places so that
// successive maps can be compared), how central each person is in their community, and each person's tie
// weight into every community (the map's links between communities are summed from these). Pure.
import { layoutByCommunity } from '../../graph/layout.js'
import type { Analysis } from './discovery-analysis.js'
import type { InteractionGraph } from './discovery-graph.js'

export interface MemberPlace {
  x: number
  y: number
  /** Share of the community's members with less internal strength (ties share the middle): 0 edge, 1 core. */
  position: number
}

export interface RunMap {
  /** By person id, for everyone in a community the run keeps. */
  members: Map<string, MemberPlace>
  /** By community label. */
  communities: Map<number, { x: number; y: number; radius: number }>
  /** Tie weight of each kept member into each kept community (label), their own included. */
  ties: { personId: string; label: number; weight: number }[]
}

/**
 * Places the run on a map. `previous` gives, by community label, where the community it was matched to lay
 * on the previous run's map.
 */
export function mapRun(g: InteractionGraph, analysis: Analysis, previous: ReadonlyMap<number, { x: number; y: number }>, seed = 1): RunMap {
  const { graph, ids } = g
  const { membership } = analysis
  let k = 0
  for (let v = 0; v < graph.n; v++) k = Math.max(k, membership[v]! + 1)
  const initialX = new Float64Array(k).fill(Number.NaN)
  const initialY = new Float64Array(k).fill(Number.NaN)
  for (const [label, place] of previous) {
    initialX[label] = place.x
    initialY[label] = place.y
  }
  const layout = layoutByCommunity(graph, membership, { seed, initial: { x: initialX, y: initialY } })
  const kept = new Set(analysis.communities.map((c) => c.label))
  const members = new Map<string, MemberPlace>()
  const communities = new Map<number, { x: number; y: number; radius: number }>()
  for (const c of analysis.communities) {
    communities.set(c.label, { x: layout.communityX[c.label]!, y: layout.communityY[c.label]!, radius: layout.radius[c.label]! })
    // Members come sorted by internal strength, strongest first.
    const n = c.members.length
    for (let i = 0; i < n;) {
      let j = i
      while (j + 1 < n && c.members[j + 1]!.strength === c.members[i]!.strength) j++
      const below = n - 1 - j
      const position = n > 1 ? (below + (j - i) / 2) / (n - 1) : 1
      for (let t = i; t <= j; t++) {
        const v = g.index.get(c.members[t]!.personId)!
        members.set(c.members[t]!.personId, { x: layout.x[v]!, y: layout.y[v]!, position })
      }
      i = j + 1
    }
  }
  const ties: RunMap['ties'] = []
  const acc = new Float64Array(k)
  const touched: number[] = []
  for (let v = 0; v < graph.n; v++) {
    if (!kept.has(membership[v]!)) continue
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
      const label = membership[graph.targets[e]!]!
      if (!kept.has(label)) continue
      if (acc[label] === 0) touched.push(label)
      acc[label] = acc[label]! + graph.weights[e]!
    }
    for (const label of touched) {
      ties.push({ personId: ids[v]!, label, weight: acc[label]! })
      acc[label] = 0
    }
    touched.length = 0
  }
  return { members, communities, ties }
}
