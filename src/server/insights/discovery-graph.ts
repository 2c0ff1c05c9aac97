// The weighted interaction graph that community discovery runs on: everyone people analytics may count
// (active, not opted out), tied by who helped or learned from whom over a time window. Older interactions
// count for less: a tie's weight halves every `halfLifeDays`, so a team that stopped working together fades
// out of the map instead of vanishing on one day. Pure: the job reads the rows and hands them in.
//
// The same interactions always give the same graph, bit for bit, so that Leiden (seeded) finds the same
// communities and the same resolution run after run: ages are counted from the newest interaction rather than
// from the moment the job runs (a run a minute later would scale every weight by a factor, and rounding would
// move near-tied moves of Leiden), rows are summed in a fixed order whatever order the database returns them
// in, and nodes are numbered by their place in the graph rather than by their random ids (two databases
// holding the same organisation give its people different ids, and Leiden's seeded visiting order follows node
// numbers).
import { buildCsr, type CsrGraph } from '../../graph/network/csr.js'

const DAY_MS = 86_400_000

/** One interaction as discovery reads it. */
export interface TieRow {
  actor_id: string
  target_id: string | null
  topics: string
  weight: number
  at: string
}

/** People as the nodes of a weighted graph of ties. */
export interface TieGraph {
  graph: CsrGraph
  /** Person id of each node, in the graph's canonical order (see canonicalOrder). */
  ids: string[]
  index: Map<string, number>
}

export interface InteractionGraph extends TieGraph {
  /** Decayed weight of each topic in each person's interactions, for labelling communities. */
  topics: Map<string, number>[]
  /** Number of distinct pairs with a tie. */
  ties: number
}

/** A tie between two people with its weight, as a run stores it. */
export interface StoredTie {
  person_a: string
  person_b: string
  weight: number
}

interface KeptRow {
  a: number
  b: number
  at: number
  weight: number
  topics: string
}

/**
 * Builds the graph over the `allowed` people from the interactions in (now − windowDays, now]. Every allowed
 * person is a node, tied or not, so that people with no ties can be noticed; interactions with anyone else
 * are dropped whole. A tie's weight halves per `halfLifeDays` of age, counted back from the newest interaction
 * kept (so only the log, not the hour of the run, decides the weights).
 */
export function buildInteractionGraph(
  rows: readonly TieRow[],
  allowed: readonly string[],
  now: Date,
  settings: { windowDays: number; halfLifeDays: number },
): InteractionGraph {
  const byId = [...allowed].sort()
  const provisional = new Map(byId.map((id, i) => [id, i]))
  const end = now.getTime()
  const since = end - settings.windowDays * DAY_MS
  const kept: KeptRow[] = []
  let newest = -Infinity
  for (const row of rows) {
    if (!row.target_id) continue
    const a = provisional.get(row.actor_id)
    const b = provisional.get(row.target_id)
    if (a === undefined || b === undefined || a === b) continue
    const at = Date.parse(row.at)
    if (!(at > since && at <= end)) continue
    kept.push({ a: Math.min(a, b), b: Math.max(a, b), at, weight: row.weight > 0 ? row.weight : 1, topics: row.topics })
    if (at > newest) newest = at
  }
  // A fixed order for the sums below: rows that tie on this key carry the same weight and topics, so their
  // order among themselves changes no sum.
  kept.sort((x, y) => x.at - y.at || x.weight - y.weight || (x.topics < y.topics ? -1 : x.topics > y.topics ? 1 : 0))

  const n = byId.length
  const pairWeight = new Map<number, number>()
  const provisionalTopics = byId.map(() => new Map<string, number>())
  const halfLifeMs = settings.halfLifeDays * DAY_MS
  for (const row of kept) {
    const w = row.weight * 0.5 ** ((newest - row.at) / halfLifeMs)
    const key = row.a * n + row.b
    pairWeight.set(key, (pairWeight.get(key) ?? 0) + w)
    for (const t of parseTopics(row.topics)) {
      for (const v of [row.a, row.b]) provisionalTopics[v]!.set(t, (provisionalTopics[v]!.get(t) ?? 0) + w)
    }
  }
  const pairs = [...pairWeight].map(([key, w]) => ({ a: Math.floor(key / n), b: key % n, w }))
  const { order, ...graph } = canonicalGraph(byId, pairs)
  return { ...graph, topics: order.map((v) => provisionalTopics[v]!), ties: pairs.length }
}

