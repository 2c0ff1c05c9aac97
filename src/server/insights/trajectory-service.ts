// Trajectories as people may see them (DESIGN.md, privacy): a person's own trajectory goes to them and to their
// own manager, nobody else (others get a 404, as if it did not exist); a community's typical path is an
// aggregate of at least `minAggregate` people per step, counted from today's roster; managers see how many
// members are stuck at the edge, and by name only their own reports. Every view is audit-logged.
import type { CommunityTrajectory, PersonTrajectory } from '../../shared/insights-map.js'
import { analyticsRoster, getPersonSummaries } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { NotFoundError } from '../platform/errors.js'
import { findLatestDoneRun, findMembersOfRun } from './discovery-store.js'
import { findCommunityHistories, findLatestSnapshots, findTrajectoryOf } from './map-store.js'
import { isStuckAtEdge, seriesByPerson, typicalPath, type PlaceRow } from './trajectory-analysis.js'

const parseTopics = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []
  } catch {
    return []
  }
}

function groupByCommunity(rows: readonly PlaceRow[]): Map<string, PlaceRow[]> {
  const out = new Map<string, PlaceRow[]>()
  for (const r of rows) out.set(r.community_id, [...(out.get(r.community_id) ?? []), r])
  return out
}

/** A person's trajectory in every community a run put them in; for the person and their own manager only. */
export async function getPersonTrajectory(db: Db, viewer: Viewer, minAggregate: number, personId: string): Promise<PersonTrajectory> {
  const roster = await analyticsRoster(db)
  const person = roster.find((p) => p.id === personId)
  const self = personId === viewer.id
  // Someone else's trajectory, or a report who opted out, does not exist for this viewer.
  if (!self && person?.managerId !== viewer.id) throw new NotFoundError('trajectory_not_found', `no trajectory of ${personId}`)
  await recordAudit(db, viewer.id, 'insights.view', `person:${personId}`, { view: 'trajectory' })
  const name = (await getPersonSummaries(db, [personId])).get(personId)?.name ?? ''
  if (!person) return { person: { id: personId, name }, optedOut: true, communities: [] }
  const allowed = new Set(roster.map((p) => p.id))
  const own = groupByCommunity(await findTrajectoryOf(db, personId))
  const ids = [...own.keys()]
  const histories = groupByCommunity((await findCommunityHistories(db, ids)).filter((r) => allowed.has(r.person_id)))
  const latest = await findLatestSnapshots(db, ids)
  const latestRun = (await findLatestDoneRun(db))?.id ?? ''
  return {
    person: { id: personId, name },
    optedOut: false,
    communities: ids.map((id) => {
      const series = seriesByPerson(histories.get(id) ?? [])
      const points = series.get(personId) ?? []
      const snapshot = latest.get(id)
      const typical = typicalPath(series, minAggregate)
      return {
        id,
        topics: snapshot && snapshot.size >= minAggregate ? parseTopics(snapshot.topics) : null,
        points,
        typical,
        stuckAtEdge: isStuckAtEdge(points, typical, latestRun),
      }
    }),
  }
}

/** A discovered community's typical path and who is stuck at its edge; 404 unless shown in the latest run. */
export async function getCommunityTrajectory(
  db: Db,
  viewer: Viewer,
  minAggregate: number,
  communityId: string,
): Promise<CommunityTrajectory> {
  const run = await findLatestDoneRun(db)
  const roster = await analyticsRoster(db)
  const allowed = new Set(roster.map((p) => p.id))
  const current = run ? (await findMembersOfRun(db, run.id)).filter((m) => m.community_id === communityId && allowed.has(m.person_id)) : []
  if (!run || current.length < minAggregate)
    throw new NotFoundError('discovered_community_not_found', `no discovered community ${communityId}`)
  await recordAudit(db, viewer.id, 'insights.view', `discovery:${run.id}`, { view: 'trajectory', community: communityId })
  const series = seriesByPerson((await findCommunityHistories(db, [communityId])).filter((r) => allowed.has(r.person_id)))
  const typical = typicalPath(series, minAggregate)
  const stuck = current.filter((m) => isStuckAtEdge(series.get(m.person_id) ?? [], typical, run.id)).map((m) => m.person_id)
  const reports = new Set(roster.filter((p) => p.managerId === viewer.id).map((p) => p.id))
  const named = stuck.filter((id) => reports.has(id))
  const names = await getPersonSummaries(db, named)
  return {
    id: communityId,
    minAggregate,
    typical,
    stuckAtEdge: stuck.length,
    reportsStuck: named.map((id) => {
      const last = series.get(id)!.at(-1)!
      return { id, name: names.get(id)?.name ?? '', tenure: last.tenure, position: last.position }
    }),
  }
}
