// The weighted interaction graph that community discovery runs on: everyone people analytics may count
// (active, not opted out), tied by who helped or learned from whom over a time window. Older interactions
// count for less: a tie's weight halves every `halfLifeDays`, so a team that stopped working together fades
// out of the map instead of vanishing on one day. Pure: the job reads the rows and hands them in.
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

export interface InteractionGraph {
  graph: CsrGraph
  /** Person id of each node. */
  ids: string[]
  index: Map<string, number>
  /** Decayed weight of each topic in each person's interactions, for labelling communities. */
  topics: Map<string, number>[]
  /** Number of distinct pairs with a tie. */
  ties: number
}

/**
 * Builds the graph over the `allowed` people from the interactions in (now − windowDays, now]. Every allowed
 * person is a node, tied or not, so that people with no ties can be noticed; interactions with anyone else
 * are dropped whole.
 */
export function buildInteractionGraph(
  rows: readonly TieRow[],
  allowed: readonly string[],
  now: Date,
  settings: { windowDays: number; halfLifeDays: number },
): InteractionGraph {
  const ids = [...allowed].sort()
  const index = new Map(ids.map((id, i) => [id, i]))
  const topics = ids.map(() => new Map<string, number>())
  const since = now.getTime() - settings.windowDays * DAY_MS
  const pairWeight = new Map<number, number>()
  const n = ids.length
  for (const row of rows) {
    if (!row.target_id) continue
    const a = index.get(row.actor_id)
    const b = index.get(row.target_id)
    if (a === undefined || b === undefined || a === b) continue
    const at = Date.parse(row.at)
    if (!(at > since && at <= now.getTime())) continue
    const w = (row.weight > 0 ? row.weight : 1) * 0.5 ** ((now.getTime() - at) / (settings.halfLifeDays * DAY_MS))
    const key = a < b ? a * n + b : b * n + a
    pairWeight.set(key, (pairWeight.get(key) ?? 0) + w)
    for (const t of parseTopics(row.topics)) {
      topics[a]!.set(t, (topics[a]!.get(t) ?? 0) + w)
      topics[b]!.set(t, (topics[b]!.get(t) ?? 0) + w)
    }
  }
  const sources = new Int32Array(pairWeight.size)
  const targets = new Int32Array(pairWeight.size)
  const weights = new Float64Array(pairWeight.size)
  let e = 0
  for (const [key, w] of pairWeight) {
    sources[e] = Math.floor(key / n)
    targets[e] = key % n
    weights[e++] = w
  }
  return { graph: buildCsr({ n, sources, targets, weights }), ids, index, topics, ties: pairWeight.size }
}

function parseTopics(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []
  } catch {
    return []
  }
}
