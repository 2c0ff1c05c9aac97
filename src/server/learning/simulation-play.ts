// Playing a simulation: one situation at a time. The attempt is stored after every step, so a learner who
// leaves comes back to the same situation, score and path. Going back undoes the last choice (its score
// too) where the situation reached allows it; the choice stays in the log the authors' paths are read from.
import type { SimulationPlay } from '../../shared/simulation.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError } from '../platform/errors.js'
import { newId } from '../platform/time.js'
import type { LearningModuleTable } from './rows.js'
import { canEditSimulation, visibleSimulation, type SimDeps } from './simulation.js'
import { describeCondition, isOpen } from './simulation-graph.js'
import type { SimulationAttemptTable } from './simulation-rows.js'
import { findGraph, findSimAttempt, insertStep, upsertSimAttempt } from './simulation-store.js'
import { activityId, queueStatement } from './xapi.js'

const RESPONDED = { id: 'http://adlnet.gov/expapi/verbs/responded', display: { 'en-US': 'responded' } }

type Graph = Awaited<ReturnType<typeof findGraph>>

function fresh(row: LearningModuleTable, graph: Graph, personId: string, now: string): SimulationAttemptTable {
  return {
    module_id: row.id,
    person_id: personId,
    situation_key: graph.sim?.start_key ?? '',
    score: 0,
    path: '[]',
    feedback: '',
    started_at: now,
    updated_at: now,
    finished_at: null,
  }
}

function toPlay(viewer: Viewer, row: LearningModuleTable, graph: Graph, attempt: SimulationAttemptTable): SimulationPlay {
  const here = graph.situations.find((s) => s.key === attempt.situation_key)
  if (!here) throw new Error(`simulation ${row.id} has no situation ${attempt.situation_key}`)
  const showScore = graph.sim?.show_score === 1
  const score = Number(attempt.score)
  const path = JSON.parse(attempt.path) as string[]
  const choices = graph.choices
    .filter((c) => c.from_key === here.key)
    .map((c) => {
      const cond = {
        minScore: c.min_score === null ? null : Number(c.min_score),
        maxScore: c.max_score === null ? null : Number(c.max_score),
      }
      return { key: c.key, label: c.label, open: isOpen(cond, score), condition: describeCondition(cond) }
    })
    // A closed choice is shown (disabled, with its condition) only where learners see their score; elsewhere it
    // would give away a score they cannot see, so it is hidden.
    .filter((c) => c.open || showScore)
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    canEdit: canEditSimulation(viewer, row),
    situation: { key: here.key, title: here.title, html: here.html, ending: here.ending === 1, outcome: here.outcome },
    choices,
    score: showScore ? score : null,
    feedback: attempt.feedback,
    steps: path.length,
    canGoBack: path.length > 0 && here.allow_back === 1,
    finishedAt: attempt.finished_at,
  }
}

async function load(db: Db, viewer: Viewer, id: string) {
  const row = await visibleSimulation(db, viewer, id)
  const graph = await findGraph(db, id)
  return { row, graph, attempt: await findSimAttempt(db, id, viewer.id) }
}

/** Where the viewer stands in a simulation: their saved place, or the start before their first choice. */
export async function getPlay(deps: SimDeps, viewer: Viewer, id: string): Promise<SimulationPlay> {
  const { row, graph, attempt } = await load(deps.db, viewer, id)
  return toPlay(viewer, row, graph, attempt ?? fresh(row, graph, viewer.id, clockIso(deps.clock)))
}

