// What insights' manager tools (exclusion, reorg simulation, practice spread, introductions) read together:
// the latest discovery run as today's roster allows it (opted-out and departed people dropped at once), and,
// when a tool needs ties, the graph the run stored (the job computes; requests only read).
import { analyticsRoster, type AnalyticsPerson } from '../people/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import { buildInteractionGraph, storedTieGraph, type TieGraph } from './discovery-graph.js'
import {
  findEdgesOfRun,
  findLatestDoneRun,
  findMembersOfRun,
  findSnapshotsOfRun,
  findTiesSince,
  type DiscoveredMemberRow,
  type DiscoveryRunRow,
} from './discovery-store.js'

const DAY_MS = 86_400_000

/** A discovered community of the latest run, with its members as today's roster allows. */
export interface RunCommunity {
  id: string
  topics: string[]
  /** Declared communities it overlaps, best first (from the run). */
  declared: { id: string; slug: string; name: string; overlap: number }[]
  members: DiscoveredMemberRow[]
}

export interface RunContext {
  run: DiscoveryRunRow
  roster: AnalyticsPerson[]
  rosterById: Map<string, AnalyticsPerson>
  /** Communities of the run, all sizes; callers withhold those below the minimum. */
  communities: RunCommunity[]
  /** Person id → their position in the run, for people in today's roster. */
  placed: Map<string, DiscoveredMemberRow>
}

export const parseJson = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

/** The latest finished run as today's roster allows it; undefined when no run has finished. */
export async function loadRunContext(db: Db): Promise<RunContext | undefined> {
  const run = await findLatestDoneRun(db)
  if (!run) return undefined
  const roster = await analyticsRoster(db)
  const rosterById = new Map(roster.map((p) => [p.id, p]))
  const members = (await findMembersOfRun(db, run.id)).filter((m) => rosterById.has(m.person_id))
  const byCommunity = new Map<string, DiscoveredMemberRow[]>()
  for (const m of members) {
    const list = byCommunity.get(m.community_id) ?? []
    list.push(m)
    byCommunity.set(m.community_id, list)
  }
  const communities = (await findSnapshotsOfRun(db, run.id)).map((s) => ({
    id: s.community_id,
    topics: parseJson<string[]>(s.topics, []),
    declared: parseJson<RunCommunity['declared']>(s.declared, []),
    members: byCommunity.get(s.community_id) ?? [],
  }))
  return { run, roster, rosterById, communities, placed: new Map(members.map((m) => [m.person_id, m])) }
}

/**
 * The graph the run stored, over today's roster (anyone who opted out or left since is dropped with their
 * ties), numbered as the run numbered it. A run from before graphs were stored (migration 0041) gets its graph
 * rebuilt once from the log over its own window, as the run saw it.
 */
export async function loadRunGraph(db: Db, context: RunContext): Promise<TieGraph> {
  const allowed = context.roster.map((p) => p.id)
  const edges = await findEdgesOfRun(db, context.run.id)
  if (edges.length > 0 || context.run.ties === 0) return storedTieGraph(edges, allowed)
  const end = new Date(context.run.finished_at ?? context.run.started_at)
  const rows = await findTiesSince(db, new Date(end.getTime() - context.run.window_days * DAY_MS).toISOString())
  return buildInteractionGraph(rows, allowed, end, { windowDays: context.run.window_days, halfLifeDays: context.run.half_life_days })
}

/** Each node's betweenness as the run measured it (shares of it compare alike); 0 for anyone it did not place. */
export function runBetweenness(context: RunContext, g: TieGraph): Float64Array {
  const out = new Float64Array(g.graph.n)
  g.ids.forEach((id, v) => (out[v] = context.placed.get(id)?.betweenness ?? 0))
  return out
}

/** A count of people as aggregates may show it: null below the minimum (zero included). */
export function atLeast(count: number, minAggregate: number): number | null {
  return count >= minAggregate ? count : null
}

/** Everyone below `managerId` in the org chart (reports, their reports, ...), cycles tolerated. */
export function subtreeOf(roster: readonly AnalyticsPerson[], managerId: string): Set<string> {
  const reportsOf = new Map<string, string[]>()
  for (const p of roster) {
    if (!p.managerId) continue
    const list = reportsOf.get(p.managerId) ?? []
    list.push(p.id)
    reportsOf.set(p.managerId, list)
  }
  const out = new Set<string>()
  const stack = [...(reportsOf.get(managerId) ?? [])]
  while (stack.length) {
    const id = stack.pop()!
    if (id === managerId || out.has(id)) continue
    out.add(id)
    stack.push(...(reportsOf.get(id) ?? []))
  }
  return out
}
