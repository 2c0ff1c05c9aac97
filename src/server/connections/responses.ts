import type { Match } from '../../shared/connections.js'
import { matchingProfiles } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, NotFoundError } from '../platform/errors.js'
import { matchRound, pairKey, rematchSeed } from './matching.js'
import { findLiveMembers } from './lifecycle-store.js'
import { matchRows, toParticipants, withRoomLeft } from './rounds.js'
import { loadProgramme, NOTIFY_JOB, type ConnectionsDeps } from './service.js'
import {
  findActiveParticipants,
  findDeclinedPairs,
  findMatch,
  findMatchesOfRound,
  findMembers,
  findPairsSince,
  findRound,
  findRounds,
  insertMatches,
  setMatchStatus,
  setMemberResponse,
  type MatchRow,
  type ProgrammeRow,
} from './store.js'
import { toMatches } from './views.js'

const LIVE = new Set<MatchRow['status']>(['proposed', 'active'])

/** Whether a match goes on without someone who declined (while two remain): circles, and lunch groups over two. */
function keepsGoing(programme: ProgrammeRow): boolean {
  return programme.kind === 'circles' || (programme.kind === 'lunch' && programme.group_size > 2)
}

/** The match if the viewer is one of its members and it has been announced; 404 otherwise. */
export async function loadOwnMatch(db: Db, viewer: Viewer, matchId: string): Promise<MatchRow> {
  const match = await findMatch(db, matchId)
  const members = match ? await findMembers(db, [match.id]) : []
  const round = match?.round_id ? await findRound(db, match.round_id) : undefined
  if (!match || !members.some((m) => m.person_id === viewer.id) || (round && round.status !== 'approved'))
    throw new NotFoundError('match_not_found', `no match ${matchId}`)
  return match
}

/**
 * Accepts or declines a proposed match. When everyone has accepted, the match is active. A decline ends a pair
 * (or trio) and rematches the people it leaves alone in the same round; a circle goes on without the one who
 * declined while at least two remain.
 */
export async function respond(deps: ConnectionsDeps, viewer: Viewer, matchId: string, response: 'accepted' | 'declined'): Promise<Match> {
  const match = await loadOwnMatch(deps.db, viewer, matchId)
  const programme = await loadProgramme(deps.db, viewer, match.programme_id)
  const now = clockIso(deps.clock)
  await deps.db.transaction().execute(async (tx) => {
    const current = await findMatch(tx, matchId)
    const members = await findMembers(tx, [matchId])
    const me = members.find((m) => m.person_id === viewer.id)!
    if (current?.status !== 'proposed' || me.response !== 'pending')
      throw new ConflictError('already_answered', 'this match has been answered already')
    await setMemberResponse(tx, matchId, viewer.id, response, now)
    me.response = response
    const staying = members.filter((m) => m.response !== 'declined')
    if (keepsGoing(programme) ? staying.length < 2 : response === 'declined') {
      await setMatchStatus(tx, matchId, 'declined')
      if (match.round_id) await rematch(deps, tx, programme, match.round_id)
    } else if (staying.every((m) => m.response === 'accepted')) {
      await setMatchStatus(tx, matchId, 'active')
    }
  })
  const [view] = await toMatches(deps.db, [(await findMatch(deps.db, matchId))!], new Map([[programme.id, programme]]))
  return view!
}

/**
 * Matches again, within the round, the participants a decline or an expired proposal left without a live
 * match: a mentee gets another mentor with room; pairs are formed among everyone waiting. People who let a
 * proposal of this round expire are not matched again in it. Pairs declined in this round and recent repeats
 * stay apart. The seed comes from the round and its ended matches, so the same state gives the same rematch.
 * The new matches are announced at once (the round is approved).
 */
