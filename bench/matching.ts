/**
 * Benchmark of the connections matchers (src/graph): a mentoring round, coaching circles and a lunch round
 * for a synthetic organisation (bench/lib/matching-population.ts).
 *
 * Run:   npm run bench:matching
 * Options: --people N (10000) --seed N (1)
 *
 * Mentoring: 40% of people are mentors (capacity 2), the rest mentees; candidate graph (12 best mentors per
 * mentee) plus the min-cost-flow solver, timed together. The reference in the same run is the greedy
 * assignment on the same candidate graph. Circles: everyone in groups of 4–6. Lunch: everyone paired (one
 * trio if odd), bridges favoured, with a label-propagation partition of the tie graph timed in.
 * Targets: mentoring ≤ 5 s, circles ≤ 5 s, lunch ≤ 2 s, violations 0.
 * The last line printed is JSON: {"mentoring_ms", "circles_ms", "lunch_ms", "violations"}.
 */
import { parseArgs } from 'node:util'
import { greedyAssignment, solveAssignment } from '../src/graph/assignment.js'
import { formGroups } from '../src/graph/grouping.js'
import { buildCandidates, CANDIDATE_DEFAULTS, featuresOf } from '../src/graph/match-candidates.js'
import { assignmentViolations, groupsFromLabels, groupViolations } from '../src/graph/match-check.js'
import { formPairs } from '../src/graph/pairing.js'
import { propagateLabels } from '../src/graph/tie-communities.js'
import { makePopulation } from './lib/matching-population.js'
import { exitWithUsageOnHelp } from '../scripts/usage.js'

exitWithUsageOnHelp(import.meta.url)

const { values: opts } = parseArgs({
  options: { people: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } },
})
const pop = makePopulation(Number(opts.people), Number(opts.seed))
const mentors: number[] = []
const mentees: number[] = []
for (let p = 0; p < pop.n; p++) (p % 5 < 2 ? mentors : mentees).push(p)

let t0 = performance.now()
const forbiddenPair = (i: number, j: number) => pop.forbidden[mentees[i]!]!.includes(mentors[j]!)
const instance = buildCandidates(
  featuresOf(mentees.map((p) => pop.wants[p]!)),
  Int32Array.from(mentees, (p) => pop.dept[p]!),
  featuresOf(mentors.map((p) => pop.offers[p]!)),
  Int32Array.from(mentors, (p) => pop.dept[p]!),
  new Int32Array(mentors.length).fill(2),
  { ...CANDIDATE_DEFAULTS, forbidden: forbiddenPair },
)
const candidatesMs = performance.now() - t0
const solved = solveAssignment(instance)
const mentoringMs = performance.now() - t0
t0 = performance.now()
const greedy = greedyAssignment(instance)
const greedyMs = performance.now() - t0
let violations = assignmentViolations(solved.mentorOf, instance.capacity, forbiddenPair)
const matched = solved.mentorOf.filter((j) => j >= 0).length
console.log(
  `mentoring: ${mentees.length} mentees, ${mentors.length} mentors, ${instance.arcMentor.length} candidate arcs; ` +
    `${mentoringMs.toFixed(0)} ms (candidates ${candidatesMs.toFixed(0)} ms); matched ${matched}; ` +
    `score ${-solved.objective} vs greedy ${-greedy.objective} (greedy alone ${greedyMs.toFixed(0)} ms)`,
)

t0 = performance.now()
const groupOf = formGroups({ dept: pop.dept, tenure: pop.tenure, forbidden: pop.forbidden })
const circlesMs = performance.now() - t0
const circles = groupsFromLabels(groupOf)
violations += groupViolations(circles, pop.forbidden)
const sizes = circles.map((g) => g.length)
console.log(`circles: ${circles.length} circles of ${Math.min(...sizes)}–${Math.max(...sizes)}; ${circlesMs.toFixed(0)} ms`)

t0 = performance.now()
const community = propagateLabels(pop.ties)
const pairs = formPairs({ community, dept: pop.dept, ties: pop.ties, forbidden: pop.forbidden })
const lunchMs = performance.now() - t0
violations += groupViolations(pairs, pop.forbidden)
console.log(`communities: ${new Set(community).size}`)
const bridging = pairs.filter((g) => community[g[0]!] !== community[g[1]!]).length / pairs.length
console.log(`lunch: ${pairs.length} groups; ${lunchMs.toFixed(0)} ms; ${(bridging * 100).toFixed(1)}% bridge communities`)
console.log(`violations: ${violations}`)
console.log(
  JSON.stringify({
    mentoring_ms: Math.round(mentoringMs),
    circles_ms: Math.round(circlesMs),
    lunch_ms: Math.round(lunchMs),
    violations,
  }),
)
