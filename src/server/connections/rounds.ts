import type { MatchList, Round, RoundList } from '../../shared/connections.js'
import { parseTags } from '../../shared/tags.js'
import { tiesAndExpertise } from '../insights/lookup.js'
import { matchingProfiles, personSummariesById } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { ConflictError, NotFoundError } from '../platform/errors.js'
import { JOB_PRIORITY } from '../platform/jobs/worker.js'
import { newId } from '../platform/time.js'
import { matchRound, pairKey, wordsOf, type Participant, type ProposedMatch } from './matching.js'
import { DRAFT_JOB, loadManaged, NOTIFY_JOB, type ConnectionsDeps } from './service.js'
import {
  deleteDraftRounds,
  findActiveParticipants,
  findMatchesOf,
  findMatchesOfRound,
  findPairsSince,
  findProgramme,
  findRound,
  findRounds,
  insertMatches,
  insertRound,
  lockProgramme,
  setRoundApproved,
  type MatchRow,
  type MemberRow,
  type ParticipantRow,
  type ProgrammeRow,
} from './store.js'
import { endLiveMatches, findLiveMembers } from './lifecycle-store.js'
import { toMatches } from './views.js'

const YEAR = 365.25 * 86_400_000

/** Participants as matching sees them: questionnaire answers, org chart, tenure, and expertise from the log. */
export async function toParticipants(
  db: Db,
  rows: ParticipantRow[],
  now: number,
): Promise<{ people: Participant[]; ties: { a: string; b: string }[] }> {
  const ids = rows.map((r) => r.person_id)
  const profiles = await matchingProfiles(db, ids)
  const optedOut = new Set([...profiles.values()].filter((p) => p.analyticsOptOut).map((p) => p.id))
  const log = await tiesAndExpertise(db, ids, optedOut)
  const people = rows
    .filter((r) => profiles.has(r.person_id))
    .map((r) => {
      const p = profiles.get(r.person_id)!
      return {
        personId: r.person_id,
        role: r.role,
        capacity: r.capacity,
        department: p.department,
        managerId: p.managerId,
        tenureYears: Math.max(0, (now - Date.parse(p.startedAt)) / YEAR),
        skillsOffered: parseTags(r.skills_offered),
        skillsWanted: parseTags(r.skills_wanted),
        identityWords: wordsOf(r.who_am_i),
        aspirationWords: [...new Set([...wordsOf(r.want_to_become), ...p.aspirationTags])],
        expertise: log.expertise.get(r.person_id) ?? new Map<string, number>(),
      }
    })
  return { people, ties: log.ties }
}

/** Pairs that may not meet in the next round: those matched in the last `repeat_rounds` approved rounds. */
async function recentPairs(db: Db, programme: ProgrammeRow): Promise<Set<string>> {
  if (programme.repeat_rounds === 0) return new Set()
  const rounds = (await findRounds(db, programme.id)).filter((r) => r.status === 'approved')
  const last = rounds[0]?.number ?? 0
  const pairs = await findPairsSince(db, programme.id, last - programme.repeat_rounds)
  return new Set(pairs.map((p) => pairKey(p.a, p.b)))
}

/**
 * The participants a new round (or a rematch) may still match, given who is in a live match of the programme
 * already: a mentee with a mentor, or a member of a circle, keeps it (their match lasts the programme, so a
 * second one would double it), and a mentor has only the capacity their live mentees leave. Lunch rounds end
 * the earlier round's matches on approval, and introductions may overlap, so both keep everyone.
 */
export function withRoomLeft(
  kind: ProgrammeRow['kind'],
  participants: ParticipantRow[],
  live: readonly { person_id: string; role: string }[],
): ParticipantRow[] {
  if (kind !== 'mentoring' && kind !== 'circles') return participants
  const load = new Map<string, number>()
  for (const m of live) load.set(m.person_id, (load.get(m.person_id) ?? 0) + 1)
  return participants.flatMap((p) => {
    const used = load.get(p.person_id) ?? 0
    if (p.role !== 'mentor') return used > 0 ? [] : [p]
    return p.capacity > used ? [{ ...p, capacity: p.capacity - used }] : []
  })
}

