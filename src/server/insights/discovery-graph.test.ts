import { describe, expect, it } from 'vitest'
import { chooseResolution, RESOLUTION_DEFAULTS } from '../../graph/network/resolution.js'
import { analyseCommunities } from './discovery-analysis.js'
import { buildInteractionGraph, type TieRow } from './discovery-graph.js'

const NOW = new Date('2025-06-01T00:00:00.000Z')
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString()
const tie = (a: string, b: string, d: number, topics: string[] = [], weight = 1): TieRow => ({
  actor_id: a,
  target_id: b,
  topics: JSON.stringify(topics),
  weight,
  at: daysAgo(d),
})

describe('buildInteractionGraph', () => {
  it('halves a tie per half-life, drops what is outside the window or involves anyone not allowed', () => {
    const g = buildInteractionGraph(
      [
        tie('a', 'b', 0),
        tie('b', 'a', 30),
        tie('a', 'c', 400),
        tie('a', 'x', 1),
        tie('c', 'c', 1),
        { ...tie('a', 'c', 1), target_id: null },
      ],
      ['a', 'b', 'c'],
      NOW,
      { windowDays: 365, halfLifeDays: 30 },
    )
    expect(g.ids).toEqual(['a', 'b', 'c'])
    expect(g.ties).toBe(1)
    expect(g.graph.totalWeight).toBeCloseTo(1 + 0.5, 12)
    // c is still a node, with no ties: someone to notice, not to drop.
    expect(g.graph.offsets[3]! - g.graph.offsets[2]!).toBe(0)
  })
})

describe('buildInteractionGraph gives the same graph for the same interactions', () => {
  // A noisy organisation of 40 people in four groups, from a seeded generator, with ties of varied age.
  let state = 11
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
  const people = Array.from({ length: 40 }, (_, i) => `p${i}`)
  const rows: TieRow[] = []
  for (let k = 0; k < 400; k++) {
    const a = Math.floor(next() * 40)
    const inside = next() < 0.7
    const b = inside ? (a - (a % 10) + Math.floor(next() * 10)) % 40 : Math.floor(next() * 40)
    rows.push(tie(people[a]!, people[b]!, Math.floor(next() * 300), [`topic${a % 4}`], next() < 0.2 ? 2 : 1))
  }
  const settings = { windowDays: 365, halfLifeDays: 90 }
  const byPerson = (g: ReturnType<typeof buildInteractionGraph>, rename: (id: string) => string = (id) => id) => {
    const out: string[] = []
    for (let v = 0; v < g.graph.n; v++)
      for (let k = g.graph.offsets[v]!; k < g.graph.offsets[v + 1]!; k++)
        out.push(`${rename(g.ids[v]!)}-${rename(g.ids[g.graph.targets[k]!]!)}:${g.graph.weights[k]}`)
    return out
  }

  it('whatever ids the people have and whatever order the rows come in: same numbering, same weights to the bit', () => {
    const g = buildInteractionGraph(rows, people, NOW, settings)
    // The same people under other ids (another database) whose sort order differs, rows reversed.
    const renamed = (id: string) => `z${(1000 - Number(id.slice(1))).toString()}`
    const back = new Map(people.map((id) => [renamed(id), id]))
    const other = buildInteractionGraph(
      rows.map((r) => ({ ...r, actor_id: renamed(r.actor_id), target_id: renamed(r.target_id!) })).reverse(),
      people.map(renamed),
      NOW,
      settings,
    )
    expect(other.ids.map((id) => back.get(id))).toEqual(g.ids)
    expect(byPerson(other, (id) => back.get(id)!)).toEqual(byPerson(g))
    expect([...other.graph.strength]).toEqual([...g.graph.strength])
    expect(other.topics).toEqual(g.topics)
  })

  it('whenever the run happens, as long as the window holds the same interactions', () => {
    const g = buildInteractionGraph(rows, people, NOW, settings)
    const later = buildInteractionGraph(rows, people, new Date(NOW.getTime() + 3 * 86_400_000 + 1234), settings)
    expect(byPerson(later)).toEqual(byPerson(g))
    expect(later.graph.totalWeight).toBe(g.graph.totalWeight)
  })

  it('and so the same communities and the same automatic resolution', () => {
    const runs = [NOW, new Date(NOW.getTime() + 60_000)].map((now, i) => {
      const renamed = (id: string) => (i ? `q${id.split('').reverse().join('')}` : id)
      const g = buildInteractionGraph(
        rows.map((r) => ({ ...r, actor_id: renamed(r.actor_id), target_id: renamed(r.target_id!) })),
        people.map(renamed),
        now,
        settings,
      )
      const choice = chooseResolution(g.graph, { candidates: RESOLUTION_DEFAULTS.candidates, seeds: 5, tolerance: 0.03 })
      const groups = new Map<number, string[]>()
      g.ids.forEach((id, v) =>
        groups.set(choice.membership[v]!, [
          ...(groups.get(choice.membership[v]!) ?? []),
          i ? id.slice(1).split('').reverse().join('') : id,
        ]),
      )
      return { choice, groups: [...groups.values()].map((list) => list.sort().join(' ')).sort() }
    })
    expect(runs[1]!.choice.resolution).toBe(runs[0]!.choice.resolution)
    expect(runs[1]!.choice.stability).toEqual(runs[0]!.choice.stability)
    expect(runs[1]!.groups).toEqual(runs[0]!.groups)
  })
})

