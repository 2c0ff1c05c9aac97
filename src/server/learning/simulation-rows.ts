// Simulation tables (migration 0037), as Kysely sees them: timestamps are ISO-8601 UTC strings, flags 0/1.

export interface SimulationTable {
  module_id: string
  start_key: string
  show_score: number
}

export interface SimulationSituationTable {
  module_id: string
  key: string
  title: string
  /** The author's Markdown. */
  body: string
  /** Its HTML, rendered when written. */
  html: string
  ending: number
  outcome: string
  /** Whether a learner here may take back the choice that brought them. */
  allow_back: number
  x: number
  y: number
}

export interface SimulationChoiceTable {
  module_id: string
  key: string
  from_key: string
  to_key: string
  position: number
  label: string
  feedback: string
  score: number
  min_score: number | null
  max_score: number | null
}

/** A learner's place in a simulation: one row per learner, reset when they start over. */
export interface SimulationAttemptTable {
  module_id: string
  person_id: string
  situation_key: string
  score: number
  /** JSON array of the choice keys that led here. */
  path: string
  feedback: string
  started_at: string
  updated_at: string
  finished_at: string | null
}

/** Every choice a learner took (kept when they go back), for the authors' aggregated paths. */
export interface SimulationStepTable {
  id: string
  module_id: string
  person_id: string
  choice_key: string
  score_after: number
  at: string
}

declare module '../platform/db/tables.js' {
  interface Tables {
    simulation: SimulationTable
    simulation_situation: SimulationSituationTable
    simulation_choice: SimulationChoiceTable
    simulation_attempt: SimulationAttemptTable
    simulation_step: SimulationStepTable
  }
}
