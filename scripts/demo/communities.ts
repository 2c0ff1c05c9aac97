import { COMMUNITIES, DEMO_ADMIN_EMAIL } from './catalogue.js'
import type { OrgPerson } from './org.js'
import { int, pick, sample, weighted, type Rng } from './prng.js'

/** A community of practice planted in the demo: the truth that discovery should find again. */
export interface PlantedCommunity {
  slug: string
  name: string
  topics: string[]
  /** The people at the centre: longer tenure, more active. */
  core: string[]
  /** Everyone in it, core included. */
  members: string[]
}

export interface PlantedTruth {
  communities: PlantedCommunity[]
  /** People with no community and few ties: who the exclusion insights should notice. */
  isolated: string[]
}

/** A person takes part in at most this many communities; the few in two are the brokers between them. */
const MAX_MEMBERSHIPS = 2
const ISOLATED = 6

/**
 * Plants communities of practice that cut across departments. Each draws members by its departments'
 * affinity, with one member from each of its three most drawn departments first, so every community spans
 * at least three. Core members lean towards long tenure. Heads of department take no part, and team leads only
 * in the two departments closest to the practice. People who have not started yet (`startDate` after
 * `today`) and the CEO take no part; a few others are left isolated on purpose.
 */
export function plantCommunities(rng: Rng, people: readonly OrgPerson[], today: string): PlantedTruth {
  const eligible = people.filter((p) => p.level !== 'ceo' && p.startDate <= today)
  const byDepartment = new Map<string, OrgPerson[]>()
  for (const p of eligible) byDepartment.set(p.department, [...(byDepartment.get(p.department) ?? []), p])
  const memberships = new Map<string, number>()

  const communities = COMMUNITIES.map((spec) => {
    const size = int(rng, spec.size[0], spec.size[1])
    const chosen: OrgPerson[] = []
    const ranked = Object.entries(spec.affinity).sort((a, b) => b[1] - a[1])
    // Heads of department are not practitioners here; team leads are, in the departments closest to the
    // practice (an engineering manager in Testing, not a sales manager in Data Engineering).
    const leadsWelcome = ranked.slice(0, 2).map(([d]) => d)
    const tryAdd = (department: string) => {
      const open = (byDepartment.get(department) ?? []).filter(
        (p) =>
          !chosen.includes(p) &&
          (memberships.get(p.email) ?? 0) < MAX_MEMBERSHIPS &&
          (p.level === 'ic' || (p.level === 'lead' && leadsWelcome.includes(department))),
      )
      if (open.length === 0) return
      const person = pick(rng, open)
      chosen.push(person)
      memberships.set(person.email, (memberships.get(person.email) ?? 0) + 1)
    }
    for (const [department] of ranked.slice(0, 3)) tryAdd(department)
    for (let attempts = 0; chosen.length < size && attempts < size * 10; attempts++) tryAdd(weighted(rng, ranked))

    // Core: the longest-serving third, give or take, with some luck mixed in.
    const coreCount = Math.max(3, Math.round(chosen.length * 0.3))
    const tenure = (p: OrgPerson) => Date.parse(today) - Date.parse(p.startDate)
    const core = chosen
      .map((p) => ({ p, score: tenure(p) * (0.5 + rng()) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, coreCount)
      .map(({ p }) => p.email)
    return { slug: spec.slug, name: spec.name, topics: [...spec.topics], core: core.sort(), members: chosen.map((p) => p.email).sort() }
  })

  // Isolated: contributors in no community, past their first months but not long-timers, not the admin.
  const candidates = eligible.filter((p) => {
    const days = (Date.parse(today) - Date.parse(p.startDate)) / 86_400_000
    return p.level === 'ic' && !memberships.has(p.email) && p.email !== DEMO_ADMIN_EMAIL && days >= 90 && days <= 900
  })
  const isolated = sample(rng, candidates, ISOLATED)
    .map((p) => p.email)
    .sort()
  return { communities, isolated }
}
