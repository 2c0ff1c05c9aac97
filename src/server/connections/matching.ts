import { solveAssignment } from '../../graph/assignment.js'
import { formGroups } from '../../graph/grouping.js'
import { buildCandidates, CANDIDATE_DEFAULTS, featuresOf } from '../../graph/match-candidates.js'
import { formLunchGroups } from '../../graph/lunch-groups.js'
import { formPairs, sharedTies, tieGraph, type TieGraph } from '../../graph/pairing.js'
import { propagateLabels } from '../../graph/tie-communities.js'
import type { ParticipantRole, ProgrammeKind } from '../../shared/connections.js'

export { wordsOf } from './words.js'

// A round's matching, from participants to proposed matches with their "why you two". Pure (no database): the
// service reads participants, the interaction log and past rounds, and hands them here; the evaluation script
// calls it on the demo organisation too.

/** One participant as matching sees them. */
export interface Participant {
  personId: string
  role: ParticipantRole
  capacity: number
  department: string
  managerId: string | null
  /** Years since they started. */
  tenureYears: number
  skillsOffered: string[]
  skillsWanted: string[]
  /** Words of "who I am" and "who I want to become". */
  identityWords: string[]
  aspirationWords: string[]
  /** Topics they helped others on (from the interaction log) with counts. */
  expertise: Map<string, number>
}

export interface MatchContext {
  kind: ProgrammeKind
  /** Ties of the interaction log between participants. */
  ties: { a: string; b: string }[]
  /** Pairs (`a b`, ids sorted) that may not meet: recent repeats and declined pairs. */
  blockedPairs: ReadonlySet<string>
  crossDepartment: number
  seed: number
  /** People per lunch group (2–6); pairs when absent. */
  groupSize?: number
}

export interface ProposedMatch {
  members: { personId: string; role: ParticipantRole }[]
  score: number
  reasons: string[]
}

export interface RoundResult {
  matches: ProposedMatch[]
  unmatched: string[]
  objective: number
}

/**
 * The seed of a round's rematch, from the round and the matches that ended in it so far (declined or expired):
 * the same state of the round gives the same rematch (FNV-1a, 32 bits).
 */
