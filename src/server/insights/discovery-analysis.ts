// What discovery says about each community it finds: the Leiden partition (best of a few seeds), each
// person's position (internal strength, coreness, participation, constraint, sampled betweenness), the core
// and the bridges, the distinctive topics, the departments spanned, the declared communities it overlaps,
// and an identity carried over from the previous run by matching members. Pure: no database.
import { approximateBetweenness } from '../../graph/network/betweenness.js'
import { leiden } from '../../graph/network/leiden.js'
import { burtConstraint, coreness, participationCoefficient } from '../../graph/network/structure.js'
import type { InteractionGraph } from './discovery-graph.js'

/** Share of a community's members, by internal strength, who make up its core. */
const CORE_SHARE = 0.2
/** A member whose ties spread this evenly across communities (participation coefficient) is a bridge. */
const BRIDGE_PARTICIPATION = 0.4
/** Jaccard overlap of members above which a community is the same as one of the previous run. */
const SAME_COMMUNITY = 0.3
/** Jaccard overlap above which a declared community is this discovered community's home. */
const HOME_OVERLAP = 0.2

export interface MemberPosition {
  personId: string
  role: 'core' | 'member' | 'bridge'
  strength: number
  coreness: number
  participation: number
  constraint: number
  betweenness: number
}

export interface DeclaredCommunity {
  id: string
  slug: string
  name: string
  memberIds: readonly string[]
}

export interface FoundCommunity {
  /** The community's label in `Analysis.membership`. */
  label: number
  /** The previous run's id when matched, else undefined (a new community). */
  previousId: string | undefined
  members: MemberPosition[]
  internalWeight: number
  topics: string[]
  departments: { name: string; count: number }[]
  declared: { id: string; slug: string; name: string; overlap: number }[]
  actions: string[]
}

export interface Analysis {
  communities: FoundCommunity[]
  modularity: number
  /** Community label of each node of the graph (Leiden's best partition). */
  membership: Int32Array
  /** People with no tie at all in the window. */
  unconnected: string[]
}

/** Partitions the graph and describes every community of at least two people. */
export function analyseCommunities(
  g: InteractionGraph,
  context: {
    resolution: number
    seeds: number
    departmentOf: ReadonlyMap<string, string>
    previous: ReadonlyMap<string, string>
    declared: readonly DeclaredCommunity[]
    /** A partition found already (the automatic resolution's best run), so Leiden is not run again. */
    partition?: { membership: Int32Array; quality: number }
  },
): Analysis {
  const { graph, ids } = g
  const best = context.partition ?? bestOfSeeds(graph, context.resolution, context.seeds)
  const membership = best.membership
  const core = coreness(graph)
  const participation = participationCoefficient(graph, membership)
  const constraint = burtConstraint(graph)
  const betweenness = approximateBetweenness(graph, { samples: 256, normalized: true })
  const groups = new Map<number, number[]>()
  const unconnected: string[] = []
  for (let v = 0; v < graph.n; v++) {
    if (graph.offsets[v + 1] === graph.offsets[v]) {
      unconnected.push(ids[v]!)
      continue
    }
    const list = groups.get(membership[v]!) ?? []
    list.push(v)
    groups.set(membership[v]!, list)
  }
  const found: FoundCommunity[] = []
  for (const nodes of groups.values()) {
    if (nodes.length < 2) continue
    const c = membership[nodes[0]!]!
    let internalWeight = 0
    const members = nodes.map((v): MemberPosition => {
      let strength = 0
      for (let k = graph.offsets[v]!; k < graph.offsets[v + 1]!; k++) if (membership[graph.targets[k]!] === c) strength += graph.weights[k]!
      internalWeight += strength / 2
      return {
        personId: ids[v]!,
        role: 'member',
        strength,
        coreness: core[v]!,
        participation: participation[v]!,
        constraint: Number.isNaN(constraint[v]!) ? 1 : constraint[v]!,
        betweenness: betweenness[v]!,
      }
    })
    members.sort((a, b) => b.strength - a.strength || a.personId.localeCompare(b.personId))
    const coreCount = Math.max(1, Math.ceil(members.length * CORE_SHARE))
    members.forEach((m, i) => {
      if (i < coreCount) m.role = 'core'
      else if (m.participation >= BRIDGE_PARTICIPATION) m.role = 'bridge'
    })
    found.push({
      label: c,
      previousId: undefined,
      members,
      internalWeight,
      topics: distinctiveTopics(g, nodes),
      departments: departmentsOf(members, context.departmentOf),
      declared: [],
      actions: [],
    })
  }
  found.sort((a, b) => b.members.length - a.members.length)
  matchPrevious(found, context.previous)
  compareWithDeclared(found, context.declared)
  return { communities: found, modularity: best.quality, membership, unconnected }
}

