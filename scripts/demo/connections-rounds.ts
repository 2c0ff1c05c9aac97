import { matchRound, pairKey, wordsOf, type Participant, type ProposedMatch } from '../../src/server/connections/matching.js'
import type { ProgrammeKind } from '../../src/shared/connections.js'
import { CIRCLE_NOTES, fill, MATCH_REFLECTIONS, MEETING_NOTES, MENTEE_GOALS, REFLECTIONS } from './connections-bank.js'
import type { DemoMatch, DemoMeeting, DemoParticipant, DemoProgramme, DemoRound } from './connections-types.js'
import type { DemoInteraction } from './knowledge-types.js'
import type { DemoPerson } from './profiles.js'
import { chance, int, pick, type Rng } from './prng.js'

// A programme's year replayed as the app runs it: each round matched by the app's own matcher (matchRound) on
// the participants who had joined by then, with the programme's repeat rule; the owner approves it the next
// day, people answer within a couple of days, a decline is rematched in the round, a lunch round ends the one
// before it, meetings are held and checked back, and the end of a programme ends its matches and asks for
// reflections. Pure: people are named by email.

export const DAY = 86_400_000
const HOUR = 3_600_000

/** What the replay reads: the people, expertise and ties of the interaction log, and the demo's today. */
export interface Cast {
  people: Map<string, DemoPerson>
  expertise: Map<string, Map<string, number>>
  ties: { a: string; b: string }[]
  todayMs: number
}

/** A programme to replay: its settings, participants, and the days (relative to today) its rounds ran. */
export interface ProgrammeSpec extends Omit<DemoProgramme, 'status' | 'rounds' | 'introductions' | 'endsAt'> {
  roundDays: number[]
  /** The last round is a draft awaiting the owner's approval. */
  draftLast: boolean
  /** Mentoring: who may mentor whom (blocked otherwise, as a declined pair is). */
  eligible?: (mentee: string, mentor: string) => boolean
  /** The round (number) in which one mentee declines their proposal. */
  declineInRound?: number
  meetEveryDays: number
  maxMeetings: number
  minutes: number
  places: readonly string[]
}

const YEAR = 365.25 * DAY
const iso = (ms: number) => new Date(ms).toISOString()

/** Expertise (topics helped on) and ties from the interaction log, as insights' tiesAndExpertise reads them. */
export function logView(interactions: readonly DemoInteraction[]): Pick<Cast, 'expertise' | 'ties'> {
  const helperOf = (i: DemoInteraction) =>
    i.kind === 'answer' || i.kind === 'comment' ? i.actor : ['thanks', 'learned', 'accept', 'adopt'].includes(i.kind) ? i.target : null
  const expertise = new Map<string, Map<string, number>>()
  const keys = new Set<string>()
  for (const i of interactions) {
    if (i.actor === i.target) continue
    keys.add(pairKey(i.actor, i.target))
    const h = helperOf(i)
    if (!h) continue
    const m = expertise.get(h) ?? new Map<string, number>()
    for (const t of i.topics) m.set(t, (m.get(t) ?? 0) + 1)
    expertise.set(h, m)
  }
  const ties = [...keys].map((k) => {
    const [a, b] = k.split(' ') as [string, string]
    return { a, b }
  })
  return { expertise, ties }
}

function participantOf(cast: Cast, p: DemoParticipant, at: number): Participant {
  const person = cast.people.get(p.email)!
  return {
    personId: p.email,
    role: p.role,
    capacity: p.capacity,
    department: person.department,
    managerId: person.managerEmail,
    tenureYears: Math.max(0, (at - Date.parse(`${person.startDate}T00:00:00Z`)) / YEAR),
    skillsOffered: p.skillsOffered,
    skillsWanted: p.skillsWanted,
    identityWords: wordsOf(p.whoAmI),
    aspirationWords: [...new Set([...wordsOf(p.wantToBecome), ...person.aspirationTags])],
    expertise: cast.expertise.get(p.email) ?? new Map(),
  }
}

/** A proposed match as the round writes it, announced at `notifiedAt` (null: a draft, nobody told). */
export function proposed(m: ProposedMatch, createdAt: string, notifiedAt: string | null, proposedBy: string | null = null): DemoMatch {
  return {
    status: 'proposed',
    score: m.score,
    reasons: m.reasons,
    proposedBy,
    createdAt,
    members: m.members.map((x) => ({
      email: x.personId,
      role: x.role,
      response: 'pending',
      respondedAt: null,
      notifiedAt,
      reflection: null,
    })),
    meetings: [],
    log: [],
  }
}

/** Everyone answers within two days of being told (if today has come by then); all yes makes it active. */
export function answer(rng: Rng, m: DemoMatch, todayMs: number): void {
  const told = Date.parse(m.members[0]!.notifiedAt!)
  for (const x of m.members) {
    const at = told + int(rng, 1, 48) * HOUR
    if (at < todayMs) Object.assign(x, { response: 'accepted', respondedAt: iso(at) })
  }
  if (m.members.every((x) => x.response === 'accepted')) m.status = 'active'
}

