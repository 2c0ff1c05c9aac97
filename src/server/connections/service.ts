import type { FastifyBaseLogger } from 'fastify'
import type { Participation, Programme, ProgrammeBody, Questionnaire } from '../../shared/connections.js'
import { parseTags, tagsJson } from '../../shared/tags.js'
import { departmentNames, getPersonSummaries, matchingProfiles } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso, type Clock } from '../platform/clock.js'
import type { Config } from '../platform/config.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import type { EventBus } from '../platform/events.js'
import type { JobQueue } from '../platform/jobs/worker.js'
import type { Mailer } from '../platform/mail/mailer.js'
import { newId } from '../platform/time.js'
import {
  countParticipation,
  findParticipant,
  findProgramme,
  findRolesOf,
  insertProgramme,
  listProgrammes,
  setParticipantStatus,
  upsertParticipant,
  type ProgrammeRow,
} from './store.js'
import { canManage, toProgramme } from './views.js'

/** What the domain's services share: the database, the job queue, the event bus, the clock, mail and settings. */
export interface ConnectionsDeps {
  db: Db
  jobs: JobQueue
  bus: EventBus
  clock: Clock
  mailer: Mailer
  config: Pick<Config, 'baseUrl' | 'minAggregate'>
  log: FastifyBaseLogger
}

export const DRAFT_JOB = 'connections.draft_round'
export const NOTIFY_JOB = 'connections.notify'
export const INVITE_JOB = 'connections.invite'
export const TICK_JOB = 'connections.tick'

const DAY = 86_400_000

/** An unanswered proposal is reminded once after this long, and expires (and the rematch runs) after the second. */
export const PROPOSAL_REMINDER_MS = 3 * DAY
export const PROPOSAL_EXPIRY_MS = 7 * DAY
/** "Did you meet?" goes out an hour after a meeting began, and is reminded once after this long unanswered. */
export const CHECKBACK_AFTER_MS = 3_600_000
export const CHECKBACK_REMINDER_MS = 3 * DAY

/** Creates a programme owned by the viewer (a manager or an admin: the route says so). */
export async function createProgramme(deps: ConnectionsDeps, viewer: Viewer, body: ProgrammeBody): Promise<Programme> {
  if (body.groupSize !== undefined && body.groupSize !== 2 && body.kind !== 'lunch')
    throw new BadRequestError('group_size_not_for_kind', 'only lunch rounds form groups of more than two')
  const department = body.department?.trim() ?? ''
  // A department typed wrong would make a programme nobody can join: only the organisation's own are taken.
  if (department && !(await departmentNames(deps.db)).includes(department))
    throw new BadRequestError('unknown_department', `no department called ${department}`)
  const now = clockIso(deps.clock)
  const row: ProgrammeRow = {
    id: newId(),
    kind: body.kind,
    name: body.name.trim(),
    description: body.description?.trim() ?? '',
    owner_id: viewer.id,
    department,
    cadence_days: body.cadenceDays,
    duration_weeks: body.durationWeeks,
    repeat_rounds: body.repeatRounds,
    cross_department: body.crossDepartment,
    status: 'open',
    next_round_at: body.cadenceDays > 0 && body.cadenceDays < body.durationWeeks * 7 ? clockIso(deps.clock, body.cadenceDays * DAY) : null,
    created_at: now,
    ends_at: clockIso(deps.clock, body.durationWeeks * 7 * DAY),
    group_size: body.kind === 'lunch' ? (body.groupSize ?? 2) : 2,
  }
  await insertProgramme(deps.db, row)
  const owner = (await getPersonSummaries(deps.db, [viewer.id])).get(viewer.id) ?? null
  return toProgramme(row, viewer, owner, null)
}

/** The departments a programme may be limited to (managers and admins choose one when setting it up). */
export async function listProgrammeDepartments(db: Db): Promise<string[]> {
  return departmentNames(db)
}

/** Programmes the viewer may see: open ones (to all), and closed ones they own. */
export async function listProgrammesFor(db: Db, viewer: Viewer): Promise<Programme[]> {
  const roles = new Map((await findRolesOf(db, viewer.id)).map((r) => [r.programme_id, r.role]))
  // Ended programmes stay listed for the people who took part (their reflection is asked for there).
  const rows = (await listProgrammes(db)).filter(
    (r) => r.status === 'open' || canManage(viewer, r) || (r.status === 'ended' && roles.has(r.id)),
  )
  const owners = await getPersonSummaries(
    db,
    rows.map((r) => r.owner_id),
  )
  return rows.map((r) => toProgramme(r, viewer, (r.owner_id && owners.get(r.owner_id)) || null, roles.get(r.id) ?? null))
}

/** The programme as the viewer sees it (open or ended); 404 for a closed one they do not manage. */
export async function loadProgramme(db: Db, viewer: Viewer, id: string): Promise<ProgrammeRow> {
  const row = await findProgramme(db, id)
  if (!row || (row.status === 'closed' && !canManage(viewer, row))) throw new NotFoundError('programme_not_found', `no programme ${id}`)
  return row
}

