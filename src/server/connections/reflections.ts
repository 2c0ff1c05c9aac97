import type { ProgrammeReflection } from '../../shared/connections.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { ConflictError, NotFoundError } from '../platform/errors.js'
import { setProgrammeReflection } from './lifecycle-store.js'
import { loadProgramme, type ConnectionsDeps } from './service.js'
import { findParticipant } from './store.js'

// The end-of-programme reflection: one per participant and programme, asked for when the programme ends, and
// private to its writer (the owner sees only how many were written, from the aggregate minimum up).

/** The viewer's reflection on a programme they joined; 404 for anyone else. */
export async function getReflection(db: Db, viewer: Viewer, programmeId: string): Promise<ProgrammeReflection> {
  const programme = await loadProgramme(db, viewer, programmeId)
  const me = await findParticipant(db, programmeId, viewer.id)
  if (!me) throw new NotFoundError('not_participant', 'you have not joined this programme')
  return {
    programme: { id: programme.id, name: programme.name, kind: programme.kind, status: programme.status, endsAt: programme.ends_at },
    body: me.reflection,
    reflectedAt: me.reflected_at,
    open: programme.status === 'ended',
  }
}

/** Writes (or rewrites) the viewer's reflection, once the programme has ended. */
export async function writeReflection(
  deps: ConnectionsDeps,
  viewer: Viewer,
  programmeId: string,
  body: string,
): Promise<ProgrammeReflection> {
  const programme = await loadProgramme(deps.db, viewer, programmeId)
  if (!(await findParticipant(deps.db, programmeId, viewer.id)))
    throw new NotFoundError('not_participant', 'you have not joined this programme')
  if (programme.status !== 'ended') throw new ConflictError('programme_not_ended', 'the reflection is written once the programme has ended')
  await setProgrammeReflection(deps.db, programmeId, viewer.id, body.trim(), clockIso(deps.clock))
  return getReflection(deps.db, viewer, programmeId)
}
