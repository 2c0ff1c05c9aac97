// Who may simulate a reorganisation, over whom, and the simulation itself (reorg.ts). The rule follows
// DESIGN.md's privacy line: a manager's remit is their own part of the org chart, so a manager chooses only
// people in their org subtree (reports, and their reports); an admin chooses anyone. Because the outcome of a
// small choice is an individual signal (did this one person hold a community's core?), a choice of fewer
// than `minAggregate` people is refused unless every one of them is the viewer's own direct report, whose
// positions their manager sees already. Every simulation is audit-logged.
import type { ReorgBody, ReorgOptions, ReorgResult } from '../../shared/insights-manage.js'
import { getCommunityRefs } from '../communities/lookup.js'
import { answerersByTopic } from '../knowledge/lookup.js'
import { getPersonSummaries } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { loadRunContext, loadRunGraph, runBetweenness, subtreeOf, type RunContext } from './manage-context.js'
import { simulateReorg } from './reorg.js'

const YEAR_MS = 365 * 86_400_000
const NO_DEPARTMENT = 'No department'

/** The people and departments this viewer may choose from. */
export async function getReorgOptions(db: Db, viewer: Viewer, minAggregate: number): Promise<ReorgOptions> {
  const context = await loadRunContext(db)
  if (!context) return { run: null, minAggregate, scope: viewer.isAdmin ? 'organisation' : 'subtree', departments: [], people: [] }
  const scope = choosable(context, viewer)
  const people = context.roster.filter((p) => scope.has(p.id))
  const names = await getPersonSummaries(
    db,
    people.map((p) => p.id),
  )
  const departments = new Map<string, number>()
  for (const p of people) departments.set(p.department || NO_DEPARTMENT, (departments.get(p.department || NO_DEPARTMENT) ?? 0) + 1)
  return {
    run: { id: context.run.id, finishedAt: context.run.finished_at! },
    minAggregate,
    scope: viewer.isAdmin ? 'organisation' : 'subtree',
    // A manager may move a whole department only when all of it is in their subtree.
    departments: [...departments]
      .filter(([name, n]) => viewer.isAdmin || n === context.roster.filter((p) => (p.department || NO_DEPARTMENT) === name).length)
      .map(([name, n]) => ({ name, people: n }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    people: people
      .map((p) => ({
        id: p.id,
        name: names.get(p.id)?.name ?? '',
        department: p.department || NO_DEPARTMENT,
        direct: p.managerId === viewer.id,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
  }
}

/** Runs the simulation for the chosen people and departments. */
export async function runReorgSimulation(db: Db, viewer: Viewer, minAggregate: number, now: Date, body: ReorgBody): Promise<ReorgResult> {
  const context = await loadRunContext(db)
  if (!context) throw new NotFoundError('no_discovery_run', 'run community discovery first')
  const scope = choosable(context, viewer)
  const chosen = new Set<string>()
  for (const id of body.people ?? []) {
    // People outside the viewer's scope, opted out or gone, are refused alike: the answer says nothing of them.
    if (!scope.has(id)) throw new ForbiddenError('person_out_of_scope', 'you may choose only people in your part of the organisation')
    chosen.add(id)
  }
  for (const name of body.departments ?? []) {
    const inDepartment = context.roster.filter((p) => (p.department || NO_DEPARTMENT) === name)
    if (inDepartment.length === 0) throw new BadRequestError('unknown_department', `no department ${name}`)
    if (inDepartment.some((p) => !scope.has(p.id)))
      throw new ForbiddenError('department_out_of_scope', 'you may choose only departments wholly in your part of the organisation')
    for (const p of inDepartment) chosen.add(p.id)
  }
  if (chosen.size === 0) throw new BadRequestError('nobody_chosen', 'choose at least one person or department')
  const ownReports = [...chosen].every((id) => context.rosterById.get(id)?.managerId === viewer.id)
  if (chosen.size < minAggregate && !ownReports)
    throw new BadRequestError('too_few_people', `choose at least ${minAggregate} people, or only your own reports`)

  const graph = await loadRunGraph(db, context)
  const answerers = new Map<string, Set<string>>()
  const rows = await answerersByTopic(db, new Date(now.getTime() - YEAR_MS).toISOString())
  // Topics come from open communities' answers only: closed and secret communities' content is their members'.
  const refs = await getCommunityRefs(
    db,
    rows.map((r) => r.community_id),
  )
  for (const row of rows) {
    if (!context.rosterById.has(row.author_id) || refs.get(row.community_id)?.visibility !== 'open') continue
    const set = answerers.get(row.tag) ?? new Set<string>()
    set.add(row.author_id)
    answerers.set(row.tag, set)
  }
  const outcome = simulateReorg(graph, runBetweenness(context, graph), context.communities, chosen, body.mode, answerers, minAggregate)
  await recordAudit(db, viewer.id, 'insights.view', `reorg:${context.run.id}`, {
    view: 'reorg',
    mode: body.mode,
    people: chosen.size,
    departments: body.departments ?? [],
  })
  return { run: { id: context.run.id, finishedAt: context.run.finished_at! }, minAggregate, ...outcome }
}

/** Everyone an admin may choose; a manager's org subtree. */
function choosable(context: RunContext, viewer: Viewer): Set<string> {
  if (viewer.isAdmin) return new Set(context.roster.map((p) => p.id))
  return subtreeOf(context.roster, viewer.id)
}
