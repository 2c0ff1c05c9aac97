import type { Db, Tx } from '../platform/db/dialect.js'
import { reindexCatalogueItems } from './search-store.js'
import type {
  SimulationAttemptTable,
  SimulationChoiceTable,
  SimulationSituationTable,
  SimulationStepTable,
  SimulationTable,
} from './simulation-rows.js'

/** A simulation's settings, situations and choices (choices in the author's order). */
export async function findGraph(
  db: Db,
  moduleId: string,
): Promise<{ sim: SimulationTable | undefined; situations: SimulationSituationTable[]; choices: SimulationChoiceTable[] }> {
  const [sim, situations, choices] = await Promise.all([
    db.selectFrom('simulation').selectAll().where('module_id', '=', moduleId).executeTakeFirst(),
    db.selectFrom('simulation_situation').selectAll().where('module_id', '=', moduleId).orderBy('key').execute(),
    db.selectFrom('simulation_choice').selectAll().where('module_id', '=', moduleId).orderBy('position').execute(),
  ])
  return { sim, situations, choices }
}

/** Replaces a simulation's settings and graph (in the caller's transaction). */
export async function replaceGraph(
  tx: Tx,
  sim: SimulationTable,
  situations: SimulationSituationTable[],
  choices: SimulationChoiceTable[],
): Promise<void> {
  const id = sim.module_id
  await tx.deleteFrom('simulation_choice').where('module_id', '=', id).execute()
  await tx.deleteFrom('simulation_situation').where('module_id', '=', id).execute()
  await tx.deleteFrom('simulation').where('module_id', '=', id).execute()
  await tx.insertInto('simulation').values(sim).execute()
  // Chunked: PostgreSQL and SQLite cap the parameters of one statement.
  for (let i = 0; i < situations.length; i += 50)
    await tx
      .insertInto('simulation_situation')
      .values(situations.slice(i, i + 50))
      .execute()
  for (let i = 0; i < choices.length; i += 50)
    await tx
      .insertInto('simulation_choice')
      .values(choices.slice(i, i + 50))
      .execute()
  // The catalogue's search reads the situations' text.
  await reindexCatalogueItems(tx, [{ kind: 'simulation', id }])
}

/** One learner's attempt, or undefined before they start. */
export function findSimAttempt(db: Db, moduleId: string, personId: string): Promise<SimulationAttemptTable | undefined> {
  return db
    .selectFrom('simulation_attempt')
    .selectAll()
    .where('module_id', '=', moduleId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

/** Stores a learner's attempt, keeping its first start and its first finish (an assignment stays done). */
export async function upsertSimAttempt(db: Db, row: SimulationAttemptTable): Promise<void> {
  await db
    .insertInto('simulation_attempt')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['module_id', 'person_id']).doUpdateSet((eb) => ({
        situation_key: eb.ref('excluded.situation_key'),
        score: eb.ref('excluded.score'),
        path: eb.ref('excluded.path'),
        feedback: eb.ref('excluded.feedback'),
        updated_at: eb.ref('excluded.updated_at'),
        finished_at: eb.fn.coalesce('simulation_attempt.finished_at', 'excluded.finished_at'),
      })),
    )
    .execute()
}

/** Everyone's attempts at a simulation (to move those whose situation an edit removed). */
export function attemptsAt(db: Db, moduleId: string): Promise<SimulationAttemptTable[]> {
  return db.selectFrom('simulation_attempt').selectAll().where('module_id', '=', moduleId).execute()
}

/** Logs a choice taken. */
export async function insertStep(db: Db, row: SimulationStepTable): Promise<void> {
  await db.insertInto('simulation_step').values(row).execute()
}

/** Per choice, the people who took it (distinct); the caller drops opted-out people and small counts. */
export async function takersByChoice(db: Db, moduleId: string): Promise<{ choice_key: string; person_id: string }[]> {
  return db.selectFrom('simulation_step').select(['choice_key', 'person_id']).distinct().where('module_id', '=', moduleId).execute()
}

/** A person's attempts and steps, for their export. */
export async function simulationDataOf(
  db: Db,
  personId: string,
): Promise<{ attempts: SimulationAttemptTable[]; steps: SimulationStepTable[] }> {
  const [attempts, steps] = await Promise.all([
    db.selectFrom('simulation_attempt').selectAll().where('person_id', '=', personId).orderBy('started_at').execute(),
    db.selectFrom('simulation_step').selectAll().where('person_id', '=', personId).orderBy('at').orderBy('id').execute(),
  ])
  return { attempts, steps }
}

/** Erases a person's attempts and steps (in the erasure's transaction). */
export async function eraseSimulationData(tx: Db, personId: string): Promise<void> {
  await tx.deleteFrom('simulation_attempt').where('person_id', '=', personId).execute()
  await tx.deleteFrom('simulation_step').where('person_id', '=', personId).execute()
}
