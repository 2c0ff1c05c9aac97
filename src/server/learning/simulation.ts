// Branching simulations: a catalogue module of kind 'simulation', written by learning staff as a graph of
// situations and choices (simulation-graph.ts checks it), played one situation at a time. A learner has one
// attempt per simulation, resumable; each choice taken is logged for the authors' aggregated paths and sent
// as an xAPI statement when an LRS is configured.
import type { NewSimulation, SimulationForAuthor, SimulationPaths } from '../../shared/simulation.js'
import { canRead, communityRefBySlug, getCommunityRefs } from '../communities/lookup.js'
import { renderMarkdown } from '../knowledge/lookup.js'
import { analyticsRoster } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId } from '../platform/time.js'
import type { LearningModuleTable } from './rows.js'
import { visibleModule } from './service.js'
import { validateGraph } from './simulation-graph.js'
import type { SimulationChoiceTable, SimulationSituationTable } from './simulation-rows.js'
import { attemptsAt, findGraph, replaceGraph, takersByChoice, upsertSimAttempt } from './simulation-store.js'
import { insertModule } from './store.js'
import type { XapiDeps } from './xapi.js'

/** What the simulation services need from the app. */
export interface SimDeps extends XapiDeps {
  db: Db
  minAggregate: number
}

const mayEdit = (viewer: Viewer, row: LearningModuleTable) => viewer.isAdmin || row.created_by === viewer.id

/** A simulation the viewer may see (404 for other modules and for those of communities they cannot read). */
export async function visibleSimulation(db: Db, viewer: Viewer, id: string): Promise<LearningModuleTable> {
  const row = await visibleModule(db, viewer, id)
  if (row.kind !== 'simulation') throw new NotFoundError('simulation_not_found', `no simulation ${id}`)
  return row
}

/** A simulation the viewer may change or study: its author or an admin. */
export async function editableSimulation(db: Db, viewer: Viewer, id: string): Promise<LearningModuleTable> {
  const row = await visibleSimulation(db, viewer, id)
  if (!mayEdit(viewer, row)) throw new ForbiddenError('not_author', 'only the simulation’s author or an admin may do this')
  return row
}

/** Whether the viewer may edit this simulation (for the play page's "Edit" link). */
export const canEditSimulation = mayEdit

async function communityIdOf(db: Db, viewer: Viewer, slug: string | undefined): Promise<string | null> {
  if (!slug) return null
  const c = await communityRefBySlug(db, slug)
  if (!c || (!viewer.isAdmin && !(await canRead(db, viewer.id, c.id))))
    throw new BadRequestError('unknown_community', `no community ${slug}`)
  return c.id
}

function toRows(id: string, body: NewSimulation): { situations: SimulationSituationTable[]; choices: SimulationChoiceTable[] } {
  return {
    situations: body.situations.map((s, i) => ({
      module_id: id,
      key: s.key,
      title: s.title.trim(),
      body: s.body,
      html: renderMarkdown(s.body),
      ending: s.ending ? 1 : 0,
      outcome: s.ending ? (s.outcome ?? '').trim() : '',
      allow_back: s.allowBack ? 1 : 0,
      x: s.x ?? (i % 4) * 260,
      y: s.y ?? Math.floor(i / 4) * 180,
    })),
    choices: body.choices.map((c, position) => ({
      module_id: id,
      key: c.key,
      from_key: c.from,
      to_key: c.to,
      position,
      label: c.label.trim(),
      feedback: (c.feedback ?? '').trim(),
      score: c.score,
      min_score: c.minScore ?? null,
      max_score: c.maxScore ?? null,
    })),
  }
}

/** Writes a new simulation (learning staff: managers and admins); a graph that breaks a rule is a 400 and stores nothing. */
export async function createSimulation(deps: SimDeps, viewer: Viewer, body: NewSimulation): Promise<SimulationForAuthor> {
  validateGraph(body)
  const id = newId()
  const now = clockIso(deps.clock)
  const row: LearningModuleTable = {
    id,
    kind: 'simulation',
    title: body.title.trim(),
    description: body.description?.trim() ?? '',
    community_id: await communityIdOf(deps.db, viewer, body.community),
    scorm_version: null,
    schema_version: null,
    identifier: null,
    launch: null,
    file_count: body.situations.length,
    bytes: 0,
    created_by: viewer.id,
    created_at: now,
    updated_at: now,
  }
  const { situations, choices } = toRows(id, body)
  await deps.db.transaction().execute(async (tx) => {
    await insertModule(tx, row, [])
    await replaceGraph(tx, { module_id: id, start_key: body.start, show_score: body.showScore ? 1 : 0 }, situations, choices)
  })
  return getSimulationForAuthor(deps.db, viewer, id)
}

