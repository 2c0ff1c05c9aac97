import { Type, type Static } from '@sinclair/typebox'
import { Id } from './schemas.js'

// Quizzes, spaced retrieval and team challenges in the learning catalogue (issue 14), shared by the server and
// the web app.

export const QuestionKind = Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('ordering'), Type.Literal('short')])
export type QuestionKind = Static<typeof QuestionKind>

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })

export const NewQuiz = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 160, pattern: '\\S' }),
    description: Type.Optional(Type.String({ maxLength: 5_000 })),
    /** A community the quiz belongs to (by slug); its visibility then applies. */
    community: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    /** Points are optional and off unless the author turns them on. */
    points: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type NewQuiz = Static<typeof NewQuiz>

export const QuizPatch = Type.Partial(Type.Omit(NewQuiz, ['community']), { additionalProperties: false })

/**
 * A question as its author writes it. Choice and ordering questions list their options (ordering: in the right
 * order; learners see them shuffled); `correct` names the right options by their 0-based index. Short answers
 * list their accepted variants instead, compared without case, spaces at the ends or final punctuation.
 */
export const QuestionInput = Type.Object(
  {
    kind: QuestionKind,
    prompt: Text(2_000),
    options: Type.Optional(Type.Array(Text(500), { maxItems: 12 })),
    correct: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 11 }), { maxItems: 12 })),
    accepted: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
    explanation: Type.Optional(Type.String({ maxLength: 2_000 })),
    points: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
)
export type QuestionInput = Static<typeof QuestionInput>

export const QuestionParams = Type.Object({ id: Id, questionId: Id })

/** An answer: the chosen option ids (one for single choice), the option ids in order, or the typed text. */
export const AnswerInput = Type.Object(
  {
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 12 })),
    order: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 12 })),
    text: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type AnswerInput = Static<typeof AnswerInput>

const Option = Type.Object({ id: Type.String(), text: Type.String() })

/** The feedback a learner gets at once: right or not, why, and what the right answer was. */
export const AnswerFeedback = Type.Object({
  correct: Type.Boolean(),
  explanation: Type.String(),
  /** The right answer in words: the right options (in order) or the first accepted variant. */
  rightAnswer: Type.Array(Type.String()),
  /** Points earned by this answer, when the quiz has points. */
  points: Type.Union([Type.Integer(), Type.Null()]),
  /** When spaced retrieval brings the question back. */
  nextReview: Type.String(),
  /** Whether this answer was a due review (it moved the schedule) rather than practice. */
  review: Type.Boolean(),
})
export type AnswerFeedback = Static<typeof AnswerFeedback>

/** A question as a learner sees it: no answers. With the learner's last answer and its feedback, if any. */
export const PlayQuestion = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  kind: QuestionKind,
  prompt: Type.String(),
  options: Type.Array(Option),
  last: Type.Union([Type.Object({ response: AnswerInput, feedback: AnswerFeedback, answeredAt: Type.String() }), Type.Null()]),
})
export type PlayQuestion = Static<typeof PlayQuestion>

export const ChallengeRef = Type.Object({
  id: Type.String(),
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
  startsAt: Type.String(),
  endsAt: Type.String(),
})
export type ChallengeRef = Static<typeof ChallengeRef>

export const QuizSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
  points: Type.Boolean(),
  questions: Type.Integer(),
  /** The viewer's progress: questions answered, and answered right the last time. */
  answered: Type.Integer(),
  right: Type.Integer(),
  /** The author and admins may edit it. */
  canEdit: Type.Boolean(),
})
export type QuizSummary = Static<typeof QuizSummary>

export const QuizList = Type.Object({ items: Type.Array(QuizSummary) })