/** What the pair's notes are about: the mentee's first wanted topic, else any member's, else the work. */
const topicOf = (m: DemoMatch, spec: Pick<ProgrammeSpec, 'participants'>) => {
  const answers = m.members.flatMap((x) => spec.participants.filter((p) => p.email === x.email))
  const mentee = answers.find((p) => p.role === 'mentee')
  return mentee?.skillsWanted[0] ?? answers.flatMap((p) => p.skillsWanted)[0] ?? 'the work'
}

/**
 * Meetings of an active match from its acceptance until `endMs` (the match ends then): held ones in the past
 * with their check-back, and the next one still to come. Writes the mentee's goal and notes after meetings.
 */
export function meet(
  rng: Rng,
  m: DemoMatch,
  spec: Pick<ProgrammeSpec, 'kind' | 'participants' | 'meetEveryDays' | 'maxMeetings' | 'minutes' | 'places'>,
  endMs: number,
  todayMs: number,
): void {
  if (m.status !== 'active' && m.status !== 'ended') return
  const accepted = Math.max(...m.members.map((x) => Date.parse(x.respondedAt!)))
  const topic = topicOf(m, spec)
  const organizer = m.members.find((x) => x.role === 'mentee')?.email ?? m.members[0]!.email
  if (spec.kind === 'mentoring')
    m.log.push({ author: organizer, kind: 'goal', body: fill(pick(rng, MENTEE_GOALS), topic), createdAt: iso(accepted + HOUR) })
  const first = Math.floor(accepted / DAY) * DAY + int(rng, 3, 8) * DAY + int(rng, 9, 15) * HOUR
  for (let k = 0, start = first; k < spec.maxMeetings && start < endMs; k++, start += spec.meetEveryDays * DAY) {
    const created = iso(accepted + 2 * HOUR + k * HOUR)
    const meeting: DemoMeeting = {
      organizer,
      startsAt: iso(start),
      minutes: spec.minutes,
      location: pick(rng, spec.places),
      held: null,
      checkedAt: null,
      remindedAt: null,
      createdAt: k === 0 ? created : iso(start - int(rng, 5, 12) * DAY),
    }
    m.meetings.push(meeting)
    if (start >= todayMs) break
    if (start + HOUR < todayMs) meeting.remindedAt = iso(start + HOUR)
    const checked = start + int(rng, 2, 30) * HOUR
    if (checked < todayMs) {
      meeting.held = chance(rng, 0.9) ? 1 : 0
      meeting.checkedAt = iso(checked)
    }
    if (meeting.held === 1 && chance(rng, 0.5)) {
      const notes = spec.kind === 'circles' ? CIRCLE_NOTES : MEETING_NOTES
      const at = checked + int(rng, 1, 20) * HOUR
      if (at < todayMs)
        m.log.push({ author: pick(rng, m.members).email, kind: 'note', body: fill(pick(rng, notes), topic), createdAt: iso(at) })
    }
  }
}

/** Ends the live matches (active ones end, proposed ones expire with their unanswered members). */
function endLive(matches: DemoMatch[]): void {
  for (const m of matches) {
    if (m.status === 'active') m.status = 'ended'
    if (m.status !== 'proposed') continue
    m.status = 'expired'
    for (const x of m.members) if (x.response === 'pending') x.response = 'expired'
  }
}

/** Replays a programme's rounds up to today. */
/**
 * As the app drafts a round (connections' `withRoomLeft`): in mentoring and circles, a mentee or circle member
 * with a live match sits the round out, and a mentor offers only the places left.
 */
function withRoomLeft(kind: ProgrammeSpec['kind'], joined: DemoParticipant[], rounds: readonly DemoRound[]): DemoParticipant[] {
  if (kind !== 'mentoring' && kind !== 'circles') return joined
  const load = new Map<string, number>()
  for (const r of rounds)
    for (const m of r.matches)
      if (m.status === 'active' || m.status === 'proposed') for (const x of m.members) load.set(x.email, (load.get(x.email) ?? 0) + 1)
  return joined.flatMap((p) => {
    const used = load.get(p.email) ?? 0
    if (p.role !== 'mentor') return used > 0 ? [] : [p]
    return p.capacity > used ? [{ ...p, capacity: p.capacity - used }] : []
  })
}

