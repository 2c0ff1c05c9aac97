import type { LearningSession, SessionChanges } from '../../shared/learning.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso } from '../platform/clock.js'
import { BadRequestError, ConflictError, ForbiddenError } from '../platform/errors.js'
import { queueInvites } from './session-invites.js'
import { fillSeats, getSession, visibleSession, type SessionDeps } from './sessions.js'
import * as store from './sessions-store.js'

/**
 * Changes a scheduled session (its facilitator or an admin). A change of time, place or title raises the
 * invite's SEQUENCE and sends everyone with a seat the updated invite; more seats go to the people waiting.
 * Fewer seats than people already enrolled is refused: nobody loses a seat they were given.
 */
export async function updateSession(deps: SessionDeps, viewer: Viewer, id: string, changes: SessionChanges): Promise<LearningSession> {
  await deps.bus.transaction(deps.db, async (tx, events) => {
    const s = await visibleSession(tx, viewer, id, true)
    if (!(viewer.isAdmin || s.facilitator_id === viewer.id))
      throw new ForbiddenError('not_facilitator', 'only the facilitator or an admin may do this')
    if (s.status === 'cancelled') throw new ConflictError('session_cancelled', 'this session was cancelled')
    if (Date.parse(s.starts_at) <= deps.clock.now()) throw new ConflictError('session_started', 'this session has already started')
    const next = {
      title: changes.title?.trim() ?? s.title,
      description: changes.description?.trim() ?? s.description,
      starts_at: changes.startsAt ? new Date(changes.startsAt).toISOString() : s.starts_at,
      ends_at: changes.endsAt ? new Date(changes.endsAt).toISOString() : s.ends_at,
      location: changes.location?.trim() ?? s.location,
      capacity: changes.capacity ?? s.capacity,
    }
    if (Date.parse(next.ends_at) <= Date.parse(next.starts_at))
      throw new BadRequestError('ends_before_start', 'a session must end after it starts')
    if (Date.parse(next.starts_at) <= deps.clock.now())
      throw new BadRequestError('starts_in_past', 'a session cannot be moved into the past')
    const live = await store.enrolmentsOf(tx, [id])
    const seated = live.filter((e) => e.status === 'enrolled')
    if (next.capacity < seated.length)
      throw new ConflictError('capacity_below_enrolled', `${seated.length} people already have a seat; the capacity cannot be lower`)
    const now = clockIso(deps.clock)
    await store.updateSessionRow(tx, id, next, now)
    // What a calendar shows changed: everyone with a seat gets the new version.
    const shown = (['title', 'description', 'starts_at', 'ends_at', 'location'] as const).some((k) => next[k] !== s[k])
    if (shown) {
      await store.raiseSequence(tx, id, now)
      await queueInvites(
        tx,
        deps.jobs,
        id,
        seated.map((e) => e.person_id),
        'change',
      )
    }
    if (next.capacity > s.capacity) await fillSeats(deps, tx, events, { ...s, ...next, sequence: s.sequence + (shown ? 1 : 0) }, now)
  })
  return getSession(deps, viewer, id)
}