/** Rows of proposed matches and their members (everyone's answer pending). */
export function matchRows(programmeId: string, roundId: string | null, proposals: ProposedMatch[], now: string, proposedBy: string | null) {
  const matches: MatchRow[] = []
  const members: MemberRow[] = []
  for (const m of proposals) {
    const id = newId()
    matches.push({
      id,
      round_id: roundId,
      programme_id: programmeId,
      status: 'proposed',
      score: m.score,
      reasons: JSON.stringify(m.reasons),
      proposed_by: proposedBy,
      created_at: now,
    })
    for (const member of m.members)
      members.push({
        match_id: id,
        person_id: member.personId,
        role: member.role,
        response: 'pending',
        responded_at: null,
        notified_at: null,
        reflection: null,
        reminded_at: null,
      })
  }
  return { matches, members }
}

/** Queues the drafting of a round (the matching runs in a job, never on the request path). */
export async function startDraft(deps: ConnectionsDeps, viewer: Viewer, programmeId: string): Promise<{ jobId: string }> {
  const programme = await loadManaged(deps.db, viewer, programmeId)
  if (programme.status !== 'open') throw new ConflictError('programme_closed', 'this programme is closed')
  const jobId = await deps.jobs.enqueue(
    DRAFT_JOB,
    { programmeId },
    { dedupKey: `${DRAFT_JOB}:${programmeId}`, priority: JOB_PRIORITY.urgent, createdBy: viewer.id },
  )
  return { jobId }
}

/** Reports a draft's steps (the job's progress): done of total, and what it is doing. */
export type DraftProgress = (done: number, total: number, label: string) => Promise<void>

/**
 * Drafts the programme's next round: matches every active participant, replacing an earlier draft. Only the
 * owner sees a draft; nobody is told until it is approved. Idempotent: a rerun replaces the draft again.
 * Reports five steps, the writing one batch by batch, so a big programme's owner sees it move.
 */
export async function draftRound(
  deps: ConnectionsDeps,
  programmeId: string,
  now: number,
  progress: DraftProgress = async () => {},
): Promise<string | null> {
  const programme = await findProgramme(deps.db, programmeId)
  if (!programme || programme.status !== 'open') return null
  await progress(0, 5, 'reading participants')
  const participants = withRoomLeft(
    programme.kind,
    await findActiveParticipants(deps.db, programmeId),
    await findLiveMembers(deps.db, programmeId),
  )
  await progress(1, 5, `reading profiles and the interaction log of ${participants.length} people`)
  const { people, ties } = await toParticipants(deps.db, participants, now)
  await progress(2, 5, `matching ${people.length} people`)
  const blocked = await recentPairs(deps.db, programme)
  const rounds = await findRounds(deps.db, programmeId)
  const number = (rounds.find((r) => r.status === 'approved')?.number ?? 0) + 1
  const result = matchRound(people, {
    kind: programme.kind,
    ties,
    blockedPairs: blocked,
    crossDepartment: programme.cross_department,
    seed: number,
    groupSize: programme.group_size,
  })
  await progress(3, 5, `writing ${result.matches.length} proposed matches`)
  const roundId = newId()
  const stamp = new Date(now).toISOString()
  const { matches, members } = matchRows(programmeId, roundId, result.matches, stamp, null)
  await deps.db.transaction().execute(async (tx) => {
    const locked = await lockProgramme(tx, programmeId)
    if (!locked || locked.status !== 'open') return
    await deleteDraftRounds(tx, programmeId)
    await insertRound(tx, {
      id: roundId,
      programme_id: programmeId,
      number,
      status: 'draft',
      objective: result.objective,
      created_at: stamp,
      approved_at: null,
      approved_by: null,
    })
    await insertMatches(tx, matches, members)
  })
  await progress(5, 5, `${result.matches.length} matches drafted`)
  return roundId
}