export function rematchSeed(roundId: string, endedMatchIds: readonly string[]): number {
  let h = 0x811c9dc5
  for (const ch of `${roundId}|${[...endedMatchIds].sort().join(',')}`) {
    h ^= ch.charCodeAt(0)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** The key of an unordered pair. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`
}

/** Whether two people may never be matched: the same person, or one manages the other. */
function orgForbidden(p: Participant, q: Participant): boolean {
  return p.personId === q.personId || p.managerId === q.personId || q.managerId === p.personId
}

const tenureBand = (years: number) => (years < 1 ? 0 : years < 3 ? 1 : years < 6 ? 2 : 3)
const TENURE_LABEL = ['under a year', '1–3 years', '3–6 years', 'over 6 years']
const list = (xs: string[]) => xs.slice(0, 3).join(', ')

/** Proposes a round's matches for a programme of `ctx.kind`. */
export function matchRound(people: Participant[], ctx: MatchContext): RoundResult {
  if (ctx.kind === 'mentoring') return matchMentoring(people, ctx)
  if (ctx.kind === 'circles') return matchCircles(people, ctx)
  return matchPairs(people, ctx)
}

/** Each participant's partners they must not meet: their manager and reports, and blocked pairs. O(n + blocked). */
function forbiddenLists(people: Participant[], ctx: MatchContext): number[][] {
  const index = new Map(people.map((p, i) => [p.personId, i]))
  const lists: number[][] = people.map(() => [])
  const add = (i: number | undefined, j: number | undefined) => {
    if (i === undefined || j === undefined || i === j) return
    lists[i]!.push(j)
    lists[j]!.push(i)
  }
  people.forEach((p, i) => p.managerId && add(i, index.get(p.managerId)))
  for (const key of ctx.blockedPairs) {
    const [a, b] = key.split(' ') as [string, string]
    add(index.get(a), index.get(b))
  }
  return lists
}

function graphOf(people: Participant[], ctx: MatchContext): TieGraph {
  const index = new Map(people.map((p, i) => [p.personId, i]))
  const edges: [number, number][] = []
  for (const t of ctx.ties) {
    const a = index.get(t.a)
    const b = index.get(t.b)
    if (a !== undefined && b !== undefined) edges.push([a, b])
  }
  return tieGraph(people.length, edges)
}

/** The mentoring round's candidate graph (the assignment instance) with the two sides it indexes. */
export function mentoringInstance(people: Participant[], ctx: MatchContext) {
  const mentees = people.filter((p) => p.role === 'mentee')
  const mentors = people.filter((p) => p.role === 'mentor')
  const tokens = new Map<string, number>()
  const tok = (kind: string, t: string) => {
    const key = `${kind}:${t}`
    let id = tokens.get(key)
    if (id === undefined) tokens.set(key, (id = tokens.size))
    return id
  }
  // Skills wanted meet skills offered (3) and shown expertise (2·log2(1+n)); aspirations meet identities (1).
  const seek = mentees.map((p) => [
    ...p.skillsWanted.map((s) => [tok('skill', s), 1] as [number, number]),
    ...p.aspirationWords.map((w) => [tok('word', w), 1] as [number, number]),
  ])
  const give = mentors.map((p) => {
    const skills = new Map<string, number>()
    for (const s of p.skillsOffered) skills.set(s, 3)
    for (const [t, n] of p.expertise) skills.set(t, (skills.get(t) ?? 0) + 2 * Math.log2(1 + n))
    const words = new Set([...p.identityWords, ...p.skillsOffered])
    return [
      ...[...skills].map(([s, w]) => [tok('skill', s), w] as [number, number]),
      ...[...words].map((w) => [tok('word', w), 1] as [number, number]),
    ]
  })
  const g = graphOf(mentors, ctx)
  // Network position: a mentor who already helps many people can broker more introductions.
  const mentorBonus = Float64Array.from(mentors, (_, j) => 0.5 * Math.min(1, (g.start[j + 1]! - g.start[j]!) / 10))
  const forbidden = (i: number, j: number) =>
    orgForbidden(mentees[i]!, mentors[j]!) || ctx.blockedPairs.has(pairKey(mentees[i]!.personId, mentors[j]!.personId))
  const depts = deptIds(mentees, mentors)
  const instance = buildCandidates(
    featuresOf(seek),
    depts.a,
    featuresOf(give),
    depts.b,
    Int32Array.from(mentors, (m) => m.capacity),
    {
      ...CANDIDATE_DEFAULTS,
      crossDeptBonus: ctx.crossDepartment,
      mentorBonus,
      forbidden,
      seed: ctx.seed,
    },
  )
  return { instance, mentees, mentors, mentorBonus }
}

function matchMentoring(people: Participant[], ctx: MatchContext): RoundResult {
  const { instance: inst, mentees, mentors, mentorBonus } = mentoringInstance(people, ctx)
  const result = solveAssignment(inst)
  const matches: ProposedMatch[] = []
  const unmatched: string[] = []
  mentees.forEach((mentee, i) => {
    const j = result.mentorOf[i]!
    if (j < 0) return unmatched.push(mentee.personId)
    const mentor = mentors[j]!
    matches.push({
      members: [
        { personId: mentor.personId, role: 'mentor' },
        { personId: mentee.personId, role: 'mentee' },
      ],
      score: inst.arcScore[result.arcOf[i]!]!,
      reasons: mentoringReasons(mentee, mentor, ctx, mentorBonus[j]!),
    })
  })
  return { matches, unmatched, objective: -result.objective / CANDIDATE_DEFAULTS.scale }
}

function deptIds(a: Participant[], b: Participant[]): { a: Int32Array; b: Int32Array } {
  const ids = new Map<string, number>()
  const id = (d: string) => ids.get(d) ?? (ids.set(d, ids.size), ids.size - 1)
  return { a: Int32Array.from(a, (p) => id(p.department)), b: Int32Array.from(b, (p) => id(p.department)) }
}

/** "Why you two" for a mentoring pair. */
export function mentoringReasons(
  mentee: Participant,
  mentor: Participant,
  ctx: Pick<MatchContext, 'crossDepartment'>,
  bonus: number,
): string[] {
  const reasons: string[] = []
  const offered = mentee.skillsWanted.filter((s) => mentor.skillsOffered.includes(s))
  if (offered.length) reasons.push(`The mentee wants to learn ${list(offered)}, which the mentor offers.`)
  const shown = mentee.skillsWanted.filter((s) => mentor.expertise.has(s))
  if (shown.length)
    reasons.push(
      `The mentor has helped others with ${shown
        .slice(0, 3)
        .map((s) => `${s} (${mentor.expertise.get(s)} times)`)
        .join(', ')}.`,
    )
  const identity = new Set([...mentor.identityWords, ...mentor.skillsOffered])
  const aspiration = mentee.aspirationWords.filter((w) => identity.has(w))
  if (aspiration.length) reasons.push(`Who the mentee wants to become (${list(aspiration)}) is close to who the mentor is.`)
  if (ctx.crossDepartment > 0 && mentee.department !== mentor.department)
    reasons.push(`You work in different departments (${mentor.department || 'none'} and ${mentee.department || 'none'}).`)
  if (bonus >= 0.25) reasons.push('The mentor is well connected: they already help many people here.')
  // Reverse mentoring is welcome: who mentors is what they offer, not seniority; the match says so.
  if (mentor.tenureYears + 1 <= mentee.tenureYears)
    reasons.push('Reverse mentoring: the mentor is newer here than the mentee, and brings what the mentee wants to learn.')
  if (reasons.length === 0) reasons.push('Nobody else fitted better this round: a chance to meet someone new.')
  return reasons
}

function matchCircles(people: Participant[], ctx: MatchContext): RoundResult {
  const forbidden = forbiddenLists(people, ctx)
  const dept = deptIds(people, []).a
  const groupOf = formGroups(
    { dept, tenure: Int32Array.from(people, (p) => tenureBand(p.tenureYears)), forbidden },
    { seed: ctx.seed, deptWeight: 1 + ctx.crossDepartment },
  )
  const groups = new Map<number, Participant[]>()
  groupOf.forEach((g, i) => groups.set(g, [...(groups.get(g) ?? []), people[i]!]))
  const matches: ProposedMatch[] = []
  let objective = 0
  for (const members of groups.values()) {
    if (members.length < 2) continue
    const depts = [...new Set(members.map((m) => m.department || 'no department'))]
    const bands = [...new Set(members.map((m) => tenureBand(m.tenureYears)))].sort()
    const score = depts.length + bands.length
    objective += score
    const reasons = [
      `Mixed departments: ${depts.join(', ')}.`,
      `Tenure from ${TENURE_LABEL[bands[0]!]} to ${TENURE_LABEL[bands[bands.length - 1]!]}.`,
    ]
    const wanted = members.flatMap((m) => m.skillsWanted)
    const common = [...new Set(wanted.filter((s, i) => wanted.indexOf(s) !== i))]
    if (common.length) reasons.push(`Several of you want to grow in ${list(common)}.`)
    matches.push({ members: members.map((m) => ({ personId: m.personId, role: 'member' as const })), score, reasons })
  }
  return { matches, unmatched: people.length < 2 ? people.map((p) => p.personId) : [], objective }
}

function topicsOf(p: Participant): Set<string> {
  return new Set([...p.skillsOffered, ...p.skillsWanted, ...p.expertise.keys()])
}

function matchPairs(people: Participant[], ctx: MatchContext): RoundResult {
  const g = graphOf(people, ctx)
  const community = propagateLabels(g, { seed: ctx.seed })
  const topics = people.map(topicsOf)
  const shared = (i: number, j: number) => [...topics[i]!].filter((t) => topics[j]!.has(t))
  // Introductions close structural holes: people on the same topics in different communities, with no tie.
  const affinity = ctx.kind === 'intro' ? (i: number, j: number) => Math.min(3, 1.5 * shared(i, j).length) : undefined
  const input = { community, dept: deptIds(people, []).a, ties: g, forbidden: forbiddenLists(people, ctx), affinity }
  const options = { seed: ctx.seed, deptWeight: ctx.crossDepartment, tiedWeight: ctx.kind === 'intro' ? 5 : 1 }
  const size = ctx.kind === 'lunch' ? (ctx.groupSize ?? 2) : 2
  const formed = people.length < 2 ? [] : size > 2 ? formLunchGroups(input, size, options) : formPairs(input, options)
  // A pair that must not meet is only ever formed when nothing else was possible: leave those people out.
  const unmatched: string[] = people.length === 1 ? [people[0]!.personId] : []
  const groups = formed.filter((g) => {
    const bad = g.some((p) => g.some((q) => input.forbidden[p]!.includes(q)))
    if (bad) unmatched.push(...g.map((p) => people[p]!.personId))
    return !bad
  })
  const matches = groups.map((members) => {
    if (size > 2) return groupMatch(people, members, community, g, shared)
    const reasons: string[] = []
    const [a, b] = members as [number, number]
    const inCommon = sharedTies(g, a, b)
    if (community[a] !== community[b]) reasons.push('You are in different communities of the network: this round bridges them.')
    reasons.push(
      inCommon === 0 ? 'You have no one in common yet.' : `You have ${inCommon} ${inCommon === 1 ? 'person' : 'people'} in common.`,
    )
    if (people[a]!.department !== people[b]!.department && ctx.crossDepartment > 0) reasons.push('You work in different departments.')
    const both = shared(a, b)
    if (both.length) reasons.push(`You both work on ${list(both)}.`)
    return {
      members: members.map((i) => ({ personId: people[i]!.personId, role: 'member' as const })),
      score: members.slice(1).reduce((s, j) => s + (community[members[0]!] !== community[j] ? 1 : 0), 0),
      reasons,
    }
  })
  return {
    matches,
    unmatched,
    objective: matches.reduce((s, m) => s + m.score, 0),
  }
}

/** A lunch group of more than two with its "why you": the communities it bridges, ties, departments, topics. */
function groupMatch(
  people: Participant[],
  members: number[],
  community: Int32Array,
  g: TieGraph,
  shared: (i: number, j: number) => string[],
): ProposedMatch {
  const communities = new Set(members.map((i) => community[i]!)).size
  const reasons: string[] = []
  if (communities > 1) reasons.push(`You come from ${communities} different communities of the network: this lunch bridges them.`)
  let tiedPairs = 0
  for (let a = 0; a < members.length; a++)
    for (let b = a + 1; b < members.length; b++) if (sharedTies(g, members[a]!, members[b]!) > 0) tiedPairs++
  reasons.push(tiedPairs === 0 ? 'None of you has anyone in common yet.' : `${tiedPairs} of your pairs have someone in common.`)
  const depts = new Set(members.map((i) => people[i]!.department || 'no department'))
  if (depts.size > 1) reasons.push(`You work in ${depts.size} departments.`)
  const topics = new Set<string>()
  for (let a = 0; a < members.length; a++)
    for (let b = a + 1; b < members.length; b++) for (const t of shared(members[a]!, members[b]!)) topics.add(t)
  if (topics.size) reasons.push(`Some of you work on ${list([...topics])}.`)
  return {
    members: members.map((i) => ({ personId: people[i]!.personId, role: 'member' as const })),
    score: communities - 1,
    reasons,
  }
}
