import type { LearningSession, NewSession } from '../../shared/learning.js'
import { canRead, communityRefBySlug, getCommunityRefs } from '../communities/lookup.js'
import { recordInteractions } from '../insights/service.js'
import { activeAmong, getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso, type Clock } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import type { EventBus, Publisher } from '../platform/events.js'
import type { JobQueue } from '../platform/jobs/worker.js'
import { newId } from '../platform/time.js'
import type { LearningSessionTable, SessionEnrolmentTable } from './rows.js'
import { queueInvites } from './session-invites.js'
import * as store from './sessions-store.js'

/** What the session services need from the app. */
export interface SessionDeps {
  db: Db
  bus: EventBus
  clock: Clock
  jobs: JobQueue
  minAggregate: number
}

const canManage = (viewer: Viewer, s: LearningSessionTable) => viewer.isAdmin || s.facilitator_id === viewer.id

/** A session the viewer may see (of the whole organisation, or of a community they can read); 404 otherwise. */
export async function visibleSession(db: Db, viewer: Viewer, id: string, forUpdate = false): Promise<LearningSessionTable> {
  const s = await store.findSession(db, id, forUpdate)
  if (!s || (s.community_id && !viewer.isAdmin && !(await canRead(db, viewer.id, s.community_id)))) {
    throw new NotFoundError('session_not_found', `no session ${id}`)
  }
  return s
}

/** Sessions with their counts and the viewer's own place, as the API shows them. */
async function present(db: Db, viewer: Viewer, sessions: LearningSessionTable[]): Promise<LearningSession[]> {
  const enrolments = await store.enrolmentsOf(
    db,
    sessions.map((s) => s.id),
  )
  const people = await getPersonSummaries(
    db,
    sessions.map((s) => s.facilitator_id),
  )
  const communities = await getCommunityRefs(
    db,
    sessions.flatMap((s) => (s.community_id ? [s.community_id] : [])),
  )
  return sessions.map((s) => {
    const own = enrolments.filter((e) => e.session_id === s.id)
    const waiting = own.filter((e) => e.status === 'waitlisted')
    const mine = own.find((e) => e.person_id === viewer.id)
    const community = s.community_id ? communities.get(s.community_id) : undefined
    return {
      id: s.id,
      title: s.title,
      description: s.description,
      community: community ? { slug: community.slug, name: community.name } : null,
      facilitator: { id: s.facilitator_id, name: people.get(s.facilitator_id)?.name ?? 'Former member' },
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      location: s.location,
      capacity: s.capacity,
      status: s.status,
      enrolled: own.filter((e) => e.status === 'enrolled').length,
      waitlisted: waiting.length,
      mine: mine?.status === 'enrolled' || mine?.status === 'waitlisted' ? mine.status : null,
      waitlistPlace: mine?.status === 'waitlisted' ? waiting.findIndex((e) => e.person_id === viewer.id) + 1 : null,
      attended: mine?.attended === null || mine?.attended === undefined ? null : mine.attended === 1,
      canManage: canManage(viewer, s),
    }
  })
}

/** Schedules a session (managers and admins: learning staff). */
export async function createSession(deps: SessionDeps, viewer: Viewer, body: NewSession): Promise<LearningSession> {
  const { db } = deps
  if (Date.parse(body.endsAt) <= Date.parse(body.startsAt))
    throw new BadRequestError('ends_before_start', 'a session must end after it starts')
  let communityId: string | null = null
  if (body.community) {
    const c = await communityRefBySlug(db, body.community)
    if (!c || (!viewer.isAdmin && !(await canRead(db, viewer.id, c.id))))
      throw new BadRequestError('unknown_community', `no community ${body.community}`)
    communityId = c.id
  }
  const facilitatorId = body.facilitatorId ?? viewer.id
  if (!(await activeAmong(db, [facilitatorId])).has(facilitatorId))
    throw new BadRequestError('unknown_facilitator', 'the facilitator must be an active person')
  const now = clockIso(deps.clock)
  const row: LearningSessionTable = {
    id: newId(),
    title: body.title.trim(),
    description: body.description?.trim() ?? '',
    community_id: communityId,
    facilitator_id: facilitatorId,
    starts_at: new Date(body.startsAt).toISOString(),
    ends_at: new Date(body.endsAt).toISOString(),
    location: body.location?.trim() ?? '',
    capacity: body.capacity,
    status: 'scheduled',
    sequence: 0,
    created_by: viewer.id,
    created_at: now,
    updated_at: now,
  }
  await store.insertSession(db, row)
  return (await present(db, viewer, [row]))[0]!
}