export async function rematch(deps: ConnectionsDeps, tx: Db, programme: ProgrammeRow, roundId: string): Promise<void> {
  const roundMatches = await findMatchesOfRound(tx, roundId)
  const members = await findMembers(
    tx,
    roundMatches.map((m) => m.id),
  )
  const live = new Set(roundMatches.filter((m) => LIVE.has(m.status)).map((m) => m.id))
  const active = await findActiveParticipants(tx, programme.id)
  const inRound = new Set(members.map((m) => m.person_id))
  const busy = new Set(members.filter((m) => live.has(m.match_id) && m.response !== 'declined').map((m) => m.person_id))
  // Whoever let a proposal of this round expire is not proposed again in it.
  const gone = new Set(members.filter((m) => m.response === 'expired').map((m) => m.person_id))
  // Mentors' capacity counts their live mentees of every round, not only this one's.
  const pool = withRoomLeft(programme.kind, active, await findLiveMembers(tx, programme.id))
    .filter((p) => p.role === 'mentor' || (inRound.has(p.person_id) && !busy.has(p.person_id)))
    .filter((p) => !gone.has(p.person_id))
  if (!pool.some((p) => p.role !== 'mentor') || pool.length < 2) return

  const blocked = new Set((await findDeclinedPairs(tx, roundId)).map((p) => pairKey(p.a, p.b)))
  const round = (await findRounds(tx, programme.id)).find((r) => r.id === roundId)
  if (programme.repeat_rounds > 0 && round)
    for (const p of await findPairsSince(tx, programme.id, round.number - 1 - programme.repeat_rounds)) blocked.add(pairKey(p.a, p.b))
  const { people, ties } = await toParticipants(tx, pool, deps.clock.now())
  const result = matchRound(people, {
    kind: programme.kind,
    ties,
    blockedPairs: blocked,
    crossDepartment: programme.cross_department,
    seed: rematchSeed(
      roundId,
      roundMatches.filter((m) => m.status === 'declined' || m.status === 'expired').map((m) => m.id),
    ),
    groupSize: programme.group_size,
  })
  const fresh = result.matches
  if (fresh.length === 0) return
  const rows = matchRows(programme.id, roundId, fresh, clockIso(deps.clock), null)
  await insertMatches(tx, rows.matches, rows.members)
  await deps.jobs.enqueue(NOTIFY_JOB, { roundId }, { db: tx, dedupKey: `${NOTIFY_JOB}:${roundId}` })
}

/**
 * A broker introduction: a manager proposes that two people meet, with a reason, in an introductions
 * programme. Announced at once; the two accept or decline like any match.
 */
export async function proposeIntroduction(
  deps: ConnectionsDeps,
  viewer: Viewer,
  programmeId: string,
  body: { personA: string; personB: string; reason: string },
): Promise<Match> {
  const programme = await loadProgramme(deps.db, viewer, programmeId)
  if (programme.kind !== 'intro')
    throw new BadRequestError('not_an_intro_programme', 'introductions are made in an introductions programme')
  if (programme.status !== 'open') throw new ConflictError('programme_closed', 'this programme is closed')
  if (body.personA === body.personB) throw new BadRequestError('same_person', 'introduce two different people')
  const profiles = await matchingProfiles(deps.db, [body.personA, body.personB])
  const a = profiles.get(body.personA)
  const b = profiles.get(body.personB)
  if (!a || !b) throw new NotFoundError('person_not_found', 'both people must be active members')
  if (a.managerId === b.id || b.managerId === a.id) throw new BadRequestError('manager_pair', 'one of them manages the other')
  const topics = new Set([...a.skillsOffered, ...a.skillsWanted])
  const shared = [...new Set([...b.skillsOffered, ...b.skillsWanted])].filter((t) => topics.has(t))
  const reasons = [body.reason.trim(), ...(shared.length ? [`You both work on ${shared.slice(0, 3).join(', ')}.`] : [])]
  const rows = matchRows(
    programmeId,
    null,
    [
      {
        members: [
          { personId: a.id, role: 'member' },
          { personId: b.id, role: 'member' },
        ],
        score: 1,
        reasons,
      },
    ],
    clockIso(deps.clock),
    viewer.id,
  )
  const matchId = rows.matches[0]!.id
  await deps.db.transaction().execute(async (tx) => {
    await insertMatches(tx, rows.matches, rows.members)
    await deps.jobs.enqueue(NOTIFY_JOB, { matchId }, { db: tx, dedupKey: `${NOTIFY_JOB}:${matchId}` })
  })
  const [view] = await toMatches(deps.db, [(await findMatch(deps.db, matchId))!], new Map([[programme.id, programme]]))
  return view!
}
