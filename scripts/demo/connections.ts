import { pairKey } from '../../src/server/connections/matching.js'
import { fill, INTRO_REASONS, LUNCH_PLACES, MEETING_PLACES, MENTEE_GOALS, PROGRAMME_TEXTS } from './connections-bank.js'
import { answer, DAY, logView, meet, proposed, replayProgramme, type Cast, type ProgrammeSpec } from './connections-rounds.js'
import type { DemoConnections, DemoParticipant, DemoProgramme } from './connections-types.js'
import { DEMO_ADMIN_EMAIL } from './catalogue.js'
import type { PlantedCommunity } from './communities.js'
import type { DemoInteraction } from './knowledge-types.js'
import type { DemoPerson } from './profiles.js'
import { int, pick, sample, shuffle, type Rng } from './prng.js'

// The demo's connections: a mentoring pilot that ended (with reflections), this year's mentoring programme
// (three rounds, a decline and its rematch), peer coaching circles and a monthly lunch round (each with its
// current round drafted and awaiting the owner's approval), all run by a People & Operations manager, and a
// few broker introductions made by two managers. Nobody who opted out of analytics takes part.

export type { DemoConnections } from './connections-types.js'

const YEAR = 365.25 * DAY

export interface ConnectionsInput {
  today: string
  people: readonly DemoPerson[]
  communities: readonly PlantedCommunity[]
  interactions: readonly DemoInteraction[]
  /** People who opted out of analytics: in no programme and no introduction. */
  optedOut: readonly string[]
}