/** Takes a choice open at the viewer's situation and score; queues its xAPI statement with the change. */
export async function choose(deps: SimDeps, viewer: Viewer, id: string, choiceKey: string): Promise<SimulationPlay> {
  const { row, graph, attempt: saved } = await load(deps.db, viewer, id)
  const now = clockIso(deps.clock)
  const attempt = saved ?? fresh(row, graph, viewer.id, now)
  const choice = graph.choices.find((c) => c.key === choiceKey && c.from_key === attempt.situation_key)
  if (!choice) throw new BadRequestError('not_a_choice_here', 'that choice is not offered in this situation')
  const before = Number(attempt.score)
  const cond = {
    minScore: choice.min_score === null ? null : Number(choice.min_score),
    maxScore: choice.max_score === null ? null : Number(choice.max_score),
  }
  if (!isOpen(cond, before)) throw new ConflictError('choice_closed', `this choice needs ${describeCondition(cond)}`)
  const to = graph.situations.find((s) => s.key === choice.to_key)
  const score = before + Number(choice.score)
  const next: SimulationAttemptTable = {
    ...attempt,
    situation_key: choice.to_key,
    score,
    path: JSON.stringify([...(JSON.parse(attempt.path) as string[]), choice.key]),
    feedback: choice.feedback,
    updated_at: now,
    finished_at: to?.ending === 1 ? (attempt.finished_at ?? now) : attempt.finished_at,
  }
  await deps.db.transaction().execute(async (tx) => {
    await upsertSimAttempt(tx, next)
    await insertStep(tx, { id: newId(), module_id: id, person_id: viewer.id, choice_key: choice.key, score_after: score, at: now })
    const simActivity = activityId(deps.baseUrl, `/learning/simulations/${id}`)
    const from = graph.situations.find((s) => s.key === choice.from_key)
    await queueStatement(tx, deps, viewer.id, {
      verb: RESPONDED,
      object: {
        objectType: 'Activity',
        id: `${simActivity}/situations/${encodeURIComponent(choice.from_key)}`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          name: { 'en-US': (from?.title ?? choice.from_key).slice(0, 200) },
          interactionType: 'choice',
        },
      },
      result: { response: choice.key, score: { raw: score }, ...(to?.ending === 1 ? { completion: true } : {}) },
      context: {
        platform: 'Wellspring',
        contextActivities: {
          parent: [{ objectType: 'Activity', id: simActivity, definition: { name: { 'en-US': row.title.slice(0, 200) } } }],
        },
      },
    })
  })
  return toPlay(viewer, row, graph, next)
}

/** Undoes the viewer's last choice, score included, where the situation they reached allows it. */
export async function goBack(deps: SimDeps, viewer: Viewer, id: string): Promise<SimulationPlay> {
  const { row, graph, attempt } = await load(deps.db, viewer, id)
  const path = attempt ? (JSON.parse(attempt.path) as string[]) : []
  if (!attempt || path.length === 0) throw new ConflictError('nothing_to_undo', 'you are at the start: there is no choice to take back')
  const here = graph.situations.find((s) => s.key === attempt.situation_key)
  if (here?.allow_back !== 1) throw new ConflictError('no_going_back', 'this situation does not allow going back')
  const last = graph.choices.find((c) => c.key === path[path.length - 1])
  if (!last) throw new ConflictError('nothing_to_undo', 'the last choice no longer exists')
  const next: SimulationAttemptTable = {
    ...attempt,
    situation_key: last.from_key,
    score: Number(attempt.score) - Number(last.score),
    path: JSON.stringify(path.slice(0, -1)),
    feedback: '',
    updated_at: clockIso(deps.clock),
  }
  await upsertSimAttempt(deps.db, next)
  return toPlay(viewer, row, graph, next)
}

/** Starts the viewer's attempt over from the start (a finished simulation stays finished for assignments). */
export async function restart(deps: SimDeps, viewer: Viewer, id: string): Promise<SimulationPlay> {
  const { row, graph, attempt } = await load(deps.db, viewer, id)
  const now = clockIso(deps.clock)
  const next = { ...fresh(row, graph, viewer.id, now), started_at: attempt?.started_at ?? now, finished_at: attempt?.finished_at ?? null }
  await upsertSimAttempt(deps.db, next)
  return toPlay(viewer, row, graph, next)
}
