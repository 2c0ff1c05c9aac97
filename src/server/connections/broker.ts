import type { Match } from '../../shared/connections.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { findOwnIntroProgramme } from './broker-store.js'
import { proposeIntroduction } from './responses.js'
import { createProgramme, type ConnectionsDeps } from './service.js'

/**
 * A broker introduction made in one click from another domain (insights' manager view): it goes into the
 * viewer's own open introductions programme, which is created on first use, and is announced like any
 * introduction. The caller has checked that the viewer may suggest this pair.
 */
export async function brokerIntroduction(
  deps: ConnectionsDeps,
  viewer: Viewer,
  body: { personA: string; personB: string; reason: string },
): Promise<Match> {
  let programmeId = (await findOwnIntroProgramme(deps.db, viewer.id))?.id
  if (!programmeId) {
    const created = await createProgramme(deps, viewer, {
      kind: 'intro',
      name: `Introductions by ${viewer.name}`.slice(0, 120),
      description: 'Introductions suggested by Insights and made by a manager.',
      cadenceDays: 0,
      durationWeeks: 8,
      repeatRounds: 0,
      crossDepartment: 0,
    })
    programmeId = created.id
  }
  return proposeIntroduction(deps, viewer, programmeId, body)
}