/**
 * Rewrites a simulation (its author or an admin). Learners whose situation is gone start again from the start;
 * the others keep their place, and the choices they took stay in the paths.
 */
export async function updateSimulation(deps: SimDeps, viewer: Viewer, id: string, body: NewSimulation): Promise<SimulationForAuthor> {
  await editableSimulation(deps.db, viewer, id)
  validateGraph(body)
  const communityId = await communityIdOf(deps.db, viewer, body.community)
  const now = clockIso(deps.clock)
  const { situations, choices } = toRows(id, body)
  const keys = new Set(body.situations.map((s) => s.key))
  const choiceKeys = new Set(body.choices.map((c) => c.key))
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('learning_module')
      .set({
        title: body.title.trim(),
        description: body.description?.trim() ?? '',
        community_id: communityId,
        file_count: body.situations.length,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute()
    await replaceGraph(tx, { module_id: id, start_key: body.start, show_score: body.showScore ? 1 : 0 }, situations, choices)
    for (const a of await attemptsAt(tx, id)) {
      const path = JSON.parse(a.path) as string[]
      if (keys.has(a.situation_key) && path.every((k) => choiceKeys.has(k))) continue
      await upsertSimAttempt(tx, { ...a, situation_key: body.start, score: 0, path: '[]', feedback: '', updated_at: now })
    }
  })
  return getSimulationForAuthor(deps.db, viewer, id)
}

/** The whole graph, for its author or an admin. */
export async function getSimulationForAuthor(db: Db, viewer: Viewer, id: string): Promise<SimulationForAuthor> {
  const row = await editableSimulation(db, viewer, id)
  const { sim, situations, choices } = await findGraph(db, id)
  const community = row.community_id ? (await getCommunityRefs(db, [row.community_id])).get(row.community_id) : undefined
  return {
    id,
    title: row.title,
    description: row.description,
    community: community ? { slug: community.slug, name: community.name } : null,
    showScore: sim?.show_score === 1,
    start: sim?.start_key ?? '',
    situations: situations.map((s) => ({
      key: s.key,
      title: s.title,
      body: s.body,
      ending: s.ending === 1,
      outcome: s.outcome,
      allowBack: s.allow_back === 1,
      x: Number(s.x),
      y: Number(s.y),
    })),
    choices: choices.map((c) => ({
      key: c.key,
      from: c.from_key,
      to: c.to_key,
      label: c.label,
      feedback: c.feedback,
      score: Number(c.score),
      minScore: c.min_score === null ? null : Number(c.min_score),
      maxScore: c.max_score === null ? null : Number(c.max_score),
    })),
  }
}

/**
 * The paths people took, for the author: per choice, how many distinct learners ever took it. People who opted
 * out of analytics are not counted, and a count under the privacy minimum is withheld (null).
 */
export async function simulationPaths(deps: SimDeps, viewer: Viewer, id: string): Promise<SimulationPaths> {
  await editableSimulation(deps.db, viewer, id)
  const { choices } = await findGraph(deps.db, id)
  const counted = new Set((await analyticsRoster(deps.db)).map((p) => p.id))
  const takers = new Map<string, Set<string>>()
  const everyone = new Set<string>()
  for (const t of await takersByChoice(deps.db, id)) {
    if (!counted.has(t.person_id)) continue
    everyone.add(t.person_id)
    takers.set(t.choice_key, (takers.get(t.choice_key) ?? new Set()).add(t.person_id))
  }
  const shown = (n: number) => (n >= deps.minAggregate ? n : null)
  return {
    minAggregate: deps.minAggregate,
    learners: shown(everyone.size),
    choices: choices.map((c) => ({ key: c.key, learners: shown(takers.get(c.key)?.size ?? 0) })),
  }
}