/** The programme's rounds, newest first (owner or admin). */
export async function listRounds(deps: ConnectionsDeps, viewer: Viewer, programmeId: string): Promise<RoundList> {
  await loadManaged(deps.db, viewer, programmeId)
  const rounds = await findRounds(deps.db, programmeId)
  const items = []
  for (const r of rounds)
    items.push({
      id: r.id,
      number: r.number,
      status: r.status,
      matches: (await findMatchesOfRound(deps.db, r.id)).length,
      createdAt: r.created_at,
    })
  return { items }
}

/** A round with its matches and "why you two", for the owner's preview (owner or admin). */
export async function getRound(deps: ConnectionsDeps, viewer: Viewer, roundId: string): Promise<Round> {
  const round = await findRound(deps.db, roundId)
  if (!round) throw new NotFoundError('round_not_found', `no round ${roundId}`)
  const programme = await loadManaged(deps.db, viewer, round.programme_id)
  const rows = await findMatchesOfRound(deps.db, roundId)
  // After approval the owner follows the round through counts (aggregates only): no names, no statuses.
  if (round.status !== 'draft') {
    return {
      id: round.id,
      programmeId: programme.id,
      number: round.number,
      status: round.status,
      objective: round.objective,
      matchCount: rows.length,
      matches: [],
      unmatched: [],
    }
  }
  const matches = await toMatches(deps.db, rows, new Map([[programme.id, programme]]))
  const matched = new Set(matches.flatMap((m) => m.members.map((x) => x.person.id)))
  // Whoever keeps a live match from an earlier round was not to be matched, so is not "not matched".
  const active = withRoomLeft(
    programme.kind,
    await findActiveParticipants(deps.db, programme.id),
    await findLiveMembers(deps.db, programme.id),
  )
  const left = await personSummariesById(
    deps.db,
    active.filter((p) => !matched.has(p.person_id)).map((p) => p.person_id),
    { exceptErased: true },
  )
  return {
    id: round.id,
    programmeId: programme.id,
    number: round.number,
    status: round.status,
    objective: round.objective,
    matchCount: rows.length,
    matches,
    unmatched: [...left.values()],
  }
}

/** Approves a draft round: its matches are announced by a job queued in the same transaction (never lost). */
export async function approveRound(deps: ConnectionsDeps, viewer: Viewer, roundId: string): Promise<Round> {
  const round = await findRound(deps.db, roundId)
  if (!round) throw new NotFoundError('round_not_found', `no round ${roundId}`)
  await loadManaged(deps.db, viewer, round.programme_id)
  await deps.db.transaction().execute(async (tx) => {
    const programme = await lockProgramme(tx, round.programme_id)
    if (programme?.status !== 'open') throw new ConflictError('programme_closed', 'this programme has ended or is closed')
    if (!(await setRoundApproved(tx, roundId, viewer.id, clockIso(deps.clock))))
      throw new ConflictError('round_not_draft', 'this round is no longer a draft (approved, or replaced by a newer draft)')
    // A lunch round lasts until the next one: the earlier rounds' matches end (unanswered proposals expire).
    if (programme.kind === 'lunch') await endLiveMatches(tx, programme.id, round.number)
    await deps.jobs.enqueue(NOTIFY_JOB, { roundId }, { db: tx, dedupKey: `${NOTIFY_JOB}:${roundId}` })
  })
  return getRound(deps, viewer, roundId)
}

/** The viewer's announced matches. */
export async function myMatches(db: Db, viewer: Viewer): Promise<MatchList> {
  const rows = await findMatchesOf(db, viewer.id)
  const programmes = new Map<string, ProgrammeRow>()
  for (const id of new Set(rows.map((r) => r.programme_id))) {
    const p = await findProgramme(db, id)
    if (p) programmes.set(id, p)
  }
  return { items: await toMatches(db, rows, programmes) }
}
