import { describe, expect, it } from 'vitest'
import type { MapCommunity, NetworkMap } from '../../../shared/insights-map'
import { buildModel, coloursOf, egoNetwork, PALETTE, searchNodes } from './map-model'

const community = (id: string, topics: string[], size: number): MapCommunity => ({
  id,
  topics,
  size,
  coreCount: 1,
  bridgeCount: 0,
  previousSize: null,
  isNew: false,
  x: 0,
  y: 0,
  radius: 1,
})

// A chain a – b – c of communities, and Mo (the viewer) in a with a tie into b.
const map: NetworkMap = {
  runs: [],
  windows: [],
  run: null,
  minAggregate: 5,
  withheld: 0,
  communities: [community('a', ['kubernetes'], 9), community('b', ['design'], 7), community('c', ['sql'], 6)],
  links: [
    { source: 'a', target: 'b', people: null, weight: null, fragile: true },
    { source: 'b', target: 'c', people: 5, weight: 3, fragile: false },
  ],
  people: [
    {
      id: 'mo',
      name: 'Mo',
      self: true,
      communityId: 'a',
      communityShown: true,
      role: 'bridge',
      position: 0.5,
      x: 0,
      y: 0,
      ties: [
        { communityId: 'a', weight: 3 },
        { communityId: 'b', weight: 1 },
      ],
    },
  ],
}

describe('the map model', () => {
  const model = buildModel(map)

  it('has a node per community and person, and an edge per link and tie', () => {
    expect(model.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'mo'])
    expect(model.nodes.find((n) => n.id === 'mo')).toMatchObject({ label: 'Mo (you)', bridge: true })
    expect(model.edges.map((e) => e.id)).toEqual(['a~b', 'b~c', 'mo~a', 'mo~b'])
  })

  it('focuses on a node and its neighbours within one or two steps', () => {
    expect([...egoNetwork(model, 'a', 1)].sort()).toEqual(['a', 'b', 'mo'])
    expect([...egoNetwork(model, 'a', 2)].sort()).toEqual(['a', 'b', 'c', 'mo'])
    expect([...egoNetwork(model, 'c', 1)].sort()).toEqual(['b', 'c'])
  })

  it('searches labels, ignoring case, and does nothing without a query', () => {
    expect(searchNodes(model, 'KUBER')).toEqual(new Set(['a']))
    expect(searchNodes(model, 'mo')).toEqual(new Set(['mo']))
    expect(searchNodes(model, '  ')).toBeNull()
  })

  it('gives communities distinct colours that do not depend on the others present', () => {
    const colours = coloursOf(map.communities)
    expect(new Set(colours.values()).size).toBe(3)
    for (const c of colours.values()) expect(PALETTE).toContain(c)
    expect(coloursOf([map.communities[0]!]).get('a')).toBe(colours.get('a'))
  })
})
