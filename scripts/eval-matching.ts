// `npm run eval:matching [-- --seed N]`: the connections matchers on the demo organisation (scripts/demo),
// generated in memory with its year of interactions, next to references computed in the same run:
//   mentoring  the min-cost-flow objective against a greedy assignment on the same candidate graph;
//   lunch      the share of pairs that bridge two different planted communities, against random pairing;
//   circles    distinct departments per circle, against random groups of the same sizes.
// Constraint violations (own manager or report matched, a mentor over capacity, anyone placed twice) are
// counted by an independent check and must be 0. The last line is JSON.
import { parseArgs } from 'node:util'
import { greedyAssignment, solveAssignment } from '../src/graph/assignment.js'
import { CANDIDATE_DEFAULTS, seededRandom } from '../src/graph/match-candidates.js'
import { randomPairs } from '../src/graph/pairing.js'
import {
  matchRound,
  mentoringInstance,
  pairKey,
  wordsOf,
  type Participant,
  type ProposedMatch,
} from '../src/server/connections/matching.js'
import { DEFAULT_SEED, generateDemo } from './demo/generate.js'
import { exitWithUsageOnHelp } from './usage.js'

exitWithUsageOnHelp(import.meta.url)

const { values } = parseArgs({
  options: { seed: { type: 'string', default: String(DEFAULT_SEED) }, today: { type: 'string', default: '2026-12-01' } },
})
const org = generateDemo({ seed: Number(values.seed), today: values.today })
const now = Date.parse(`${org.today}T00:00:00Z`)
const started = org.people.filter((p) => p.startDate <= org.today)

// Expertise and ties from the interaction log, as insights/lookup.ts tiesAndExpertise reads them.
const helperOf = (i: (typeof org.activity.interactions)[0]) =>
  i.kind === 'answer' || i.kind === 'comment' ? i.actor : ['thanks', 'learned', 'accept', 'adopt'].includes(i.kind) ? i.target : null
const expertise = new Map<string, Map<string, number>>()
const tieKeys = new Set<string>()
for (const i of org.activity.interactions) {
  if (i.actor === i.target) continue
  tieKeys.add(pairKey(i.actor, i.target))
  const h = helperOf(i)
  if (!h) continue
  const m = expertise.get(h) ?? new Map<string, number>()
  for (const t of i.topics) m.set(t, (m.get(t) ?? 0) + 1)
  expertise.set(h, m)
}
const ties = [...tieKeys].map((k) => {
  const [a, b] = k.split(' ') as [string, string]
  return { a, b }
})
const YEAR = 365.25 * 86_400_000
const participant = (p: (typeof started)[0], role: Participant['role']): Participant => ({
  personId: p.email,
  role,
  capacity: role === 'mentor' ? 2 : 1,
  department: p.department,
  managerId: p.managerEmail,
  tenureYears: (now - Date.parse(`${p.startDate}T00:00:00Z`)) / YEAR,
  skillsOffered: p.skillsOffered,
  skillsWanted: p.skillsWanted,
  identityWords: wordsOf(p.whoAmI),
  aspirationWords: [...new Set([...wordsOf(p.wantToBecome), ...p.aspirationTags])],
  expertise: expertise.get(p.email) ?? new Map(),
})
const manager = new Map(org.people.map((p) => [p.email, p.managerEmail]))
const ctx = (kind: 'mentoring' | 'circles' | 'lunch') => ({ kind, ties, blockedPairs: new Set<string>(), crossDepartment: 1, seed: 1 })

/** Independent check: manager/report inside a match, anyone placed twice, a mentor over capacity. */
function violations(matches: ProposedMatch[], capacity: Map<string, number>): number {
  let v = 0
  const seen = new Map<string, number>()
  for (const m of matches) {
    const ids = m.members.map((x) => x.personId)
    for (const a of ids) for (const b of ids) if (a !== b && manager.get(a) === b) v++
    for (const x of m.members) seen.set(x.personId, (seen.get(x.personId) ?? 0) + 1)
  }
  for (const [id, n] of seen) if (n > (capacity.get(id) ?? 1)) v++
  return v
}