/** Generates the programmes, their rounds, matches, meetings and introductions over the year ending `today`. */
export function generateConnections(rng: Rng, input: ConnectionsInput): DemoConnections {
  const todayMs = Date.parse(`${input.today}T00:00:00.000Z`)
  const cast: Cast = { people: new Map(input.people.map((p) => [p.email, p])), todayMs, ...logView(input.interactions) }
  const at = (day: number) => new Date(todayMs + day * DAY).toISOString()
  const tenure = (p: DemoPerson, day: number) => (todayMs + day * DAY - Date.parse(`${p.startDate}T00:00:00Z`)) / YEAR
  const out = new Set([...input.optedOut, DEMO_ADMIN_EMAIL])
  // Everyone who could take part: working here for a month at least, not the CEO, not opted out.
  const pool = input.people.filter((p) => p.level !== 'ceo' && !out.has(p.email) && tenure(p, -365) > 0.1)
  const ops = input.people.filter((p) => p.department === 'People & Operations')
  const owner = (ops.find((p) => p.level === 'lead') ?? ops.find((p) => p.level === 'head') ?? pool[0]!).email

  const joined = (p: DemoPerson, role: DemoParticipant['role'], day: number): DemoParticipant => ({
    email: p.email,
    role,
    capacity: role === 'mentor' ? 2 : 1,
    whoAmI: p.whoAmI,
    wantToBecome: p.wantToBecome,
    // The questionnaire comes prefilled from the profile; mentees write a goal of their own.
    goals:
      role === 'mentee' ? fill(pick(rng, MENTEE_GOALS), p.skillsWanted[0]!) : p.communitiesWanted ? `Join: ${p.communitiesWanted}` : '',
    skillsOffered: p.skillsOffered,
    skillsWanted: p.skillsWanted,
    joinedAt: at(day + int(rng, 0, 4) / 10),
    reflection: null,
    reflectedAt: null,
    promptedAt: null,
  })

  // Mentoring: mentors have four years here or more; a mentor started at least a year before their mentee and
  // offers, or has helped others on (the interaction log), a topic the mentee wants.
  const byEmail = cast.people
  const knows = (mentor: string, topic: string) =>
    byEmail.get(mentor)!.skillsOffered.includes(topic) || (cast.expertise.get(mentor)?.get(topic) ?? 0) >= 2
  const eligible = (mentee: string, mentor: string) => {
    const e = byEmail.get(mentee)!
    const r = byEmail.get(mentor)!
    return Date.parse(r.startDate) + YEAR <= Date.parse(e.startDate) && e.skillsWanted.some((s) => knows(mentor, s))
  }
  // Mentors are drawn among those whose topics most people want, so that most mentees find one.
  const menteeCandidates = pool.filter((p) => tenure(p, 0) < 4 && p.level === 'ic' && p.skillsWanted.length > 0)
  const demand = (m: DemoPerson) => menteeCandidates.filter((e) => eligible(e.email, m.email)).length
  const mentorPool = shuffle(
    rng,
    pool.filter((p) => tenure(p, -365) >= 4 && p.skillsOffered.length > 0 && p.level !== 'head'),
  )
    .map((p) => ({ p, n: demand(p) }))
    .filter((x) => x.n >= 3)
    .sort((a, b) => b.n - a.n)
    .map((x) => x.p)
  const menteesOf = (mentors: DemoPerson[]) =>
    shuffle(
      rng,
      menteeCandidates.filter((p) => mentors.some((m) => eligible(p.email, m.email))),
    )
  const pilotMentors = mentorPool.filter((_, k) => k % 3 === 2).slice(0, 4)
  const mainMentors = mentorPool.filter((_, k) => k % 3 !== 2).slice(0, 9)
  const pilotMentees = menteesOf(pilotMentors)
    .filter((p) => tenure(p, -360) > 0.1)
    .slice(0, 6)
  const mainMentees = menteesOf(mainMentors).slice(0, 17)
  const mentoringBase = { kind: 'mentoring' as const, owner, cadenceDays: 120, repeatRounds: 2, crossDepartment: 1, groupSize: 2 }
  const meetings = { meetEveryDays: 28, maxMeetings: 4, minutes: 45, places: MEETING_PLACES }

  const pilot: ProgrammeSpec = {
    ...mentoringBase,
    ...PROGRAMME_TEXTS.pilot,
    ...meetings,
    cadenceDays: 0,
    durationWeeks: 12,
    nextRoundAt: null,
    createdAt: at(-362),
    participants: [...pilotMentors.map((p) => joined(p, 'mentor', -362)), ...pilotMentees.map((p) => joined(p, 'mentee', -362))],
    roundDays: [-359],
    draftLast: false,
    eligible,
    maxMeetings: 3,
  }
  const mentoring: ProgrammeSpec = {
    ...mentoringBase,
    ...PROGRAMME_TEXTS.mentoring,
    ...meetings,
    durationWeeks: 52,
    // The schedule's next round (at +95) would come after the end (+94): none.
    nextRoundAt: null,
    createdAt: at(-270),
    participants: [
      ...mainMentors.map((p) => joined(p, 'mentor', -270)),
      ...mainMentees.map((p, k) => joined(p, 'mentee', k < 10 ? -270 : k < 14 ? -170 : -50)),
    ],
    roundDays: [-266, -146, -26],
    draftLast: false,
    eligible,
    declineInRound: 1,
  }

  // Circles and lunch: people across departments and tenures.
  const spread = (n: number, exclude: Set<string>) => {
    const byDept = new Map<string, DemoPerson[]>()
    for (const p of shuffle(rng, pool)) if (!exclude.has(p.email)) byDept.set(p.department, [...(byDept.get(p.department) ?? []), p])
    const lists = [...byDept.values()]
    const chosen: DemoPerson[] = []
    for (let k = 0; chosen.length < n && k < 50; k++) for (const l of lists) if (l[k] && chosen.length < n) chosen.push(l[k]!)
    return chosen
  }
  const circleMembers = spread(14, new Set([owner]))
  const circles: ProgrammeSpec = {
    kind: 'circles',
    ...PROGRAMME_TEXTS.circles,
    owner,
    cadenceDays: 91,
    durationWeeks: 52,
    repeatRounds: 1,
    crossDepartment: 1,
    groupSize: 2,
    createdAt: at(-183),
    // The schedule drafted round 2 yesterday and set the next one a cadence later.
    nextRoundAt: at(-1 + 91),
    participants: circleMembers.map((p, k) => joined(p, 'member', k < 11 ? -183 : -60)),
    roundDays: [-92, -1],
    draftLast: true,
    meetEveryDays: 30,
    maxMeetings: 3,
    minutes: 60,
    places: MEETING_PLACES,
  }
  const lunchMembers = spread(24, new Set([owner, ...circleMembers.slice(0, 4).map((p) => p.email)]))
  const lunch: ProgrammeSpec = {
    kind: 'lunch',
    ...PROGRAMME_TEXTS.lunch,
    owner,
    cadenceDays: 30,
    durationWeeks: 52,
    repeatRounds: 3,
    crossDepartment: 1,
    groupSize: 4,
    createdAt: at(-151),
    nextRoundAt: at(-1 + 30),
    participants: lunchMembers.map((p, k) => joined(p, 'member', k < 20 ? -151 : -65)),
    roundDays: [-121, -91, -61, -31, -1],
    draftLast: true,
    meetEveryDays: 30,
    maxMeetings: 1,
    minutes: 60,
    places: LUNCH_PLACES,
  }

  const programmes = [pilot, mentoring, circles, lunch].map((spec) => replayProgramme(rng, cast, spec))
  programmes.push(...introductions(rng, cast, input, pool, owner, at))
  return { programmes }
}

