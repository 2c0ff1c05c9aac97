// The demo's branching simulation: a hard conversation with a customer whose release slipped, written by a
// specialist and played by the people who read the demo's lessons, so the authors' "paths taken" has counts.
// The graph goes through the app's own validation; attempts and steps are written as play would write them.
import type { NewSimulation } from '../../src/shared/simulation.js'
import { renderMarkdown } from '../../src/server/knowledge/lookup.js'
import { validateGraph, isOpen } from '../../src/server/learning/simulation-graph.js'
import type { Db } from '../../src/server/platform/db/dialect.js'
import { newId } from '../../src/server/platform/time.js'
import { mulberry32, weighted } from './prng.js'

export const DEMO_SIMULATIONS: NewSimulation[] = [
  {
    title: 'The release slipped: calling the customer',
    description: 'Tell a key customer their release is three weeks late, and keep their trust. Ten minutes.',
    showScore: true,
    start: 'call',
    situations: [
      {
        key: 'call',
        title: 'Dana picks up',
        body: 'Dana runs operations at **Northwind**. Her team planned a launch around your release, due Friday. It will be three weeks late. She answers: *"Hi, good timing, we were just going over Friday."*',
        ending: false,
        allowBack: false,
      },
      {
        key: 'owned',
        title: 'Dana goes quiet',
        body: 'After a pause: *"Three weeks. I told our board it was done. What do I tell them now?"*',
        ending: false,
        allowBack: true,
      },
      {
        key: 'blamed',
        title: 'Dana is not interested in whose fault it is',
        body: '*"I don\'t care about your vendor. I care about my launch."* Her voice is tight.',
        ending: false,
        allowBack: false,
      },
      {
        key: 'options',
        title: 'Looking for options',
        body: 'Dana asks what you can give her by Friday, and what it would take to get the rest sooner.',
        ending: false,
        allowBack: true,
      },
      {
        key: 'partner',
        title: 'A plan you made together',
        body: '',
        ending: true,
        outcome:
          'Dana ships the reporting part on Friday with your team on call, and tells her board the rest comes in three weeks. She asks to be told earlier next time, and means it.',
        allowBack: false,
      },
      {
        key: 'escalation',
        title: 'An escalation',
        body: '',
        ending: true,
        outcome:
          'Dana emails your director that afternoon. The release lands in three weeks, but the next renewal starts with a discount request.',
        allowBack: true,
      },
    ],
    choices: [
      {
        key: 'own',
        from: 'call',
        to: 'owned',
        label: 'Say it plainly: it is late, and that is on us',
        feedback: 'Owning it first lets her hear the rest.',
        score: 2,
      },
      {
        key: 'vendor',
        from: 'call',
        to: 'blamed',
        label: 'Explain that a vendor let you down',
        feedback: 'True or not, it sounds like an excuse.',
        score: -1,
      },
      {
        key: 'soften',
        from: 'call',
        to: 'owned',
        label: 'Ask how Friday looks for her first',
        feedback: 'Kind, but she will feel set up once she hears the news.',
        score: 0,
      },
      {
        key: 'mend',
        from: 'blamed',
        to: 'owned',
        label: 'Stop, and take responsibility',
        feedback: 'Late, but it changes the tone.',
        score: 1,
      },
      {
        key: 'defend',
        from: 'blamed',
        to: 'escalation',
        label: 'Insist it was out of your hands',
        feedback: 'She stops listening.',
        score: -2,
      },
      {
        key: 'ask',
        from: 'owned',
        to: 'options',
        label: 'Ask what matters most for her launch',
        feedback: 'Now you are solving her problem, not yours.',
        score: 2,
      },
      {
        key: 'promise',
        from: 'owned',
        to: 'escalation',
        label: 'Promise it will be ready in one week',
        feedback: 'A promise you cannot keep costs more than the delay.',
        score: -2,
      },
      {
        key: 'partial',
        from: 'options',
        to: 'partner',
        label: 'Offer the reporting part by Friday, with your team on call',
        feedback: 'She can launch something, and trusts you to deliver the rest.',
        score: 2,
        minScore: 3,
      },
      {
        key: 'discount',
        from: 'options',
        to: 'escalation',
        label: 'Offer a discount instead',
        feedback: 'Money does not move her launch.',
        score: -1,
      },
    ],
  },
]

