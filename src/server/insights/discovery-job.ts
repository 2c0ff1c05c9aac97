// The community discovery job: reads the interaction log over a window, builds the decayed graph over the
// people analytics may count, runs Leiden and the position measures (discovery-analysis.ts), carries each
// community's identity over from the previous run, and stores the run in one transaction.
import { chooseResolution, RESOLUTION_DEFAULTS, type ResolutionChoice } from '../../graph/network/resolution.js'
import { communityIdsByVisibility, getCommunityRefs, memberIds } from '../communities/lookup.js'
import { analyticsRoster } from '../people/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import type { JobContext, JobHandler } from '../platform/jobs/types.js'
import { newId } from '../platform/time.js'
import { analyseCommunities, type DeclaredCommunity } from './discovery-analysis.js'
import { buildInteractionGraph, tiesOf } from './discovery-graph.js'
import { mapRun } from './discovery-map.js'
import {
  countInteractionsByCommunity,
  deleteEdgesExcept,
  findDiscoveryRunById,
  findLatestDoneRun,
  findMembersOfRun,
  findSnapshotsOfRun,
  findTiesSince,
  insertDiscoveredCommunities,
  insertDiscoveryRun,
  insertEdges,
  insertMembers,
  insertSnapshots,
  insertTies,
  markCommunitiesSeen,
  updateDiscoveryRun,
} from './discovery-store.js'

export const DISCOVERY_JOB = 'insights.discovery'
const DAY_MS = 86_400_000

export interface DiscoverySettings {
  windowDays: number
  halfLifeDays: number
  /** A fixed resolution set by an admin, or 'auto': the most stable of RESOLUTIONS across seeds. */
  resolution: number | 'auto'
}

export const DISCOVERY_DEFAULTS: DiscoverySettings = { windowDays: 365, halfLifeDays: 120, resolution: 'auto' }

/** Leiden runs per resolution; the best partition by modularity is kept. */
const SEEDS = 5
/** The candidates an automatic run tries: around 1 (plain modularity), coarser and finer. */
const RESOLUTIONS = RESOLUTION_DEFAULTS.candidates
/**
 * Candidates within this much stability (mean pairwise NMI across seeds) of the most stable count as equally
 * stable, and the one closest to 1 wins. The same log now always gives the same figures (discovery-graph.ts),
 * but with five seeds they still move by about ±0.02 between nearly identical graphs (the demo with other ids
 * for its people, before the graph was numbered canonically), and a coarse 0.5 or 0.75 that merges planted
 * communities was at times a shade more stable than 1 or 1.25, which recover them (NMI 0.71-0.83 against
 * 0.87-0.90).
 */
export const STABILITY_TOLERANCE = 0.03
/** Steps of the job's progress bar. */
const STEPS = 6

function settingsFrom(payload: unknown): DiscoverySettings {
  const p = (payload ?? {}) as Partial<DiscoverySettings>
  const pick = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : fallback)
  return {
    windowDays: Math.round(pick(p.windowDays, DISCOVERY_DEFAULTS.windowDays)),
    halfLifeDays: Math.round(pick(p.halfLifeDays, DISCOVERY_DEFAULTS.halfLifeDays)),
    resolution: p.resolution === 'auto' || p.resolution === undefined ? 'auto' : pick(p.resolution, 1),
  }
}

/** The job handler; the run's id is the job's, so a retried job finishes its own run. */
export function discoveryHandler(db: Db): JobHandler {
  return async (payload, ctx) => runDiscovery(db, settingsFrom(payload), ctx)
}

