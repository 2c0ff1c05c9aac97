// Community discovery as managers and admins see it. Privacy (DESIGN.md): everything is an aggregate over at
// least `minAggregate` people, counted from today's roster so an opt-out or an erasure takes effect at once;
// individual positions go only to the person and to their own manager; every view is audit-logged.
import type { DiscoveredCommunity, DiscoveredPosition, DiscoveryReport, DiscoveryStarted, StartDiscovery } from '../../shared/insights.js'
import { getCommunityRefs } from '../communities/lookup.js'
import { analyticsRoster, getPersonSummaries } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { NotFoundError } from '../platform/errors.js'
import type { JobQueue } from '../platform/jobs/worker.js'
import { DISCOVERY_DEFAULTS, DISCOVERY_JOB } from './discovery-job.js'
import {
  findLatestDoneRun,
  findMembersOfRun,
  findSizeHistory,
  findSnapshotsOfRun,
  type DiscoveredMemberRow,
  type DiscoveryRunRow,
} from './discovery-store.js'

/** Starts a discovery run in the background; while one is queued or running, returns that one. */
export async function startDiscovery(jobs: JobQueue, viewer: Viewer, input: StartDiscovery): Promise<DiscoveryStarted> {
  const jobId = await jobs.enqueue(DISCOVERY_JOB, { ...DISCOVERY_DEFAULTS, ...input }, { dedupKey: DISCOVERY_JOB, createdBy: viewer.id })
  return { jobId }
}

const parse = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

/** The latest run's communities, as this viewer may see them. */
export async function getDiscoveryReport(db: Db, viewer: Viewer, minAggregate: number): Promise<DiscoveryReport> {
  const run = await findLatestDoneRun(db)
  const empty = { minAggregate, communities: [], withheld: 0, dormant: [], mine: null, reports: [] }
  if (!run) return { run: null, ...empty }
  await recordAudit(db, viewer.id, 'insights.view', `discovery:${run.id}`, { view: 'report' })
  const view = await readRun(db, run, viewer, minAggregate)
  const dormantIds = parse<string[]>(run.dormant, [])
  const refs = await getCommunityRefs(db, dormantIds)
  return {
    run: {
      id: run.id,
      finishedAt: run.finished_at!,
      windowDays: run.window_days,
      halfLifeDays: run.half_life_days,
      resolution: run.resolution,
      resolutionMode: run.resolution_mode,
      stability: run.stability,
      resolutionTrials: parse<NonNullable<DiscoveryReport['run']>['resolutionTrials']>(run.resolution_trials, []),
      modularity: run.modularity,
      people: view.people,
    },
    minAggregate,
    communities: view.communities,
    withheld: view.withheld,
    dormant: dormantIds.flatMap((id) => {
      const r = refs.get(id)
      return r && r.visibility !== 'secret' ? [{ id, slug: r.slug, name: r.name }] : []
    }),
    mine: view.mine,
    reports: view.reports,
  }
}

/** One discovered community of the latest run; 404 when unknown or below the minimum size. */
export async function getDiscoveredCommunity(db: Db, viewer: Viewer, minAggregate: number, id: string): Promise<DiscoveredCommunity> {
  const run = await findLatestDoneRun(db)
  const view = run ? await readRun(db, run, viewer, minAggregate) : undefined
  const community = view?.communities.find((c) => c.id === id)
  if (!run || !community) throw new NotFoundError('discovered_community_not_found', `no discovered community ${id}`)
  await recordAudit(db, viewer.id, 'insights.view', `discovery:${run.id}`, { view: 'community', community: id })
  return community
}

async function readRun(db: Db, run: DiscoveryRunRow, viewer: Viewer, minAggregate: number) {
  const roster = await analyticsRoster(db)
  const allowed = new Map(roster.map((p) => [p.id, p]))
  const members = (await findMembersOfRun(db, run.id)).filter((m) => allowed.has(m.person_id))
  const byCommunity = new Map<string, DiscoveredMemberRow[]>()
  for (const m of members) {
    const list = byCommunity.get(m.community_id) ?? []
    list.push(m)
    byCommunity.set(m.community_id, list)
  }
  const snapshots = await findSnapshotsOfRun(db, run.id)
  const shown = snapshots.filter((s) => (byCommunity.get(s.community_id)?.length ?? 0) >= minAggregate)
  const history = await findSizeHistory(
    db,
    shown.map((s) => s.community_id),
  )
  const communities = shown
    .map((s): DiscoveredCommunity => {
      const list = byCommunity.get(s.community_id)!
      const departments = new Map<string, number>()
      for (const m of list) {
        const d = allowed.get(m.person_id)!.department || 'No department'
        departments.set(d, (departments.get(d) ?? 0) + 1)
      }
      const past = history.filter((h) => h.community_id === s.community_id)
      return {
        id: s.community_id,
        size: list.length,
        coreCount: list.filter((m) => m.role === 'core').length,
        bridgeCount: list.filter((m) => m.role === 'bridge').length,
        topics: parse<string[]>(s.topics, []),
        departments: [...departments]
          .filter(([, count]) => count >= minAggregate)
          .map(([name, count]) => ({ name, count }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
        departmentCount: departments.size,
        declared: parse(s.declared, []),
        actions: parse(s.actions, []),
        // Past sizes below the minimum are left out of the trend as well.
        history: past.filter((h) => h.size >= minAggregate).map((h) => ({ at: h.finished_at!, size: h.size })),
        firstSeen: past[0]?.finished_at ?? run.finished_at!,
      }
    })
    .sort((a, b) => b.size - a.size || a.id.localeCompare(b.id))
  // Individual positions: the viewer's own, and their direct reports' (people analytics' one exception).
  const reportIds = roster.filter((p) => p.managerId === viewer.id).map((p) => p.id)
  const positions = members.filter((m) => m.person_id === viewer.id || reportIds.includes(m.person_id))
  const names = await getPersonSummaries(
    db,
    positions.map((m) => m.person_id),
  )
  const toPosition = (m: DiscoveredMemberRow): DiscoveredPosition => ({
    personId: m.person_id,
    name: names.get(m.person_id)?.name ?? '',
    communityId: m.community_id,
    role: m.role,
    coreness: m.coreness,
    participation: m.participation,
  })
  const mine = positions.find((m) => m.person_id === viewer.id)
  return {
    people: allowed.size,
    communities,
    withheld: snapshots.length - shown.length,
    mine: mine ? toPosition(mine) : null,
    reports: positions.filter((m) => m.person_id !== viewer.id).map(toPosition),
  }
}
