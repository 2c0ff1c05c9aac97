// Practice spread: how one practice's adoption moved across the discovered communities month by month, and
// which communities that have not adopted it are most likely to benefit next: close in topics (to the
// practice and to the communities that use it) and in ties (an independent cascade from today's adopters over
// the interaction graph, src/graph/network/diffusion.ts). Pure: the service reads, this computes.
import type { PracticeSpread } from '../../shared/insights-manage.js'
import { independentCascade } from '../../graph/network/diffusion.js'
import type { TieGraph } from './discovery-graph.js'
import { atLeast, type RunCommunity } from './manage-context.js'

const MAX_NEXT = 5
/** How much each signal counts in "benefit next". */
const WEIGHT = { reach: 1, topics: 0.5, ties: 0.25 }

export interface Adoption {
  personId: string
  at: string
}

type Computed = Pick<PracticeSpread, 'curve' | 'communities' | 'withheld' | 'next'>

/** The spread of one practice; `adoptions` are the first adoption of each person, from today's roster. */
export function computeSpread(
  g: TieGraph,
  communities: readonly RunCommunity[],
  adoptions: readonly Adoption[],
  practiceTags: readonly string[],
  minAggregate: number,
  now: Date,
): Computed {
  const shown = communities.filter((c) => c.members.length >= minAggregate)
  const describe = (c: RunCommunity) => ({ id: c.id, topics: c.topics, size: c.members.length })
  const firstAt = new Map<string, string>()
  for (const a of adoptions) if (!firstAt.has(a.personId) || a.at < firstAt.get(a.personId)!) firstAt.set(a.personId, a.at)
  const rows = shown.map((c) => {
    const times = c.members.flatMap((m) => (firstAt.has(m.person_id) ? [firstAt.get(m.person_id)!] : [])).sort()
    return { c, times }
  })

  // Month by month, up to this month.
  const curve: Computed['curve'] = []
  const sorted = [...firstAt.values()].sort()
  if (sorted.length) {
    const thisMonth = now.toISOString().slice(0, 7)
    for (let month = sorted[0]!.slice(0, 7); month <= thisMonth; month = nextMonth(month)) {
      const end = `${nextMonth(month)}-01T00:00:00.000Z`
      curve.push({
        month,
        communities: rows.filter((r) => r.times.length && r.times[0]! < end).length,
        adopters: atLeast(sorted.filter((t) => t < end).length, minAggregate),
      })
    }
  }

  // Benefit next: cascade reach, topic closeness and ties to adopters, for communities that have not adopted.
  const adopterNodes = [...firstAt.keys()].flatMap((id) => (g.index.has(id) ? [g.index.get(id)!] : []))
  const cascade = adopterNodes.length
    ? independentCascade(g.graph, adopterNodes, { probability: 0.1, runs: 200, steps: 6, seed: 1 })
    : undefined
  const adopterSet = new Set(firstAt.keys())
  const adoptedTopics = new Set([...practiceTags, ...rows.filter((r) => r.times.length).flatMap((r) => r.c.topics)])
  const next = rows
    .filter((r) => r.times.length === 0)
    .map(({ c }) => {
      let reach = 0
      let ties = 0
      for (const m of c.members) {
        const v = g.index.get(m.person_id)
        if (v === undefined) continue
        reach += cascade ? cascade.adoption[v]! : 0
        for (let k = g.graph.offsets[v]!; k < g.graph.offsets[v + 1]!; k++)
          if (adopterSet.has(g.ids[g.graph.targets[k]!]!)) ties += g.graph.weights[k]!
      }
      reach /= c.members.length
      ties /= c.members.length
      const sharedTopics = c.topics.filter((t) => adoptedTopics.has(t))
      const topicScore = c.topics.length ? sharedTopics.length / c.topics.length : 0
      const score = WEIGHT.reach * reach + WEIGHT.topics * topicScore + WEIGHT.ties * Math.min(1, ties)
      return { community: describe(c), score: round(score), sharedTopics, reach: round(reach), tiesToAdopters: round(ties) }
    })
    .filter((n) => n.score > 0)
    .sort((a, b) => b.score - a.score || a.community.id.localeCompare(b.community.id))
    .slice(0, MAX_NEXT)

  return {
    curve,
    communities: rows
      .map(({ c, times }) => ({
        community: describe(c),
        adopted: times.length > 0,
        adopters: atLeast(times.length, minAggregate),
        firstAdoptedAt: times[0] ?? null,
      }))
      .sort(
        (a, b) =>
          Number(b.adopted) - Number(a.adopted) ||
          (a.firstAdoptedAt ?? '').localeCompare(b.firstAdoptedAt ?? '') ||
          b.community.size - a.community.size,
      ),
    withheld: communities.length - shown.length,
    next,
  }
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

const round = (x: number) => Math.round(x * 1000) / 1000