export function replayProgramme(rng: Rng, cast: Cast, spec: ProgrammeSpec): DemoProgramme {
  const { todayMs } = cast
  const endsMs = Date.parse(spec.createdAt) + spec.durationWeeks * 7 * DAY
  const rounds: DemoRound[] = []
  /** When each match stops meeting: the next lunch round's approval, or the programme's end. */
  const endOf = new Map<DemoMatch, number>()
  spec.roundDays.forEach((day, i) => {
    const draft = spec.draftLast && i === spec.roundDays.length - 1
    const at = todayMs + day * DAY + 9 * HOUR
    const number = rounds.length + 1
    const active = withRoomLeft(
      spec.kind,
      spec.participants.filter((p) => Date.parse(p.joinedAt) <= at),
      rounds,
    )
    const blocked = new Set<string>()
    for (const r of rounds.slice(Math.max(0, rounds.length - spec.repeatRounds)))
      for (const m of r.matches)
        for (const a of m.members) for (const b of m.members) if (a.email < b.email) blocked.add(pairKey(a.email, b.email))
    if (spec.eligible)
      for (const e of active.filter((p) => p.role === 'mentee'))
        for (const r of active.filter((p) => p.role === 'mentor'))
          if (!spec.eligible(e.email, r.email)) blocked.add(pairKey(e.email, r.email))
    const ctx = { kind: spec.kind, ties: cast.ties, crossDepartment: spec.crossDepartment, groupSize: spec.groupSize }
    const result = matchRound(
      active.map((p) => participantOf(cast, p, at)),
      { ...ctx, blockedPairs: blocked, seed: number },
    )
    const approvedMs = at + 25 * HOUR
    const round: DemoRound = {
      number,
      status: draft ? 'draft' : 'approved',
      objective: result.objective,
      createdAt: iso(at),
      approvedAt: draft ? null : iso(approvedMs),
      matches: result.matches.map((m) => proposed(m, iso(at), draft ? null : iso(approvedMs + 2 * 60_000))),
    }
    if (!draft) {
      if (spec.kind === 'lunch')
        for (const r of rounds) {
          for (const m of r.matches) if (m.status === 'active') endOf.set(m, Math.min(endOf.get(m) ?? Infinity, approvedMs))
          endLive(r.matches)
        }
      for (const m of round.matches) answer(rng, m, todayMs)
      if (spec.declineInRound === number) declineAndRematch(rng, cast, spec, round, active, blocked, ctx)
    }
    rounds.push(round)
  })
  const ended = endsMs <= todayMs
  for (const r of rounds) for (const m of r.matches) meet(rng, m, spec, Math.min(endOf.get(m) ?? endsMs, endsMs), todayMs)
  const participants = spec.participants.map((p) => ({ ...p }))
  if (ended) {
    for (const r of rounds) endLive(r.matches)
    for (const p of participants) p.promptedAt = iso(endsMs + 10 * 60_000)
    // A few write their reflection in the week after the prompt; a couple reflect on their match too.
    participants.forEach((p, k) => {
      if (k % 2 === 1 || iso(endsMs + 7 * DAY) >= iso(todayMs)) return
      p.reflection = REFLECTIONS[(k / 2) % REFLECTIONS.length]!
      p.reflectedAt = iso(endsMs + int(rng, 1, 7) * DAY)
    })
    rounds[0]?.matches.slice(0, 2).forEach((m, k) => {
      if (m.status === 'ended') m.members[k % m.members.length]!.reflection = MATCH_REFLECTIONS[k % MATCH_REFLECTIONS.length]!
    })
  }
  const {
    roundDays: _d,
    draftLast: _l,
    eligible: _e,
    declineInRound: _r,
    meetEveryDays: _m,
    maxMeetings: _x,
    minutes: _n,
    places: _p,
    ...rest
  } = spec
  return { ...rest, participants, status: ended ? 'ended' : 'open', endsAt: iso(endsMs), rounds, introductions: [] }
}

/**
 * One mentee declines their proposal the day it came: the match is declined and the round's rematch gives
 * them another mentor with room (the declined pair and recent repeats stay apart), announced at once.
 */
function declineAndRematch(
  rng: Rng,
  cast: Cast,
  spec: ProgrammeSpec,
  round: DemoRound,
  active: DemoParticipant[],
  blocked: Set<string>,
  ctx: { kind: ProgrammeKind; ties: Cast['ties']; crossDepartment: number; groupSize: number },
): void {
  const victim = round.matches.find((m) => m.status === 'active')
  if (!victim) return
  const mentee = victim.members.find((x) => x.role === 'mentee') ?? victim.members[1]!
  const declinedAt = Date.parse(mentee.respondedAt!)
  Object.assign(mentee, { response: 'declined' })
  for (const x of victim.members)
    if (x !== mentee && Date.parse(x.respondedAt!) > declinedAt) Object.assign(x, { response: 'pending', respondedAt: null })
  victim.status = 'declined'
  victim.meetings = []
  const load = new Map<string, number>()
  for (const m of round.matches)
    if (m.status === 'active' || m.status === 'proposed')
      for (const x of m.members) if (x.role === 'mentor') load.set(x.email, (load.get(x.email) ?? 0) + 1)
  const pool = active
    .filter((p) => (p.role === 'mentor' ? p.capacity > (load.get(p.email) ?? 0) : p.email === mentee.email))
    .map((p) => (p.role === 'mentor' ? { ...p, capacity: p.capacity - (load.get(p.email) ?? 0) } : p))
  const declined = victim.members.map((x) => x.email)
  const result = matchRound(
    pool.map((p) => participantOf(cast, p, declinedAt)),
    { ...ctx, blockedPairs: new Set([...blocked, pairKey(declined[0]!, declined[1]!)]), seed: round.number * 7919 + 1 },
  )
  for (const m of result.matches) {
    const fresh = proposed(m, iso(declinedAt), iso(declinedAt + 2 * 60_000))
    answer(rng, fresh, cast.todayMs)
    round.matches.push(fresh)
  }
}
