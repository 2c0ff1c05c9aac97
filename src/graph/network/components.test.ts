import { describe, expect, it } from 'vitest'
import { connectedComponents, filterEdges } from './components.js'
import { buildCsr } from './csr.js'

// Two triangles joined by one edge (2–3), and a node with no edge (6).
const graph = buildCsr({ n: 7, sources: [0, 1, 2, 3, 4, 5, 2], targets: [1, 2, 0, 4, 5, 3, 3], weights: [1, 1, 1, 1, 1, 1, 3] })

describe('connected components', () => {
  it('counts nodes with edges only, largest first', () => {
    const c = connectedComponents(graph)
    expect(c.sizes).toEqual([6])
    expect(c.label[6]).toBe(-1)
  })

  it('splits when the bridge is filtered out, keeping the other weights', () => {
    const cut = filterEdges(graph, (a, b) => !(a === 2 && b === 3))
    expect(connectedComponents(cut).sizes).toEqual([3, 3])
    expect(cut.totalWeight).toBe(6)
    expect(graph.totalWeight).toBe(9)
  })

  it('isolates a removed node', () => {
    const without = filterEdges(graph, (a, b) => a !== 2 && b !== 2)
    const c = connectedComponents(without)
    expect(c.label[2]).toBe(-1)
    expect(c.sizes).toEqual([3, 2])
  })
})
