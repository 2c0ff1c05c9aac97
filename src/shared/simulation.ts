import { Type, type Static } from '@sinclair/typebox'

// Branching simulations: the author's graph (situations and choices), a learner's play state, and the paths
// people took, aggregated.

/** A key the author's editor gives a situation or a choice, so choices can name situations before they are stored. */
export const SimKey = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' })
const Score = Type.Integer({ minimum: -1000, maximum: 1000 })

export const SituationInput = Type.Object(
  {
    key: SimKey,
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    body: Type.String({ maxLength: 20_000 }),
    ending: Type.Boolean(),
    outcome: Type.Optional(Type.String({ maxLength: 5_000 })),
    allowBack: Type.Boolean(),
    x: Type.Optional(Type.Number({ minimum: -100_000, maximum: 100_000 })),
    y: Type.Optional(Type.Number({ minimum: -100_000, maximum: 100_000 })),
  },
  { additionalProperties: false },
)
export type SituationInput = Static<typeof SituationInput>

export const ChoiceInput = Type.Object(
  {
    key: SimKey,
    from: SimKey,
    to: SimKey,
    label: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }),
    feedback: Type.Optional(Type.String({ maxLength: 5_000 })),
    score: Type.Integer({ minimum: -100, maximum: 100 }),
    /** Open only when the score so far is at least this. */
    minScore: Type.Optional(Type.Union([Score, Type.Null()])),
    /** Open only when the score so far is at most this. */
    maxScore: Type.Optional(Type.Union([Score, Type.Null()])),
  },
  { additionalProperties: false },
)
export type ChoiceInput = Static<typeof ChoiceInput>

export const NewSimulation = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    description: Type.Optional(Type.String({ maxLength: 2_000 })),
    community: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    showScore: Type.Boolean(),
    start: SimKey,
    situations: Type.Array(SituationInput, { minItems: 1, maxItems: 200 }),
    choices: Type.Array(ChoiceInput, { maxItems: 600 }),
  },
  { additionalProperties: false },
)
export type NewSimulation = Static<typeof NewSimulation>

/** The whole graph, for its author (and admins). */
export const SimulationForAuthor = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
  showScore: Type.Boolean(),
  start: Type.String(),
  situations: Type.Array(
    Type.Object({
      key: Type.String(),
      title: Type.String(),
      body: Type.String(),
      ending: Type.Boolean(),
      outcome: Type.String(),
      allowBack: Type.Boolean(),
      x: Type.Number(),
      y: Type.Number(),
    }),
  ),
  choices: Type.Array(
    Type.Object({
      key: Type.String(),
      from: Type.String(),
      to: Type.String(),
      label: Type.String(),
      feedback: Type.String(),
      score: Type.Integer(),
      minScore: Type.Union([Type.Integer(), Type.Null()]),
      maxScore: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
})
export type SimulationForAuthor = Static<typeof SimulationForAuthor>

/** Where a learner stands: one situation, the choices open to them, and what their last choice earned. */
export const SimulationPlay = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  canEdit: Type.Boolean(),
  situation: Type.Object({
    key: Type.String(),
    title: Type.String(),
    html: Type.String(),
    ending: Type.Boolean(),
    outcome: Type.String(),
  }),
  choices: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      /** False when the score so far does not meet its condition (shown only when the score is shown). */
      open: Type.Boolean(),
      condition: Type.String(),
    }),
  ),
  /** The score so far; null when the author keeps it hidden. */
  score: Type.Union([Type.Integer(), Type.Null()]),
  /** Feedback on the choice that led here (empty at the start and after going back). */
  feedback: Type.String(),
  steps: Type.Integer(),
  canGoBack: Type.Boolean(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
})
export type SimulationPlay = Static<typeof SimulationPlay>

export const ChooseInput = Type.Object({ choice: SimKey }, { additionalProperties: false })

/** Per choice, how many distinct learners took it; null when fewer than the privacy minimum did. */
export const SimulationPaths = Type.Object({
  minAggregate: Type.Integer(),
  learners: Type.Union([Type.Integer(), Type.Null()]),
  choices: Type.Array(Type.Object({ key: Type.String(), learners: Type.Union([Type.Integer(), Type.Null()]) })),
})
export type SimulationPaths = Static<typeof SimulationPaths>