/** Sessions that have not ended yet (and those that ended in the last week, for attendance and feedback). */
export async function listSessions(deps: SessionDeps, viewer: Viewer): Promise<LearningSession[]> {
  const since = clockIso(deps.clock, -7 * 86_400_000)
  const rows = await store.listSessions(deps.db, since, 200)
  const visible: LearningSessionTable[] = []
  for (const s of rows) if (!s.community_id || viewer.isAdmin || (await canRead(deps.db, viewer.id, s.community_id))) visible.push(s)
  return present(deps.db, viewer, visible)
}

export async function getSession(deps: SessionDeps, viewer: Viewer, id: string): Promise<LearningSession> {
  return (await present(deps.db, viewer, [await visibleSession(deps.db, viewer, id)]))[0]!
}

/**
 * Takes a seat, or a place at the back of the waitlist when the session is full. Decided under the session's
 * lock, so two people never get the last seat. Enrolling again changes nothing.
 */
export async function enrol(deps: SessionDeps, viewer: Viewer, id: string): Promise<LearningSession> {
  await deps.bus.transaction(deps.db, async (tx) => {
    const s = await visibleSession(tx, viewer, id, true)
    if (s.status === 'cancelled') throw new ConflictError('session_cancelled', 'this session was cancelled')
    if (Date.parse(s.starts_at) <= deps.clock.now()) throw new ConflictError('session_started', 'this session has already started')
    const current = await store.findEnrolment(tx, id, viewer.id)
    if (current && current.status !== 'cancelled') return
    const enrolled = (await store.enrolmentsOf(tx, [id])).filter((e) => e.status === 'enrolled').length
    const now = clockIso(deps.clock)
    const status = enrolled < s.capacity ? 'enrolled' : 'waitlisted'
    // Someone coming back may hold a CANCEL of this UID: only a higher SEQUENCE brings the event back.
    if (current && status === 'enrolled') await store.raiseSequence(tx, id, now)
    await store.upsertEnrolment(tx, {
      session_id: id,
      person_id: viewer.id,
      status,
      seq: await store.nextSeq(tx, id),
      attended: null,
      rating: null,
      feedback: null,
      created_at: now,
      updated_at: now,
    })
    if (status === 'enrolled') await queueInvites(tx, deps.jobs, id, [viewer.id], 'seat')
  })
  return getSession(deps, viewer, id)
}

/**
 * Gives the free seats to the people waiting, in order of arrival: each is told, and gets the invite.
 * Call under the session's lock.
 */
export async function fillSeats(deps: SessionDeps, tx: Db, events: Publisher, s: LearningSessionTable, now: string): Promise<void> {
  const live = await store.enrolmentsOf(tx, [s.id])
  const seats = s.capacity - live.filter((e) => e.status === 'enrolled').length
  const promoted = live.filter((e) => e.status === 'waitlisted').slice(0, Math.max(0, seats))
  for (const next of promoted) {
    await store.setEnrolmentStatus(tx, s.id, next.person_id, 'enrolled', now)
    await events.publish('learning.seat_given', { sessionId: s.id, personId: next.person_id, title: s.title, startsAt: s.starts_at })
  }
  await queueInvites(
    tx,
    deps.jobs,
    s.id,
    promoted.map((e) => e.person_id),
    'seat',
  )
}

/** Gives up a seat or a waitlist place; a freed seat goes to the first person waiting, who is told. */
export async function withdraw(deps: SessionDeps, viewer: Viewer, id: string): Promise<LearningSession> {
  await deps.bus.transaction(deps.db, async (tx, events) => {
    const s = await visibleSession(tx, viewer, id, true)
    const current = await store.findEnrolment(tx, id, viewer.id)
    if (!current || current.status === 'cancelled') throw new NotFoundError('not_enrolled', 'you are not enrolled in this session')
    if (Date.parse(s.starts_at) <= deps.clock.now()) throw new ConflictError('session_started', 'this session has already started')
    const now = clockIso(deps.clock)
    await store.setEnrolmentStatus(tx, id, viewer.id, 'cancelled', now)
    if (current.status !== 'enrolled' || s.status === 'cancelled') return
    await queueInvites(tx, deps.jobs, id, [viewer.id], 'withdrawn')
    await fillSeats(deps, tx, events, s, now)
  })
  return getSession(deps, viewer, id)
}

export async function managedSession(deps: SessionDeps, viewer: Viewer, id: string, forUpdate = false): Promise<LearningSessionTable> {
  const s = await visibleSession(deps.db, viewer, id, forUpdate)
  if (!canManage(viewer, s)) throw new ForbiddenError('not_facilitator', 'only the facilitator or an admin may do this')
  return s
}