describe('analyseCommunities', () => {
  // Two groups of five who help each other on their own topics, one tie between them, one person alone.
  const rows: TieRow[] = []
  const groups = [
    ['a1', 'a2', 'a3', 'a4', 'a5'],
    ['b1', 'b2', 'b3', 'b4', 'b5'],
  ]
  groups.forEach((g, k) => {
    for (let i = 0; i < g.length; i++)
      for (let j = i + 1; j < g.length; j++) rows.push(tie(g[i]!, g[j]!, 10, [k ? 'kubernetes' : 'sql', 'general']))
  })
  rows.push(tie('a1', 'b1', 5, ['general']))
  const allowed = [...groups.flat(), 'loner']
  const graph = buildInteractionGraph(rows, allowed, NOW, { windowDays: 365, halfLifeDays: 90 })
  const departmentOf = new Map(allowed.map((id) => [id, id.startsWith('a') ? 'Data' : 'Ops']))

  it('finds both groups, labels them by their own topics, names a core and notes who is unconnected', () => {
    const r = analyseCommunities(graph, { resolution: 1, seeds: 3, departmentOf, previous: new Map(), declared: [] })
    expect(r.communities).toHaveLength(2)
    const sql = r.communities.find((c) => c.members.some((m) => m.personId === 'a2'))!
    expect(sql.members.map((m) => m.personId).sort()).toEqual(groups[0])
    expect(sql.topics[0]).toBe('sql')
    expect(sql.topics).not.toContain('general')
    expect(sql.members.filter((m) => m.role === 'core').length).toBe(1)
    expect(sql.departments).toEqual([{ name: 'Data', count: 5 }])
    expect(sql.actions).toContain('no_home')
    expect(r.unconnected).toEqual(['loner'])
  })

  it('names as a bridge a member whose ties spread across communities, and not one with a single outside tie', () => {
    // x helps three of the sql group and two of the kubernetes group: a member of the first, a bridge to both.
    const withBridge = [...rows, ...['a2', 'a3', 'a4', 'b2', 'b3'].map((id) => tie('x', id, 5, ['general']))]
    const g = buildInteractionGraph(withBridge, [...allowed, 'x'], NOW, { windowDays: 365, halfLifeDays: 90 })
    const r = analyseCommunities(g, { resolution: 1, seeds: 3, departmentOf, previous: new Map(), declared: [] })
    const sql = r.communities.find((c) => c.members.some((m) => m.personId === 'x'))!
    expect(sql.members.some((m) => m.personId === 'a2')).toBe(true)
    const role = new Map(sql.members.map((m) => [m.personId, m.role]))
    expect(role.get('x')).toBe('bridge')
    // a1's one tie to b1 is not enough to make a bridge.
    expect(role.get('a1')).not.toBe('bridge')
    expect(sql.members.filter((m) => m.role === 'bridge').map((m) => m.personId)).toEqual(['x'])
  })

  it('keeps identities from the previous run and finds a declared home', () => {
    const previous = new Map([
      ...groups[0]!.map((id) => [id, 'old-sql'] as const),
      ...groups[1]!.slice(0, 2).map((id) => [id, 'old-k8s'] as const),
    ])
    const declared = [{ id: 'c1', slug: 'sql-guild', name: 'SQL guild', memberIds: ['a1', 'a2', 'a3', 'zz'] }]
    const r = analyseCommunities(graph, { resolution: 1, seeds: 3, departmentOf, previous, declared })
    const sql = r.communities.find((c) => c.members.some((m) => m.personId === 'a2'))!
    const k8s = r.communities.find((c) => c.members.some((m) => m.personId === 'b2'))!
    expect(sql.previousId).toBe('old-sql')
    expect(k8s.previousId).toBe('old-k8s')
    expect(sql.declared[0]).toMatchObject({ slug: 'sql-guild', overlap: 3 / 6 })
    expect(sql.actions).not.toContain('no_home')
  })
})
