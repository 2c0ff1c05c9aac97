// The network map as managers and admins see it (DESIGN.md, privacy): communities are aggregate nodes of at
// least `minAggregate` people, counted from today's roster so an opt-out or an erasure takes effect at once;
// links between them show how many people carry ties across only when that is at least the minimum too (a
// thinner link is drawn as fragile, with no figures); the only individuals on the map are the viewer and
// their own direct reports. Every view is audit-logged.
import type { MapCommunity, MapLink, MapPerson, MapRun, NetworkMap } from '../../shared/insights-map.js'
import { analyticsRoster, getPersonSummaries } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { NotFoundError } from '../platform/errors.js'
import { findMembersOfRun, findSnapshotsOfRun, type DiscoveredMemberRow } from './discovery-store.js'
import { findMappedRuns, findTiesOfRun } from './map-store.js'

/** Stops of the time slider: the latest runs with a map over one window. */
const MAX_RUNS = 52

const parseTopics = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []
  } catch {
    return []
  }
}

/** The map of one run (the latest when `runId` is absent); 404 for a run without a map. */
export async function getNetworkMap(db: Db, viewer: Viewer, minAggregate: number, runId?: string): Promise<NetworkMap> {
  const all: MapRun[] = (await findMappedRuns(db, MAX_RUNS * 10))
    .reverse()
    .map((r) => ({ id: r.id, finishedAt: r.finished_at!, windowDays: r.window_days }))
  const run = runId ? all.find((r) => r.id === runId) : all.at(-1)
  if (runId && !run) throw new NotFoundError('map_run_not_found', `no network map for run ${runId}`)
  const latestOf = new Map<number, string>()
  for (const r of all) latestOf.set(r.windowDays, r.id)
  const windows = [...latestOf]
    .map(([windowDays, latestRunId]) => ({ windowDays, latestRunId }))
    .sort((a, b) => a.windowDays - b.windowDays)
  if (!run) return { runs: [], windows, run: null, minAggregate, communities: [], links: [], people: [], withheld: 0 }
  // A run over another window counts other interactions: the slider compares runs of one window only.
  const runs = all.filter((r) => r.windowDays === run.windowDays).slice(-MAX_RUNS)
  const index = runs.findIndex((r) => r.id === run.id)
  await recordAudit(db, viewer.id, 'insights.view', `discovery:${run.id}`, { view: 'map' })

  const roster = await analyticsRoster(db)
  const allowed = new Map(roster.map((p) => [p.id, p]))
  const members = (await findMembersOfRun(db, run.id)).filter((m) => allowed.has(m.person_id))
  const byCommunity = new Map<string, DiscoveredMemberRow[]>()
  for (const m of members) byCommunity.set(m.community_id, [...(byCommunity.get(m.community_id) ?? []), m])
  const snapshots = await findSnapshotsOfRun(db, run.id)
  const before = index > 0 ? await findSnapshotsOfRun(db, runs[index - 1]!.id) : []
  const previousSize = new Map(before.map((s) => [s.community_id, s.size]))
  const communities: MapCommunity[] = []
  for (const s of snapshots) {
    const list = byCommunity.get(s.community_id) ?? []
    if (list.length < minAggregate || s.x === null || s.y === null || s.radius === null) continue
    const prior = previousSize.get(s.community_id)
    communities.push({
      id: s.community_id,
      topics: parseTopics(s.topics),
      size: list.length,
      coreCount: list.filter((m) => m.role === 'core').length,
      bridgeCount: list.filter((m) => m.role === 'bridge').length,
      previousSize: prior !== undefined && prior >= minAggregate ? prior : null,
      isNew: index > 0 && prior === undefined,
      x: s.x,
      y: s.y,
      radius: s.radius,
    })
  }
  const shown = new Set(communities.map((c) => c.id))
  const communityOf = new Map(members.map((m) => [m.person_id, m.community_id]))
  const ties = (await findTiesOfRun(db, run.id)).filter((t) => allowed.has(t.person_id) && shown.has(t.community_id))
  return {
    runs,
    windows,
    run,
    minAggregate,
    communities,
    links: linksBetween(ties, communityOf, shown, minAggregate),
    people: await peopleOnMap(db, viewer, roster, members, ties, shown),
    withheld: snapshots.length - communities.length,
  }
}

/**
 * Links between shown communities, summed from each person's ties into the other community: the people who
 * carry it (either side), and its weight (each tie is seen from both of its ends, hence the half).
 */
function linksBetween(
  ties: readonly { person_id: string; community_id: string; weight: number }[],
  communityOf: ReadonlyMap<string, string>,
  shown: ReadonlySet<string>,
  minAggregate: number,
): MapLink[] {
  const links = new Map<string, { source: string; target: string; people: Set<string>; weight: number }>()
  for (const t of ties) {
    const home = communityOf.get(t.person_id)
    if (!home || home === t.community_id || !shown.has(home)) continue
    const [source, target] = home < t.community_id ? [home, t.community_id] : [t.community_id, home]
    const key = `${source} ${target}`
    const link = links.get(key) ?? { source, target, people: new Set<string>(), weight: 0 }
    link.people.add(t.person_id)
    link.weight += t.weight / 2
    links.set(key, link)
  }
  return [...links.values()]
    .map((l) => {
      const enough = l.people.size >= minAggregate
      return {
        source: l.source,
        target: l.target,
        people: enough ? l.people.size : null,
        weight: enough ? l.weight : null,
        fragile: !enough,
      }
    })
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target))
}

/** The viewer and their own direct reports, where the run placed them: the only individuals on the map. */
async function peopleOnMap(
  db: Db,
  viewer: Viewer,
  roster: readonly { id: string; managerId: string | null }[],
  members: readonly DiscoveredMemberRow[],
  ties: readonly { person_id: string; community_id: string; weight: number }[],
  shown: ReadonlySet<string>,
): Promise<MapPerson[]> {
  const mine = new Set(roster.filter((p) => p.id === viewer.id || p.managerId === viewer.id).map((p) => p.id))
  const placed = members.filter((m) => mine.has(m.person_id) && m.x !== null && m.y !== null && m.position !== null)
  const names = await getPersonSummaries(
    db,
    placed.map((m) => m.person_id),
  )
  return placed
    .map((m) => ({
      id: m.person_id,
      name: names.get(m.person_id)?.name ?? '',
      self: m.person_id === viewer.id,
      communityId: m.community_id,
      communityShown: shown.has(m.community_id),
      role: m.role,
      position: m.position!,
      x: m.x!,
      y: m.y!,
      ties: ties.filter((t) => t.person_id === m.person_id).map((t) => ({ communityId: t.community_id, weight: t.weight })),
    }))
    .sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name))
}