// Mentoring: people with six years or more and something to offer mentor; the others who want something are mentees.
const mentorsFirst = started.map((p) =>
  participant(p, (now - Date.parse(`${p.startDate}T00:00:00Z`)) / YEAR >= 6 && p.skillsOffered.length > 0 ? 'mentor' : 'mentee'),
)
const mentoringPeople = mentorsFirst.filter((p) => p.role === 'mentor' || p.skillsWanted.length > 0)
const mentoring = matchRound(mentoringPeople, ctx('mentoring'))
const { instance } = mentoringInstance(mentoringPeople, ctx('mentoring'))
const exact = solveAssignment(instance)
const greedy = greedyAssignment(instance)
const scale = CANDIDATE_DEFAULTS.scale
let totalViolations = violations(mentoring.matches, new Map(mentoringPeople.map((p) => [p.personId, p.capacity])))
console.log(
  `mentoring: ${mentoringPeople.filter((p) => p.role === 'mentee').length} mentees, ${mentoringPeople.filter((p) => p.role === 'mentor').length} mentors; ` +
    `objective ${(-exact.objective / scale).toFixed(1)} vs greedy ${(-greedy.objective / scale).toFixed(1)} ` +
    `(+${((exact.objective / greedy.objective - 1) * 100).toFixed(1)}%); matched ${mentoring.matches.length}`,
)

// Lunch: everyone who has started; bridging judged against the planted communities.
const communityOf = new Map<string, string>()
for (const c of org.communities) for (const m of c.members) if (!communityOf.has(m)) communityOf.set(m, c.slug)
const lunchPeople = started.map((p) => participant(p, 'member'))
const lunch = matchRound(lunchPeople, ctx('lunch'))
totalViolations += violations(lunch.matches, new Map())
const bridgeShare = (groups: string[][]) => {
  const judged = groups.filter((g) => communityOf.has(g[0]!) && communityOf.has(g[1]!))
  return judged.filter((g) => communityOf.get(g[0]!) !== communityOf.get(g[1]!)).length / Math.max(1, judged.length)
}
const lunchGroups = lunch.matches.map((m) => m.members.map((x) => x.personId))
const randomShares = [1, 2, 3, 4, 5].map((seed) =>
  bridgeShare(randomPairs(lunchPeople.length, seed).map((g) => g.map((i) => lunchPeople[i]!.personId))),
)
const randomShare = randomShares.reduce((a, b) => a + b, 0) / randomShares.length
const sharedTies = (g: string[]) => {
  const n = (x: string) => new Set(ties.flatMap((t) => (t.a === x ? [t.b] : t.b === x ? [t.a] : [])))
  const a = n(g[0]!)
  return [...n(g[1]!)].filter((x) => a.has(x)).length
}
console.log(
  `lunch: ${lunch.matches.length} groups; ${(bridgeShare(lunchGroups) * 100).toFixed(1)}% bridge planted communities vs ${(randomShare * 100).toFixed(1)}% random; ` +
    `mean shared ties ${(lunchGroups.reduce((s, g) => s + sharedTies(g), 0) / lunchGroups.length).toFixed(2)}`,
)

// Circles: department mix against random groups of the same sizes.
const circles = matchRound(lunchPeople, ctx('circles'))
totalViolations += violations(circles.matches, new Map())
const deptsPer = (groups: string[][]) => {
  const dept = new Map(started.map((p) => [p.email, p.department]))
  return groups.reduce((s, g) => s + new Set(g.map((x) => dept.get(x))).size, 0) / groups.length
}
const circleGroups = circles.matches.map((m) => m.members.map((x) => x.personId))
const rng = seededRandom(7)
const shuffled = lunchPeople.map((p) => p.personId).sort(() => rng() - 0.5)
let at = 0
const randomCircles = circleGroups.map((g) => shuffled.slice(at, (at += g.length)))
const sizes = circleGroups.map((g) => g.length)
console.log(
  `circles: ${circleGroups.length} circles of ${Math.min(...sizes)}–${Math.max(...sizes)}; ${deptsPer(circleGroups).toFixed(2)} departments per circle vs ${deptsPer(randomCircles).toFixed(2)} random`,
)
console.log(`violations: ${totalViolations}`)
const r = (x: number) => Math.round(x * 1000) / 1000
console.log(
  JSON.stringify({
    mentoring_objective: r(-exact.objective / scale),
    mentoring_greedy_objective: r(-greedy.objective / scale),
    lunch_bridge_share: r(bridgeShare(lunchGroups)),
    lunch_bridge_share_random: r(randomShare),
    circle_departments: r(deptsPer(circleGroups)),
    circle_departments_random: r(deptsPer(randomCircles)),
    violations: totalViolations,
  }),
)
