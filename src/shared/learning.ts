import { Type, type Static } from '@sinclair/typebox'
import { Id } from './schemas.js'

export const LearningItem = Type.Object({
  position: Type.Integer(),
  identifier: Type.String(),
  title: Type.String(),
  href: Type.String(),
  sco: Type.Boolean(),
})

export const LearningModule = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('scorm'), Type.Literal('lesson'), Type.Literal('simulation')]),
  title: Type.String(),
  description: Type.String(),
  communityId: Type.Union([Type.String(), Type.Null()]),
  scormVersion: Type.Union([Type.Literal('1.2'), Type.Literal('2004'), Type.Null()]),
  schemaVersion: Type.Union([Type.String(), Type.Null()]),
  launch: Type.Union([Type.String(), Type.Null()]),
  files: Type.Integer(),
  bytes: Type.Integer(),
  createdAt: Type.String(),
  items: Type.Array(LearningItem),
  /** The community it belongs to (one module's page only: the list leaves it out). */
  community: Type.Optional(Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()])),
})
export type LearningModule = Static<typeof LearningModule>

export const LearningModuleList = Type.Object({ items: Type.Array(Type.Omit(LearningModule, ['items'])) })

export const ItemParams = Type.Object({ id: Id, position: Type.Integer({ minimum: 0, maximum: 9999 }) })

/** SCORM run-time data as the player holds it: flat element names (cmi.core.lesson_status, cmi.location…) to values. */
export const ScormCmi = Type.Record(Type.String({ pattern: '^(cmi|adl)\\.[A-Za-z0-9_.]{1,200}$' }), Type.String({ maxLength: 64_000 }), {
  maxProperties: 2_000,
  additionalProperties: false,
})

export const ScormAttempt = Type.Object({
  status: Type.String(),
  score: Type.Union([Type.Number(), Type.Null()]),
  suspendData: Type.String(),
  location: Type.String(),
  cmi: ScormCmi,
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  completedAt: Type.Union([Type.String(), Type.Null()]),
})
export type ScormAttempt = Static<typeof ScormAttempt>

export const SaveScormAttempt = Type.Object({ cmi: ScormCmi }, { additionalProperties: false })

const IsoTime = Type.String({ format: 'date-time', maxLength: 40 })

export const NewSession = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 160 }),
    description: Type.Optional(Type.String({ maxLength: 5_000 })),
    startsAt: IsoTime,
    endsAt: IsoTime,
    location: Type.Optional(Type.String({ maxLength: 300 })),
    capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
    /** A community the session belongs to (by slug); its visibility then applies. */
    community: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    /** Who leads it; the creator when absent. */
    facilitatorId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
)
export type NewSession = Static<typeof NewSession>

/** What a facilitator may change in a scheduled session; people with a seat get an updated invite. */
export const SessionChanges = Type.Partial(Type.Pick(NewSession, ['title', 'description', 'startsAt', 'endsAt', 'location', 'capacity']), {
  additionalProperties: false,
  minProperties: 1,
})
export type SessionChanges = Static<typeof SessionChanges>

export const EnrolmentStatus = Type.Union([Type.Literal('enrolled'), Type.Literal('waitlisted'), Type.Null()])

export const LearningSession = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
  facilitator: Type.Object({ id: Type.String(), name: Type.String() }),
  startsAt: Type.String(),
  endsAt: Type.String(),
  location: Type.String(),
  capacity: Type.Integer(),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  enrolled: Type.Integer(),
  waitlisted: Type.Integer(),
  /** The viewer's own place: null when they have not enrolled. */
  mine: EnrolmentStatus,
  /** 1-based place on the waitlist when waitlisted. */
  waitlistPlace: Type.Union([Type.Integer(), Type.Null()]),
  attended: Type.Union([Type.Boolean(), Type.Null()]),
  /** Whether the viewer may manage it (facilitator or admin): attendance, the roster, cancelling. */
  canManage: Type.Boolean(),
})
export type LearningSession = Static<typeof LearningSession>

export const LearningSessionList = Type.Object({ items: Type.Array(LearningSession) })