export const Quiz = Type.Object({
  ...QuizSummary.properties,
  items: Type.Array(PlayQuestion),
  /** The viewer's points, when the quiz has points. */
  score: Type.Union([Type.Integer(), Type.Null()]),
  challenges: Type.Array(ChallengeRef),
  /** Communities the viewer stewards, where they may start a challenge on this quiz. */
  canChallengeIn: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
})
export type Quiz = Static<typeof Quiz>

/** A question as its author sees it. */
export const AuthorQuestion = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  kind: QuestionKind,
  prompt: Type.String(),
  options: Type.Array(Type.String()),
  correct: Type.Array(Type.Integer()),
  accepted: Type.Array(Type.String()),
  explanation: Type.String(),
  points: Type.Integer(),
})
export type AuthorQuestion = Static<typeof AuthorQuestion>

export const QuizForAuthor = Type.Object({ ...QuizSummary.properties, items: Type.Array(AuthorQuestion) })
export type QuizForAuthor = Static<typeof QuizForAuthor>

/** The viewer's due reviews across quizzes, oldest due first. */
export const ReviewList = Type.Object({
  due: Type.Integer(),
  /** When the next card not yet due comes back, if any. */
  nextDue: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(
    Type.Object({ quiz: Type.Object({ id: Type.String(), title: Type.String() }), question: PlayQuestion, due: Type.String() }),
  ),
})
export type ReviewList = Static<typeof ReviewList>

export const NewChallenge = Type.Object(
  {
    community: Type.String({ minLength: 2, maxLength: 60 }),
    startsAt: Type.String({ format: 'date-time', maxLength: 40 }),
    endsAt: Type.String({ format: 'date-time', maxLength: 40 }),
  },
  { additionalProperties: false },
)
export type NewChallenge = Static<typeof NewChallenge>

const Figures = Type.Object({
  /** People counted (community members who may be counted: active, not opted out of analytics). */
  people: Type.Integer(),
  /** Of them, how many answered at least one question of the quiz during the challenge. */
  taking: Type.Integer(),
  /** Share of the quiz's questions the taking people last answered right, on average (0–1). */
  averageRight: Type.Number(),
})

export const ChallengeProgress = Type.Object({
  ...ChallengeRef.properties,
  quiz: Type.Object({ id: Type.String(), title: Type.String(), points: Type.Boolean() }),
  minAggregate: Type.Integer(),
  /** The whole community; null below the privacy minimum. */
  overall: Type.Union([Figures, Type.Null()]),
  /** Teams (departments) with at least the privacy minimum of people counted; smaller ones are withheld. */
  teams: Type.Array(Type.Object({ team: Type.String(), ...Figures.properties })),
  withheldTeams: Type.Integer(),
  /** People by points, only when the quiz has points; people who opted out of analytics are left out. */
  leaderboard: Type.Union([Type.Array(Type.Object({ name: Type.String(), points: Type.Integer() })), Type.Null()]),
  /** The viewer's own figures. */
  mine: Type.Object({ answered: Type.Integer(), right: Type.Integer() }),
})
export type ChallengeProgress = Static<typeof ChallengeProgress>

export const XapiSettings = Type.Object(
  {
    /** The LRS's base URL (statements go to `<endpoint>/statements`); empty turns sending off. */
    endpoint: Type.String({ maxLength: 500 }),
    key: Type.String({ maxLength: 200 }),
    /** Write-only: empty keeps the stored secret. */
    secret: Type.Optional(Type.String({ maxLength: 200 })),
    /** How the learner is named: by account (person id on this site) or by mailbox (email). */
    actor: Type.Union([Type.Literal('account'), Type.Literal('mbox')]),
  },
  { additionalProperties: false },
)
export type XapiSettings = Static<typeof XapiSettings>

export const XapiSettingsView = Type.Object({
  endpoint: Type.String(),
  key: Type.String(),
  hasSecret: Type.Boolean(),
  actor: Type.Union([Type.Literal('account'), Type.Literal('mbox')]),
})
export type XapiSettingsView = Static<typeof XapiSettingsView>