/** A seed from a string, so the same people play the same way on every load. */
function seedOf(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

/**
 * Writes the demo simulations (authored by `authorId`, for the whole organisation) and a played attempt for
 * each of `playerIds`, starting at `startMs` a day apart. Returns how many simulations were written.
 */
export async function insertSimulations(tx: Db, authorId: string, playerIds: readonly string[], startMs: number): Promise<number> {
  for (const sim of DEMO_SIMULATIONS) {
    validateGraph(sim)
    const id = newId()
    const created = new Date(startMs - 7 * 86_400_000).toISOString()
    await tx
      .insertInto('learning_module')
      .values({
        id,
        kind: 'simulation',
        title: sim.title,
        description: sim.description ?? '',
        community_id: null,
        scorm_version: null,
        schema_version: null,
        identifier: null,
        launch: null,
        file_count: sim.situations.length,
        bytes: 0,
        created_by: authorId,
        created_at: created,
        updated_at: created,
      })
      .execute()
    await tx
      .insertInto('simulation')
      .values({ module_id: id, start_key: sim.start, show_score: sim.showScore ? 1 : 0 })
      .execute()
    await tx
      .insertInto('simulation_situation')
      .values(
        sim.situations.map((s, i) => ({
          module_id: id,
          key: s.key,
          title: s.title,
          body: s.body,
          html: renderMarkdown(s.body),
          ending: s.ending ? 1 : 0,
          outcome: s.outcome ?? '',
          allow_back: s.allowBack ? 1 : 0,
          x: (i % 2) * 260,
          y: Math.floor(i / 2) * 180,
        })),
      )
      .execute()
    await tx
      .insertInto('simulation_choice')
      .values(
        sim.choices.map((c, position) => ({
          module_id: id,
          key: c.key,
          from_key: c.from,
          to_key: c.to,
          position,
          label: c.label,
          feedback: c.feedback ?? '',
          score: c.score,
          min_score: c.minScore ?? null,
          max_score: c.maxScore ?? null,
        })),
      )
      .execute()
    for (const [n, personId] of playerIds.entries()) await play(tx, sim, id, personId, n, startMs + n * 86_400_000)
  }
  return DEMO_SIMULATIONS.length
}

/** One learner's walk to an ending; the author's first choice is the likelier one, so the paths differ in width. */
async function play(tx: Db, sim: NewSimulation, moduleId: string, personId: string, n: number, atMs: number): Promise<void> {
  const rng = mulberry32(seedOf(`${sim.title}:${n}`))
  let here = sim.start
  let score = 0
  const path: string[] = []
  let t = atMs
  let feedback = ''
  for (let guard = 0; guard < 20 && !sim.situations.find((s) => s.key === here)?.ending; guard++) {
    const open = sim.choices.filter((c) => c.from === here && isOpen({ minScore: c.minScore ?? null, maxScore: c.maxScore ?? null }, score))
    const choice = weighted(
      rng,
      open.map((c, i) => [c, i === 0 ? 3 : 1] as const),
    )
    score += choice.score
    here = choice.to
    feedback = choice.feedback ?? ''
    path.push(choice.key)
    t += 60_000
    await tx
      .insertInto('simulation_step')
      .values({
        id: newId(),
        module_id: moduleId,
        person_id: personId,
        choice_key: choice.key,
        score_after: score,
        at: new Date(t).toISOString(),
      })
      .execute()
  }
  const at = new Date(t).toISOString()
  await tx
    .insertInto('simulation_attempt')
    .values({
      module_id: moduleId,
      person_id: personId,
      situation_key: here,
      score,
      path: JSON.stringify(path),
      feedback,
      started_at: new Date(atMs).toISOString(),
      updated_at: at,
      finished_at: at,
    })
    .execute()
}