export const SessionRoster = Type.Object({
  items: Type.Array(
    Type.Object({
      person: Type.Object({ id: Type.String(), name: Type.String() }),
      status: Type.Union([Type.Literal('enrolled'), Type.Literal('waitlisted')]),
      attended: Type.Union([Type.Boolean(), Type.Null()]),
    }),
  ),
  /** Feedback in aggregate, only once at least the privacy minimum of people gave it. */
  feedback: Type.Union([
    Type.Object({ responses: Type.Integer(), averageRating: Type.Number(), comments: Type.Array(Type.String()) }),
    Type.Null(),
  ]),
  feedbackResponses: Type.Integer(),
})

export const Attendance = Type.Object(
  { attended: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10_000 }) },
  { additionalProperties: false },
)

export const SessionFeedback = Type.Object(
  { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 2_000 })) },
  { additionalProperties: false },
)

export const LessonPageInput = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 160 }), body: Type.String({ minLength: 1, maxLength: 100_000 }) },
  { additionalProperties: false },
)

/** A Markdown lesson as its author writes it: pages in order. Media go in as `media/<name>` after upload. */
export const NewLesson = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 160 }),
    description: Type.Optional(Type.String({ maxLength: 2_000 })),
    /** A community the lesson belongs to (by slug); its visibility then applies. */
    community: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    pages: Type.Array(LessonPageInput, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
)
export type NewLesson = Static<typeof NewLesson>

export const LessonProgress = Type.Object({
  /** Positions of the pages read. */
  done: Type.Array(Type.Integer()),
  /** The page to reopen. */
  position: Type.Integer(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
})
export type LessonProgress = Static<typeof LessonProgress>

export const Lesson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  community: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
  canEdit: Type.Boolean(),
  pages: Type.Array(Type.Object({ position: Type.Integer(), title: Type.String(), body: Type.String(), html: Type.String() })),
  progress: LessonProgress,
})
export type Lesson = Static<typeof Lesson>

export const SaveLessonProgress = Type.Object(
  {
    /** The page now open. */
    position: Type.Integer({ minimum: 0, maximum: 49 }),
    /** A page the learner has read (usually the one they leave with "Next"). */
    read: Type.Optional(Type.Integer({ minimum: 0, maximum: 49 })),
  },
  { additionalProperties: false },
)

/** Push learning: a manager (for their reports) or an admin asks people to take a catalogue item. */
export const NewAssignment = Type.Object(
  {
    moduleId: Type.String({ minLength: 1, maxLength: 64 }),
    personIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 500, uniqueItems: true }),
    dueAt: Type.Optional(IsoTime),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type NewAssignment = Static<typeof NewAssignment>

export const AssignmentStatus = Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done')])
export type AssignmentStatus = Static<typeof AssignmentStatus>

const ItemRef = Type.Object({ id: Type.String(), kind: Type.String(), title: Type.String() })
const PersonRef = Type.Object({ id: Type.String(), name: Type.String() })

export const MyAssignment = Type.Object({
  id: Type.String(),
  module: ItemRef,
  dueAt: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  assignedBy: Type.Union([PersonRef, Type.Null()]),
  assignedAt: Type.String(),
  status: AssignmentStatus,
  overdue: Type.Boolean(),
})
export type MyAssignment = Static<typeof MyAssignment>
export const MyAssignmentList = Type.Object({ items: Type.Array(MyAssignment) })

/**
 * What the viewer assigned, per item: each of their own reports by name with their status; people who are not
 * their reports only as counts, and the count done only from the privacy minimum up.
 */
export const AssignmentsMade = Type.Object({
  items: Type.Array(
    Type.Object({
      module: ItemRef,
      assigned: Type.Integer(),
      done: Type.Union([Type.Integer(), Type.Null()]),
      people: Type.Array(
        Type.Object({
          assignmentId: Type.String(),
          person: PersonRef,
          status: AssignmentStatus,
          dueAt: Type.Union([Type.String(), Type.Null()]),
          overdue: Type.Boolean(),
        }),
      ),
    }),
  ),
})
export type AssignmentsMade = Static<typeof AssignmentsMade>
export const AssignResult = Type.Object({ assigned: Type.Integer(), updated: Type.Integer() })