async function runDiscovery(db: Db, settings: DiscoverySettings, ctx: JobContext): Promise<{ runId: string; communities: number }> {
  const runId = ctx.job.id
  const now = new Date(ctx.clock.now())
  const startedAt = now.toISOString()
  const since = new Date(now.getTime() - settings.windowDays * DAY_MS).toISOString()
  if (!(await findDiscoveryRunById(db, runId))) {
    await insertDiscoveryRun(db, {
      id: runId,
      job_id: runId,
      created_by: ctx.job.created_by ?? null,
      status: 'running',
      window_days: settings.windowDays,
      half_life_days: settings.halfLifeDays,
      // An automatic run's resolution is known once chosen; 0 until then.
      resolution: settings.resolution === 'auto' ? 0 : settings.resolution,
      resolution_mode: settings.resolution === 'auto' ? 'auto' : 'fixed',
      stability: null,
      resolution_trials: '[]',
      people: 0,
      ties: 0,
      communities: 0,
      modularity: 0,
      dormant: '[]',
      started_at: startedAt,
      finished_at: null,
    })
  }
  await ctx.reportProgress(0, STEPS, 'Reading the interaction log')
  const roster = await analyticsRoster(db)
  const rows = await findTiesSince(db, since)
  const declared = await declaredCommunities(db)
  const activity = await countInteractionsByCommunity(db, since)
  const previousRun = await findLatestDoneRun(db)
  const previous = new Map((previousRun ? await findMembersOfRun(db, previousRun.id) : []).map((m) => [m.person_id, m.community_id]))
  const previousPlaces = new Map((previousRun ? await findSnapshotsOfRun(db, previousRun.id) : []).map((s) => [s.community_id, s]))

  await ctx.reportProgress(1, STEPS, 'Building the interaction graph')
  const graph = buildInteractionGraph(
    rows,
    roster.map((p) => p.id),
    now,
    settings,
  )

  // Choosing runs Leiden at every candidate with every seed, several times the work of a fixed run: its own step.
  let choice: ResolutionChoice | undefined
  if (settings.resolution === 'auto') {
    await ctx.reportProgress(2, STEPS, `Choosing the resolution (${RESOLUTIONS.length} candidates, ${SEEDS} seeds each)`)
    choice = chooseResolution(graph.graph, { candidates: RESOLUTIONS, seeds: SEEDS, tolerance: STABILITY_TOLERANCE })
  } else {
    await ctx.reportProgress(2, STEPS, `Finding communities at resolution ${settings.resolution}`)
  }
  const resolution = choice?.resolution ?? (settings.resolution as number)
  const chosen = choice?.stability.find((s) => s.resolution === resolution)

  await ctx.reportProgress(3, STEPS, 'Describing the communities')
  const analysis = analyseCommunities(graph, {
    resolution,
    partition: choice && chosen ? { membership: choice.membership, quality: chosen.quality } : undefined,
    seeds: SEEDS,
    departmentOf: new Map(roster.map((p) => [p.id, p.department])),
    previous,
    declared,
  })

  await ctx.reportProgress(4, STEPS, 'Placing the network map')
  // Each community starts where the community it continues lay on the previous map.
  const startPlaces = new Map<number, { x: number; y: number }>()
  for (const c of analysis.communities) {
    const before = c.previousId ? previousPlaces.get(c.previousId) : undefined
    if (before && before.x !== null && before.y !== null) startPlaces.set(c.label, { x: before.x, y: before.y })
  }
  const map = mapRun(graph, analysis, startPlaces)

  await ctx.reportProgress(5, STEPS, 'Saving')
  const dormant = declared.filter((d) => !activity.has(d.id)).map((d) => d.id)
  await db.transaction().execute(async (tx) => {
    const fresh = []
    const seen = []
    for (const c of analysis.communities) {
      if (c.previousId) {
        seen.push(c.previousId)
        continue
      }
      c.previousId = newId()
      fresh.push({ id: c.previousId, first_run_id: runId, last_run_id: runId, created_at: startedAt })
    }
    await insertDiscoveredCommunities(tx, fresh)
    await markCommunitiesSeen(tx, seen, runId)
    await insertSnapshots(
      tx,
      analysis.communities.map((c) => ({
        run_id: runId,
        community_id: c.previousId!,
        size: c.members.length,
        core_count: c.members.filter((m) => m.role === 'core').length,
        bridge_count: c.members.filter((m) => m.role === 'bridge').length,
        internal_weight: c.internalWeight,
        topics: JSON.stringify(c.topics),
        departments: JSON.stringify(c.departments),
        declared: JSON.stringify(c.declared),
        actions: JSON.stringify(c.actions),
        x: map.communities.get(c.label)!.x,
        y: map.communities.get(c.label)!.y,
        radius: map.communities.get(c.label)!.radius,
      })),
    )
    await insertMembers(
      tx,
      analysis.communities.flatMap((c) =>
        c.members.map((m) => ({
          run_id: runId,
          person_id: m.personId,
          community_id: c.previousId!,
          role: m.role,
          strength: m.strength,
          coreness: m.coreness,
          participation: m.participation,
          constraint_value: m.constraint,
          betweenness: m.betweenness,
          x: map.members.get(m.personId)!.x,
          y: map.members.get(m.personId)!.y,
          position: map.members.get(m.personId)!.position,
        })),
      ),
    )
    const idOf = new Map(analysis.communities.map((c) => [c.label, c.previousId!]))
    await insertTies(
      tx,
      map.ties.map((t) => ({ run_id: runId, person_id: t.personId, community_id: idOf.get(t.label)!, weight: t.weight })),
    )
    // The graph itself, for the manager tools that ask "what if" of it (reorg, practice spread). Only this run
    // and the one before keep theirs: a request that read the previous run a moment ago still finds its graph.
    await insertEdges(
      tx,
      tiesOf(graph).map((e) => ({ run_id: runId, ...e })),
    )
    await deleteEdgesExcept(tx, previousRun ? [runId, previousRun.id] : [runId])
    await updateDiscoveryRun(tx, runId, {
      status: 'done',
      resolution,
      stability: chosen?.stability ?? null,
      resolution_trials: JSON.stringify(choice?.stability ?? []),
      people: graph.ids.length,
      ties: graph.ties,
      communities: analysis.communities.length,
      modularity: analysis.modularity,
      dormant: JSON.stringify(dormant),
      finished_at: new Date(ctx.clock.now()).toISOString(),
    })
  })
  await ctx.reportProgress(STEPS, STEPS, 'Done')
  return { runId, communities: analysis.communities.length }
}

/** Open and closed communities with their members; secret ones are never compared, so never named. */
async function declaredCommunities(db: Db): Promise<DeclaredCommunity[]> {
  const ids = await communityIdsByVisibility(db, ['open', 'closed'])
  const refs = await getCommunityRefs(db, ids)
  const out: DeclaredCommunity[] = []
  for (const id of ids) {
    const ref = refs.get(id)
    if (ref) out.push({ id, slug: ref.slug, name: ref.name, memberIds: await memberIds(db, id) })
  }
  return out
}