/** Topics over-represented in the community against the whole graph, weighted by their mass (log-lift). */
function distinctiveTopics(g: InteractionGraph, nodes: number[]): string[] {
  const inside = new Map<string, number>()
  let insideTotal = 0
  for (const v of nodes)
    for (const [t, w] of g.topics[v]!) {
      inside.set(t, (inside.get(t) ?? 0) + w)
      insideTotal += w
    }
  const all = new Map<string, number>()
  let total = 0
  for (const m of g.topics)
    for (const [t, w] of m) {
      all.set(t, (all.get(t) ?? 0) + w)
      total += w
    }
  return [...inside]
    .map(([t, w]) => ({ t, score: w * Math.log(w / insideTotal / (all.get(t)! / total)) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.t.localeCompare(b.t))
    .slice(0, 5)
    .map((x) => x.t)
}

function departmentsOf(members: MemberPosition[], departmentOf: ReadonlyMap<string, string>) {
  const counts = new Map<string, number>()
  for (const m of members) {
    const d = departmentOf.get(m.personId) || 'No department'
    counts.set(d, (counts.get(d) ?? 0) + 1)
  }
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
}

/**
 * Gives each community the identity of the previous run's community it overlaps most (Jaccard of members,
 * at least SAME_COMMUNITY), greedily from the largest overlap, one to one.
 */
function matchPrevious(found: FoundCommunity[], previous: ReadonlyMap<string, string>): void {
  const previousSize = new Map<string, number>()
  for (const c of previous.values()) previousSize.set(c, (previousSize.get(c) ?? 0) + 1)
  const pairs: { i: number; id: string; jaccard: number }[] = []
  found.forEach((f, i) => {
    const shared = new Map<string, number>()
    for (const m of f.members) {
      const p = previous.get(m.personId)
      if (p) shared.set(p, (shared.get(p) ?? 0) + 1)
    }
    for (const [id, s] of shared) pairs.push({ i, id, jaccard: s / (f.members.length + previousSize.get(id)! - s) })
  })
  pairs.sort((a, b) => b.jaccard - a.jaccard || a.i - b.i || a.id.localeCompare(b.id))
  const taken = new Set<string>()
  for (const p of pairs) {
    if (p.jaccard < SAME_COMMUNITY) break
    if (taken.has(p.id) || found[p.i]!.previousId) continue
    found[p.i]!.previousId = p.id
    taken.add(p.id)
  }
}

/** Declared communities that share members with each discovered one, and what to suggest about it. */
function compareWithDeclared(found: FoundCommunity[], declared: readonly DeclaredCommunity[]): void {
  for (const f of found) {
    const ids = new Set(f.members.map((m) => m.personId))
    f.declared = declared
      .map((d) => {
        const shared = d.memberIds.filter((id) => ids.has(id)).length
        return { id: d.id, slug: d.slug, name: d.name, overlap: shared / (ids.size + d.memberIds.length - shared) }
      })
      .filter((d) => d.overlap >= 0.05)
      .sort((a, b) => b.overlap - a.overlap)
      .slice(0, 3)
    if (!f.declared.some((d) => d.overlap >= HOME_OVERLAP)) f.actions.push('no_home')
    if (f.departments.length > 1) f.actions.push('spans_departments')
  }
}

/** Leiden at one resolution with seeds 1 .. seeds; the best partition by quality. */
function bestOfSeeds(graph: InteractionGraph['graph'], resolution: number, seeds: number) {
  let best = leiden(graph, { resolution, seed: 1 })
  for (let seed = 2; seed <= seeds; seed++) {
    const r = leiden(graph, { resolution, seed })
    if (r.quality > best.quality) best = r
  }
  return best
}