/** One programme for the viewer. */
export async function getProgramme(db: Db, viewer: Viewer, id: string): Promise<Programme> {
  const row = await loadProgramme(db, viewer, id)
  const owner = row.owner_id ? ((await getPersonSummaries(db, [row.owner_id])).get(row.owner_id) ?? null) : null
  const me = await findParticipant(db, id, viewer.id)
  return toProgramme(row, viewer, owner, me?.status === 'active' ? me.role : null)
}

/** A programme the viewer manages; 403 for others who can see it. */
export async function loadManaged(db: Db, viewer: Viewer, id: string): Promise<ProgrammeRow> {
  const row = await loadProgramme(db, viewer, id)
  if (!canManage(viewer, row)) throw new ForbiddenError('not_programme_owner', 'only the programme owner or an admin may do this')
  return row
}

/**
 * The opt-in questionnaire: the viewer's earlier answers when they joined before, else prefilled from their
 * profile's three questions and skills.
 */
export async function getQuestionnaire(db: Db, viewer: Viewer, id: string): Promise<Questionnaire> {
  const programme = await loadProgramme(db, viewer, id)
  const earlier = await findParticipant(db, id, viewer.id)
  const role = programme.kind === 'mentoring' ? 'mentee' : 'member'
  if (earlier)
    return {
      role: earlier.role,
      capacity: earlier.capacity,
      whoAmI: earlier.who_am_i,
      wantToBecome: earlier.want_to_become,
      goals: earlier.goals,
      skillsOffered: parseTags(earlier.skills_offered),
      skillsWanted: parseTags(earlier.skills_wanted),
    }
  const profile = (await matchingProfiles(db, [viewer.id])).get(viewer.id)
  return {
    role,
    capacity: 2,
    whoAmI: profile?.whoAmI ?? '',
    wantToBecome: profile?.wantToBecome ?? '',
    goals: profile?.communitiesWanted ? `Join: ${profile.communitiesWanted}` : '',
    skillsOffered: profile?.skillsOffered ?? [],
    skillsWanted: profile?.skillsWanted ?? [],
  }
}

/** Opts the viewer in (or updates their answers). Mentoring takes mentors and mentees; the others members. */
export async function joinProgramme(deps: ConnectionsDeps, viewer: Viewer, id: string, body: Questionnaire): Promise<Programme> {
  const programme = await loadProgramme(deps.db, viewer, id)
  if (programme.status !== 'open') throw new ConflictError('programme_closed', 'this programme is closed')
  const allowed = programme.kind === 'mentoring' ? ['mentor', 'mentee'] : ['member']
  if (!allowed.includes(body.role)) throw new BadRequestError('invalid_role', `a ${programme.kind} programme takes ${allowed.join(' or ')}`)
  if (programme.department) {
    const profile = (await matchingProfiles(deps.db, [viewer.id])).get(viewer.id)
    if (profile?.department !== programme.department)
      throw new ForbiddenError('not_in_department', `this programme is open to ${programme.department} only`)
  }
  const earlier = await findParticipant(deps.db, id, viewer.id)
  await upsertParticipant(deps.db, {
    programme_id: id,
    person_id: viewer.id,
    role: body.role,
    capacity: body.role === 'mentor' ? body.capacity : 1,
    who_am_i: body.whoAmI.trim(),
    want_to_become: body.wantToBecome.trim(),
    goals: body.goals.trim(),
    skills_offered: tagsJson(body.skillsOffered),
    skills_wanted: tagsJson(body.skillsWanted),
    status: 'active',
    joined_at: earlier?.joined_at ?? clockIso(deps.clock),
  })
  return getProgramme(deps.db, viewer, id)
}

/** Leaves a programme: no new matches; current ones go on until they end. */
export async function leaveProgramme(db: Db, viewer: Viewer, id: string): Promise<void> {
  await loadProgramme(db, viewer, id)
  if (!(await findParticipant(db, id, viewer.id))) throw new NotFoundError('not_participant', 'you have not joined this programme')
  await setParticipantStatus(db, id, viewer.id, 'left')
}

/**
 * Participation for the owner: counts only, with the counts about people (participants, answers, meetings)
 * shown only from the aggregate minimum up (DESIGN.md), so small programmes do not reveal individuals.
 */
export async function getParticipation(deps: ConnectionsDeps, viewer: Viewer, id: string): Promise<Participation> {
  await loadManaged(deps.db, viewer, id)
  const c = await countParticipation(deps.db, id)
  const min = deps.config.minAggregate
  const shown = (n: number) => (c.participants >= min ? n : null)
  const matches = [...c.byStatus.values()].reduce((s, n) => s + n, 0)
  return {
    minAggregate: min,
    participants: shown(c.participants),
    rounds: c.rounds,
    matches,
    accepted: shown((c.byStatus.get('active') ?? 0) + (c.byStatus.get('ended') ?? 0)),
    declined: shown(c.byStatus.get('declined') ?? 0),
    meetingsHeld: shown(c.meetingsHeld),
    // A count of reflections shown only from the minimum up too: 1 of 2 would say who wrote one.
    reflections: c.reflections >= min ? shown(c.reflections) : null,
  }
}

export { brokerIntroduction } from './broker.js'