/** Who is coming and who waits, with attendance; feedback only in aggregate and only from the privacy minimum up. */
export async function roster(deps: SessionDeps, viewer: Viewer, id: string) {
  await managedSession(deps, viewer, id)
  const live = await store.enrolmentsOf(deps.db, [id])
  const names = await getPersonSummaries(
    deps.db,
    live.map((e) => e.person_id),
  )
  const rated = live.filter((e): e is SessionEnrolmentTable & { rating: number } => e.rating !== null)
  const enough = rated.length >= deps.minAggregate
  return {
    items: live.map((e) => ({
      person: { id: e.person_id, name: names.get(e.person_id)?.name ?? 'Former member' },
      status: e.status as 'enrolled' | 'waitlisted',
      attended: e.attended === null ? null : e.attended === 1,
    })),
    feedbackResponses: rated.length,
    feedback: enough
      ? {
          responses: rated.length,
          averageRating: Math.round((rated.reduce((a, e) => a + e.rating, 0) / rated.length) * 10) / 10,
          // Comments in an order that does not follow the roster, so they cannot be matched to names.
          comments: rated.flatMap((e) => (e.feedback ? [e.feedback] : [])).sort(),
        }
      : null,
  }
}

/**
 * Records who came (the facilitator, once the session has started). People who were together in a session go
 * into the interaction log (`kind: session`), facilitator included, once per pair.
 */
export async function markAttendance(deps: SessionDeps, viewer: Viewer, id: string, attendedIds: string[]): Promise<void> {
  await deps.bus.transaction(deps.db, async (tx) => {
    const s = await visibleSession(tx, viewer, id, true)
    if (!canManage(viewer, s)) throw new ForbiddenError('not_facilitator', 'only the facilitator or an admin may do this')
    if (Date.parse(s.starts_at) > deps.clock.now())
      throw new ConflictError('not_started', 'attendance is taken once the session has started')
    const enrolled = (await store.enrolmentsOf(tx, [id])).filter((e) => e.status === 'enrolled')
    const known = new Set(enrolled.map((e) => e.person_id))
    const stranger = attendedIds.find((p) => !known.has(p))
    if (stranger) throw new BadRequestError('not_enrolled', `${stranger} is not enrolled in this session`)
    const before = new Set(enrolled.filter((e) => e.attended === 1).map((e) => e.person_id))
    const now = new Set(attendedIds)
    await store.setAttendance(tx, id, now, clockIso(deps.clock))
    const people = [...new Set([s.facilitator_id, ...now])].sort()
    const wasThere = (p: string) => p === s.facilitator_id || before.has(p)
    const pairs: [string, string][] = []
    for (let i = 0; i < people.length; i++)
      for (let j = i + 1; j < people.length; j++) if (!(wasThere(people[i]!) && wasThere(people[j]!))) pairs.push([people[i]!, people[j]!])
    await recordInteractions(
      tx,
      pairs.map(([a, b]) => ({
        actorId: a,
        targetId: b,
        kind: 'session',
        communityId: s.community_id,
        at: s.starts_at,
        source: 'wellspring',
        ref: `session:${id}`,
      })),
    )
  })
}

/** An attendee's rating and comment, once per person (a later one replaces it). */
export async function giveFeedback(
  deps: SessionDeps,
  viewer: Viewer,
  id: string,
  rating: number,
  comment: string | undefined,
): Promise<void> {
  const s = await visibleSession(deps.db, viewer, id)
  const mine = await store.findEnrolment(deps.db, id, viewer.id)
  if (!mine || mine.attended !== 1) throw new ForbiddenError('not_attended', 'feedback comes from people who attended')
  await store.setFeedback(deps.db, s.id, viewer.id, rating, comment?.trim() || null, clockIso(deps.clock))
}

/** Cancels a session; everyone enrolled or waiting is told. */
export async function cancelSession(deps: SessionDeps, viewer: Viewer, id: string): Promise<LearningSession> {
  await deps.bus.transaction(deps.db, async (tx, events) => {
    const s = await visibleSession(tx, viewer, id, true)
    if (!canManage(viewer, s)) throw new ForbiddenError('not_facilitator', 'only the facilitator or an admin may do this')
    if (s.status === 'cancelled') return
    const now = clockIso(deps.clock)
    await store.cancelSessionRow(tx, id, now)
    await store.raiseSequence(tx, id, now)
    const live = await store.enrolmentsOf(tx, [id])
    const personIds = live.map((e) => e.person_id)
    await queueInvites(
      tx,
      deps.jobs,
      id,
      live.filter((e) => e.status === 'enrolled').map((e) => e.person_id),
      'change',
    )
    if (personIds.length > 0)
      await events.publish('learning.session_cancelled', { sessionId: id, personIds, title: s.title, startsAt: s.starts_at })
  })
  return getSession(deps, viewer, id)
}
