// Trajectories (DESIGN.md principle 3, "learning is participation"): a person's position in a community over
// the discovery runs, from the edge (0) to the core (1), against the community's typical path: the median
// position of its members in their first, second, ... run in it. Someone at the edge run after run while
// members at that stage are typically further in is "stuck at the edge": the sign of exclusion a manager or a
// steward can act on. Pure: the services read the rows.

/** Below this position a member is at the edge of their community (its least tied third). */
export const EDGE = 1 / 3
/** Runs in a row at the edge before someone counts as stuck there. */
export const STUCK_RUNS = 3

export interface PlaceRow {
  run_id: string
  finished_at: string | null
  person_id: string
  community_id: string
  role: 'core' | 'member' | 'bridge'
  position: number | null
}

export interface Point {
  runId: string
  at: string
  tenure: number
  position: number
  role: PlaceRow['role']
}

/**
 * Each person's points in one community, oldest first, with their tenure: their n-th run in it (runs where they
 * were elsewhere do not count). Rows must be of one community and come oldest first.
 */
export function seriesByPerson(rows: readonly PlaceRow[]): Map<string, Point[]> {
  const out = new Map<string, Point[]>()
  for (const r of rows) {
    if (r.position === null) continue
    const list = out.get(r.person_id) ?? []
    list.push({ runId: r.run_id, at: r.finished_at ?? '', tenure: list.length + 1, position: r.position, role: r.role })
    out.set(r.person_id, list)
  }
  return out
}

/** The median position at each tenure, where at least `minAggregate` people reached it (an aggregate). */
export function typicalPath(
  series: ReadonlyMap<string, Point[]>,
  minAggregate: number,
): { tenure: number; median: number; people: number }[] {
  const byTenure = new Map<number, number[]>()
  for (const points of series.values())
    for (const p of points) {
      const list = byTenure.get(p.tenure) ?? []
      list.push(p.position)
      byTenure.set(p.tenure, list)
    }
  return [...byTenure]
    .filter(([, values]) => values.length >= minAggregate)
    .sort((a, b) => a[0] - b[0])
    .map(([tenure, values]) => ({ tenure, median: median(values), people: values.length }))
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/**
 * Stuck at the edge: still in the community in the latest run, at the edge in each of their last STUCK_RUNS
 * runs in it, and behind the typical member at the same tenure (where the typical path is known).
 */
export function isStuckAtEdge(
  points: readonly Point[],
  typical: readonly { tenure: number; median: number }[],
  latestRunId: string,
): boolean {
  if (points.length < STUCK_RUNS) return false
  const last = points[points.length - 1]!
  if (last.runId !== latestRunId) return false
  if (!points.slice(-STUCK_RUNS).every((p) => p.position < EDGE)) return false
  const usual = typical.find((t) => t.tenure === last.tenure)
  return usual === undefined || usual.median > last.position
}