/**
 * The graph a run stored (its edges), over the `allowed` people: edges with anyone else are dropped, so a
 * person who opted out after the run is in no graph a request builds. Numbered as buildInteractionGraph
 * numbers the same ties, so seeded algorithms find what they would have found on the run's own graph.
 */
export function storedTieGraph(edges: readonly StoredTie[], allowed: readonly string[]): TieGraph {
  const byId = [...allowed].sort()
  const provisional = new Map(byId.map((id, i) => [id, i]))
  const pairs = []
  for (const e of edges) {
    const a = provisional.get(e.person_a)
    const b = provisional.get(e.person_b)
    if (a !== undefined && b !== undefined && a !== b) pairs.push({ a, b, w: e.weight })
  }
  const { graph, ids, index } = canonicalGraph(byId, pairs)
  return { graph, ids, index }
}

/** Every tie of a graph once, by person, for storing with the run. */
export function tiesOf(g: TieGraph): StoredTie[] {
  const out: StoredTie[] = []
  const { offsets, targets, weights } = g.graph
  for (let v = 0; v < g.graph.n; v++)
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++)
      if (v < targets[k]!) out.push({ person_a: g.ids[v]!, person_b: g.ids[targets[k]!]!, weight: weights[k]! })
  return out
}

/** The CSR graph of `pairs` (provisional node numbers into `byId`) with its nodes in canonical order. */
function canonicalGraph(byId: readonly string[], pairs: readonly { a: number; b: number; w: number }[]): TieGraph & { order: number[] } {
  const n = byId.length
  const order = canonicalOrder(n, pairs, byId)
  const rank = new Int32Array(n)
  order.forEach((v, i) => (rank[v] = i))
  const edges = pairs
    .map((p) => ({ a: Math.min(rank[p.a]!, rank[p.b]!), b: Math.max(rank[p.a]!, rank[p.b]!), w: p.w }))
    .sort((x, y) => x.a - y.a || x.b - y.b)
  const sources = Int32Array.from(edges, (e) => e.a)
  const targets = Int32Array.from(edges, (e) => e.b)
  const weights = Float64Array.from(edges, (e) => e.w)
  const ids = order.map((v) => byId[v]!)
  return { graph: buildCsr({ n, sources, targets, weights }), ids, index: new Map(ids.map((id, i) => [id, i])), order }
}

/**
 * Node order from the graph's own shape: strength, then degree, then the strength of the neighbourhood
 * (Σ weight × neighbour's strength), each summed in sorted order so that it does not depend on how nodes were
 * first numbered; ids break what ties remain (nodes alike in all three, often interchangeable in the graph).
 * Untied people come last.
 */
function canonicalOrder(n: number, pairs: readonly { a: number; b: number; w: number }[], byId: readonly string[]): number[] {
  const incident: number[][] = Array.from({ length: n }, () => [])
  for (const p of pairs) {
    incident[p.a]!.push(p.w)
    incident[p.b]!.push(p.w)
  }
  const strength = incident.map(sortedSum)
  const reach: number[][] = Array.from({ length: n }, () => [])
  for (const p of pairs) {
    reach[p.a]!.push(p.w * strength[p.b]!)
    reach[p.b]!.push(p.w * strength[p.a]!)
  }
  const neighbourhood = reach.map(sortedSum)
  return Array.from({ length: n }, (_, v) => v).sort(
    (x, y) =>
      strength[y]! - strength[x]! ||
      incident[y]!.length - incident[x]!.length ||
      neighbourhood[y]! - neighbourhood[x]! ||
      (byId[x]! < byId[y]! ? -1 : 1),
  )
}

function sortedSum(values: number[]): number {
  return values.sort((a, b) => a - b).reduce((s, x) => s + x, 0)
}

function parseTopics(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []
  } catch {
    return []
  }
}
