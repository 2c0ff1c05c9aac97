import { describe, expect, it } from 'vitest'
import { isStuckAtEdge, seriesByPerson, typicalPath, type PlaceRow } from './trajectory-analysis.js'

const row = (run: number, person: string, position: number | null): PlaceRow => ({
  run_id: `r${run}`,
  finished_at: `2026-01-0${run}T00:00:00Z`,
  person_id: person,
  community_id: 'c',
  role: 'member',
  position,
})

describe('trajectories', () => {
  // Five people in every run, moving in; "late" joins at run 2; "edge" stays at the edge.
  const rows: PlaceRow[] = []
  for (let run = 1; run <= 4; run++) {
    for (const p of ['a', 'b', 'c', 'd']) rows.push(row(run, p, Math.min(1, 0.2 * run + 0.1)))
    rows.push(row(run, 'edge', 0.1))
    if (run >= 2) rows.push(row(run, 'late', 0.05))
  }
  const series = seriesByPerson(rows)

  it('counts tenure as the n-th run in the community', () => {
    expect(series.get('late')!.map((p) => p.tenure)).toEqual([1, 2, 3])
    expect(series.get('a')!.map((p) => p.runId)).toEqual(['r1', 'r2', 'r3', 'r4'])
  })

  it('keeps only the steps that at least the minimum of people reached, with their median', () => {
    const typical = typicalPath(series, 5)
    // Tenure 4 was reached by five people (a-d and edge); tenure 1 by six.
    expect(typical.map((s) => [s.tenure, s.people])).toEqual([
      [1, 6],
      [2, 6],
      [3, 6],
      [4, 5],
    ])
    expect(typical[3]!.median).toBeCloseTo(0.9)
    expect(typicalPath(series, 7)).toEqual([])
  })

  it('notes someone at the edge for three runs, behind the typical path, and still there', () => {
    const typical = typicalPath(series, 5)
    expect(isStuckAtEdge(series.get('edge')!, typical, 'r4')).toBe(true)
    expect(isStuckAtEdge(series.get('late')!, typical, 'r4')).toBe(true)
    expect(isStuckAtEdge(series.get('a')!, typical, 'r4')).toBe(false)
    // Gone from the community in the latest run: not stuck in it.
    expect(isStuckAtEdge(series.get('edge')!, typical, 'r5')).toBe(false)
    // Two runs are not yet a pattern.
    expect(isStuckAtEdge(series.get('edge')!.slice(0, 2), typical, 'r2')).toBe(false)
  })
})