/**
 * Broker introductions by two managers (not the programme owner), each in their own introductions programme
 * as the one-click introduction makes it: one of their people and someone in another department working on
 * the same topic in another community, with no tie between them yet.
 */
function introductions(
  rng: Rng,
  cast: Cast,
  input: ConnectionsInput,
  pool: DemoPerson[],
  owner: string,
  at: (day: number) => string,
): DemoProgramme[] {
  const tied = new Set(cast.ties.map((t) => pairKey(t.a, t.b)))
  const communityOf = (email: string) => input.communities.find((c) => c.members.includes(email))?.slug ?? null
  const topics = (p: DemoPerson) => new Set([...p.skillsOffered, ...p.skillsWanted])
  const managers = sample(
    rng,
    pool.filter((p) => p.level === 'lead' && p.email !== owner && pool.some((q) => q.managerEmail === p.email)),
    2,
  )
  const used = new Set<string>()
  return managers.map((manager, k) => {
    const created = k === 0 ? -40 : -20
    const programme: DemoProgramme = {
      kind: 'intro',
      name: `Introductions by ${manager.name}`,
      description: 'Introductions suggested by Insights and made by a manager.',
      owner: manager.email,
      cadenceDays: 0,
      durationWeeks: 8,
      repeatRounds: 0,
      crossDepartment: 0,
      groupSize: 2,
      status: 'open',
      nextRoundAt: null,
      createdAt: at(created),
      endsAt: at(created + 56),
      participants: [],
      rounds: [],
      introductions: [],
    }
    const reports = pool.filter((p) => p.managerEmail === manager.email && !used.has(p.email))
    const days = k === 0 ? [-40, -12] : [-2]
    for (const day of days) {
      const pairs = reports.flatMap((a) =>
        pool
          .filter(
            (b) =>
              b.department !== a.department &&
              !used.has(b.email) &&
              b.email !== manager.email &&
              b.managerEmail !== a.email &&
              !tied.has(pairKey(a.email, b.email)) &&
              communityOf(a.email) !== communityOf(b.email) &&
              [...topics(b)].some((t) => topics(a).has(t)),
          )
          .map((b) => [a, b] as const),
      )
      if (pairs.length === 0) continue
      const [a, b] = pick(rng, pairs)
      used.add(a.email).add(b.email)
      const shared = [...topics(b)].filter((t) => topics(a).has(t))
      const reasons = [fill(pick(rng, INTRO_REASONS), shared[0]!), `You both work on ${shared.slice(0, 3).join(', ')}.`]
      const made = at(day + 0.4)
      const match = proposed(
        {
          members: [
            { personId: a.email, role: 'member' },
            { personId: b.email, role: 'member' },
          ],
          score: 1,
          reasons,
        },
        made,
        made,
        manager.email,
      )
      // The latest introduction was made two days ago: whoever did not answer within a day has not yet.
      answer(rng, match, day >= -2 ? Date.parse(made) + DAY : cast.todayMs)
      const spec = { kind: 'intro' as const, participants: [], meetEveryDays: 30, maxMeetings: 1, minutes: 30, places: MEETING_PLACES }
      meet(rng, match, spec, Date.parse(programme.endsAt), cast.todayMs)
      programme.introductions.push(match)
    }
    return programme
  })
}

/**
 * A few people who opted out of analytics (the setting every profile has): contributors outside every planted
 * community and not isolated, so the planted truth is unchanged. The demo shows that opting out is honoured: they are matched
 * in no programme and introduced to nobody.
 */
export function chooseOptedOut(
  rng: Rng,
  people: readonly DemoPerson[],
  truth: { communities: readonly PlantedCommunity[]; isolated: readonly string[] },
  today: string,
): string[] {
  const inCommunity = new Set([...truth.communities.flatMap((c) => c.members), ...truth.isolated])
  const candidates = people.filter(
    (p) => p.level === 'ic' && p.startDate < today && p.email !== DEMO_ADMIN_EMAIL && !inCommunity.has(p.email),
  )
  return sample(rng, candidates, 4)
    .map((p) => p.email)
    .sort()
}
