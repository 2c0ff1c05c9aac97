// The graph rules of a learning map, pure: "builds on" edges form no cycle, and a learner's path to a goal is
// the goal's prerequisites (all the way down) that they have no evidence for yet, in an order where each step
// comes after what it builds on.

/** An edge: `nodeId` builds on `prerequisiteId`. */
export interface MapEdge {
  prerequisiteId: string
  nodeId: string
}

function prerequisitesOf(edges: readonly MapEdge[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const e of edges) out.set(e.nodeId, [...(out.get(e.nodeId) ?? []), e.prerequisiteId])
  return out
}

/** Every node `id` builds on, directly or not (not `id` itself). */
export function ancestorsOf(edges: readonly MapEdge[], id: string): Set<string> {
  const prereqs = prerequisitesOf(edges)
  const seen = new Set<string>()
  const stack = [...(prereqs.get(id) ?? [])]
  while (stack.length > 0) {
    const next = stack.pop()!
    if (seen.has(next)) continue
    seen.add(next)
    stack.push(...(prereqs.get(next) ?? []))
  }
  return seen
}

/** True when adding "`nodeId` builds on `prerequisiteId`" would close a loop (or is a node building on itself). */
export function wouldCycle(edges: readonly MapEdge[], nodeId: string, prerequisiteId: string): boolean {
  return nodeId === prerequisiteId || ancestorsOf(edges, prerequisiteId).has(nodeId)
}

/**
 * The learner's path to `goal`: the goal's prerequisites they have not passed yet and then the goal (unless they
 * have). A node is passed when they know it or something that builds on it: whoever knows the advanced node is
 * past its foundations. Ordered so that each step follows what it builds on; ties go by `order` (the map's title order), so
 * the same map gives the same path.
 */
export function pathTo(edges: readonly MapEdge[], goal: string, known: ReadonlySet<string>, order: readonly string[]): string[] {
  const wanted = ancestorsOf(edges, goal)
  wanted.add(goal)
  const rank = new Map(order.map((id, i) => [id, i]))
  const inner = edges.filter((e) => wanted.has(e.nodeId) && wanted.has(e.prerequisiteId))
  const waiting = new Map([...wanted].map((id) => [id, 0]))
  for (const e of inner) waiting.set(e.nodeId, (waiting.get(e.nodeId) ?? 0) + 1)
  const byRank = (a: string, b: string) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)
  const ready = [...wanted].filter((id) => waiting.get(id) === 0).sort(byRank)
  const sorted: string[] = []
  while (ready.length > 0) {
    const id = ready.shift()!
    sorted.push(id)
    for (const e of inner)
      if (e.prerequisiteId === id) {
        const left = (waiting.get(e.nodeId) ?? 0) - 1
        waiting.set(e.nodeId, left)
        if (left === 0) {
          ready.push(e.nodeId)
          ready.sort(byRank)
        }
      }
  }
  // Two stewards linking at once could leave a loop; its nodes still belong on the path, after the rest.
  for (const id of [...wanted].sort(byRank)) if (!sorted.includes(id)) sorted.push(id)
  const passed = new Set(known)
  for (const id of known) for (const below of ancestorsOf(edges, id)) passed.add(below)
  return sorted.filter((id) => !passed.has(id))
}
