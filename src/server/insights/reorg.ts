// Knowledge at risk: what a reorganisation would break, before and after. Pure: given the interaction graph,
// the discovered communities and who answers on which topic, it takes the chosen people away ("leave") or
// cuts their ties to everyone else ("move": they stay together elsewhere) and compares the network: which
// communities lose their core, which topics lose their last answerers, which links between communities
// break, and how the network's connected components change.
import type { ReorgResult } from '../../shared/insights-manage.js'
import { connectedComponents, filterEdges } from '../../graph/network/components.js'
import type { CsrGraph } from '../../graph/network/csr.js'
import type { TieGraph } from './discovery-graph.js'
import type { RunCommunity } from './manage-context.js'

export type ReorgMode = 'leave' | 'move'
type Outcome = Omit<ReorgResult, 'run' | 'minAggregate'>

/** A link between communities is reported when it keeps at most this share of its weight. */
const BROKEN_LINK = 0.5
const MAX_TOPICS = 30
const MAX_BRIDGES = 20

/** Simulates the change; communities below `minAggregate` members are counted in `withheld`, never shown. */
export function simulateReorg(
  g: TieGraph,
  /** Each node's betweenness (as the discovery run measured it: any scale, only shares are shown). */
  betweenness: Float64Array,
  communities: readonly RunCommunity[],
  chosen: ReadonlySet<string>,
  mode: ReorgMode,
  answerers: ReadonlyMap<string, ReadonlySet<string>>,
  minAggregate: number,
): Outcome {
  const { graph, ids } = g
  const gone = new Uint8Array(graph.n)
  ids.forEach((id, v) => (gone[v] = chosen.has(id) ? 1 : 0))
  const after = mode === 'leave' ? filterEdges(graph, (a, b) => !gone[a] && !gone[b]) : filterEdges(graph, (a, b) => gone[a] === gone[b])
  const shown = communities.filter((c) => c.members.length >= minAggregate)
  const communityOf = new Int32Array(graph.n).fill(-1)
  shown.forEach((c, i) => {
    for (const m of c.members) {
      const v = g.index.get(m.person_id)
      if (v !== undefined) communityOf[v] = i
    }
  })
  const describe = (c: RunCommunity) => ({ id: c.id, topics: c.topics, size: c.members.length })

  // Communities: who they lose, and how much of their internal tie weight remains.
  const inside = (h: CsrGraph) => {
    const w = new Float64Array(shown.length)
    forEachEdge(h, (a, b, weight) => {
      const c = communityOf[a]!
      if (c !== -1 && c === communityOf[b]) w[c] = w[c]! + weight
    })
    return w
  }
  const insideBefore = inside(graph)
  const insideAfter = inside(after)
  const changed = shown.map((c, i) => {
    const chosenHere = c.members.filter((m) => chosen.has(m.person_id))
    // A moved group that holds most of a community takes the community along: the ones left behind are lost.
    const lost =
      mode === 'move' && chosenHere.length * 2 > c.members.length ? c.members.filter((m) => !chosen.has(m.person_id)) : chosenHere
    const core = c.members.filter((m) => m.role === 'core').length
    const coreLost = lost.filter((m) => m.role === 'core').length
    return {
      community: describe(c),
      coreCount: core,
      coreLost,
      membersLost: lost.length,
      tiesKept: insideBefore[i]! > 0 ? insideAfter[i]! / insideBefore[i]! : 1,
      losesCore: coreLost > 0 && coreLost * 2 >= core,
    }
  })

  // Links between communities that lose at least half their weight.
  const links = (h: CsrGraph) => {
    const w = new Map<number, number>()
    forEachEdge(h, (a, b, weight) => {
      const ca = communityOf[a]!
      const cb = communityOf[b]!
      if (ca === -1 || cb === -1 || ca === cb) return
      const key = Math.min(ca, cb) * shown.length + Math.max(ca, cb)
      w.set(key, (w.get(key) ?? 0) + weight)
    })
    return w
  }
  const linksAfter = links(after)
  const bridges = [...links(graph)]
    .map(([key, before]) => ({ key, before, after: linksAfter.get(key) ?? 0 }))
    .filter((l) => l.after <= l.before * BROKEN_LINK)
    .sort((x, y) => y.before - y.after - (x.before - x.after) || x.key - y.key)
    .slice(0, MAX_BRIDGES)
    .map((l) => ({
      a: describe(shown[Math.floor(l.key / shown.length)]!),
      b: describe(shown[l.key % shown.length]!),
      before: round(l.before),
      after: round(l.after),
    }))

  // Topics: answerers outside the chosen group are the ones who remain.
  const topics = [...answerers]
    .map(([topic, people]) => {
      let remaining = 0
      for (const p of people) if (!chosen.has(p)) remaining++
      return { topic, answerersBefore: people.size, answerersAfter: remaining }
    })
    .filter((t) => t.answerersBefore > 0 && t.answerersAfter < t.answerersBefore && t.answerersAfter * 2 <= t.answerersBefore)
    .sort((a, b) => a.answerersAfter - b.answerersAfter || b.answerersBefore - a.answerersBefore || a.topic.localeCompare(b.topic))
    .slice(0, MAX_TOPICS)

  // The network's shape, and who loses every path to the largest group.
  const componentsBefore = connectedComponents(graph)
  const componentsAfter = connectedComponents(after)
  let cutOff = 0
  for (let v = 0; v < graph.n; v++) if (!gone[v] && componentsBefore.label[v] === 0 && componentsAfter.label[v] !== 0) cutOff++
  let total = 0
  let held = 0
  for (let v = 0; v < graph.n; v++) {
    total += betweenness[v]!
    if (gone[v]) held += betweenness[v]!
  }
  const shape = (h: CsrGraph, c: ReturnType<typeof connectedComponents>, leaving: boolean) => {
    let people = 0
    for (let v = 0; v < h.n; v++) if (!(leaving && gone[v])) people++
    return { people, ties: h.targets.length / 2, components: c.sizes.length, largestComponent: c.sizes[0] ?? 0 }
  }
  return {
    mode,
    chosen: chosen.size,
    before: shape(graph, componentsBefore, false),
    after: shape(after, componentsAfter, mode === 'leave'),
    cutOff: cutOff >= minAggregate ? cutOff : null,
    brokerageShare: total > 0 ? round(held / total) : 0,
    communities: changed
      .filter((c) => c.membersLost > 0 || c.tiesKept < 1)
      .sort((a, b) => Number(b.losesCore) - Number(a.losesCore) || a.tiesKept - b.tiesKept || a.community.id.localeCompare(b.community.id)),
    withheld: communities.length - shown.length,
    topics,
    bridges,
  }
}

function forEachEdge(graph: CsrGraph, visit: (a: number, b: number, weight: number) => void): void {
  for (let a = 0; a < graph.n; a++)
    for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++)
      if (a < graph.targets[k]!) visit(a, graph.targets[k]!, graph.weights[k]!)
}

const round = (x: number) => Math.round(x * 1000) / 1000
