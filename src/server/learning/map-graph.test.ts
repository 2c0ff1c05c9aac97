import { describe, expect, it } from 'vitest'
import { ancestorsOf, pathTo, wouldCycle, type MapEdge } from './map-graph.js'

// a ← b ← d, a ← c ← d, d ← e: "d builds on b and c", and so on.
const edges: MapEdge[] = [
  { prerequisiteId: 'a', nodeId: 'b' },
  { prerequisiteId: 'a', nodeId: 'c' },
  { prerequisiteId: 'b', nodeId: 'd' },
  { prerequisiteId: 'c', nodeId: 'd' },
  { prerequisiteId: 'd', nodeId: 'e' },
]
const order = ['a', 'b', 'c', 'd', 'e', 'x']

describe('learning map graph rules', () => {
  it('finds everything a node builds on', () => {
    expect([...ancestorsOf(edges, 'e')].sort()).toEqual(['a', 'b', 'c', 'd'])
    expect(ancestorsOf(edges, 'a').size).toBe(0)
  })

  it('refuses links that would close a loop', () => {
    expect(wouldCycle(edges, 'a', 'e')).toBe(true)
    expect(wouldCycle(edges, 'b', 'b')).toBe(true)
    expect(wouldCycle(edges, 'e', 'a')).toBe(false)
    expect(wouldCycle(edges, 'x', 'e')).toBe(false)
  })

  it('orders the path so each step follows what it builds on, skipping what the learner is past', () => {
    expect(pathTo(edges, 'e', new Set(), order)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(pathTo(edges, 'e', new Set(['c']), order)).toEqual(['b', 'd', 'e'])
    expect(pathTo(edges, 'e', new Set(['d']), order)).toEqual(['e'])
    expect(pathTo(edges, 'c', new Set(['c']), order)).toEqual([])
    expect(pathTo(edges, 'x', new Set(), order)).toEqual(['x'])
  })

  it('still gives every node of a loop a place, should racing links have made one', () => {
    const loop = [...edges, { prerequisiteId: 'e', nodeId: 'a' }]
    expect(pathTo(loop, 'e', new Set(), order).sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
})
