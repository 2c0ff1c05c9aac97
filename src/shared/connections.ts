import { Type, type Static } from '@sinclair/typebox'
import { Id, PersonSummary, TagList } from './schemas.js'

// Connections: programmes that make links between people (mentoring, coaching circles, lunch rounds, broker
// introductions), their rounds of matches, and what each match does (meetings, a private log).

export const ProgrammeKind = Type.Union([Type.Literal('mentoring'), Type.Literal('circles'), Type.Literal('lunch'), Type.Literal('intro')])
export type ProgrammeKind = Static<typeof ProgrammeKind>
export const ParticipantRole = Type.Union([Type.Literal('mentor'), Type.Literal('mentee'), Type.Literal('member')])
export type ParticipantRole = Static<typeof ParticipantRole>
/** expired: the proposal went unanswered past its deadline (after one reminder). */
export const MatchResponse = Type.Union([
  Type.Literal('pending'),
  Type.Literal('accepted'),
  Type.Literal('declined'),
  Type.Literal('expired'),
])
export type MatchResponse = Static<typeof MatchResponse>

const Text = (max: number) => Type.String({ maxLength: max })

export const ProgrammeBody = Type.Object(
  {
    kind: ProgrammeKind,
    name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
    description: Type.Optional(Text(2000)),
    /** Open to one department only; '' or absent for the whole organisation. */
    department: Type.Optional(Text(120)),
    /** Days between rounds (7 weekly, 14 biweekly, 30 monthly); 0 for rounds only on demand. */
    cadenceDays: Type.Integer({ minimum: 0, maximum: 365 }),
    durationWeeks: Type.Integer({ minimum: 1, maximum: 104 }),
    /** No pair is matched again within this many rounds. */
    repeatRounds: Type.Integer({ minimum: 0, maximum: 52 }),
    /** How much to prefer pairs from different departments: 0 none, up to 3 strong. */
    crossDepartment: Type.Number({ minimum: 0, maximum: 3 }),
    /** People per lunch group, 2 to 6 (lunch rounds only; 2 when absent). */
    groupSize: Type.Optional(Type.Integer({ minimum: 2, maximum: 6 })),
  },
  { additionalProperties: false },
)
export type ProgrammeBody = Static<typeof ProgrammeBody>

export const Programme = Type.Object({
  id: Id,
  kind: ProgrammeKind,
  name: Type.String(),
  description: Type.String(),
  department: Type.String(),
  cadenceDays: Type.Integer(),
  durationWeeks: Type.Integer(),
  repeatRounds: Type.Integer(),
  crossDepartment: Type.Number(),
  groupSize: Type.Integer(),
  /** When the programme ends: matches end and each participant is asked for a reflection. */
  endsAt: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('ended')]),
  owner: Type.Union([PersonSummary, Type.Null()]),
  /** Whether the viewer may preview and approve its rounds. */
  canManage: Type.Boolean(),
  /** The viewer's role when they joined, else null. */
  myRole: Type.Union([ParticipantRole, Type.Null()]),
})
export type Programme = Static<typeof Programme>
export const ProgrammeList = Type.Object({ items: Type.Array(Programme) })
export type ProgrammeList = Static<typeof ProgrammeList>

/** The opt-in questionnaire: prefilled from the profile's three questions and skills. */
export const Questionnaire = Type.Object(
  {
    role: ParticipantRole,
    /** Mentees a mentor takes (mentors only). */
    capacity: Type.Integer({ minimum: 1, maximum: 10 }),
    whoAmI: Text(1000),
    wantToBecome: Text(1000),
    goals: Text(1000),
    skillsOffered: TagList,
    skillsWanted: TagList,
  },
  { additionalProperties: false },
)
export type Questionnaire = Static<typeof Questionnaire>

export const MatchMember = Type.Object({ person: PersonSummary, role: ParticipantRole, response: MatchResponse })
export const Match = Type.Object({
  id: Id,
  programme: Type.Object({ id: Id, name: Type.String(), kind: ProgrammeKind }),
  status: Type.Union([
    Type.Literal('proposed'),
    Type.Literal('active'),
    Type.Literal('declined'),
    Type.Literal('expired'),
    Type.Literal('ended'),
  ]),
  score: Type.Number(),
  /** "Why you two": the reasons the match was made. */
  reasons: Type.Array(Type.String()),
  members: Type.Array(MatchMember),
  createdAt: Type.String(),
})
export type Match = Static<typeof Match>
export const MatchList = Type.Object({ items: Type.Array(Match) })
export type MatchList = Static<typeof MatchList>

export const Round = Type.Object({
  id: Id,
  programmeId: Id,
  number: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('approved')]),
  objective: Type.Number(),
  matchCount: Type.Integer(),
  /** The matches with their members and reasons: in the preview only. Once approved, who accepted or declined whom is the pairs' own business. */
  matches: Type.Array(Match),
  /** Participants the round could not match (preview only, like `matches`). */
  unmatched: Type.Array(PersonSummary),
})
export type Round = Static<typeof Round>
export const RoundSummary = Type.Object({
  id: Id,
  number: Type.Integer(),
  status: Type.String(),
  matches: Type.Integer(),
  createdAt: Type.String(),
})
export const RoundList = Type.Object({ items: Type.Array(RoundSummary) })
export type RoundList = Static<typeof RoundList>
export const DraftStarted = Type.Object({ jobId: Id })
export type DraftStarted = Static<typeof DraftStarted>

export const RespondBody = Type.Object(
  { response: Type.Union([Type.Literal('accepted'), Type.Literal('declined')]) },
  { additionalProperties: false },
)
export const IntroBody = Type.Object(
  { personA: Id, personB: Id, reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) },
  { additionalProperties: false },
)

export const MeetingBody = Type.Object(
  {
    startsAt: Type.String({ format: 'date-time', maxLength: 40 }),
    minutes: Type.Integer({ minimum: 5, maximum: 480 }),
    location: Text(300),
  },
  { additionalProperties: false },
)
export type MeetingBody = Static<typeof MeetingBody>
/** The organisation's departments, one of which a programme may be limited to. */
export const DepartmentList = Type.Object({ items: Type.Array(Type.String()) })
export type DepartmentList = Static<typeof DepartmentList>

export const Meeting = Type.Object({
  id: Id,
  matchId: Id,
  startsAt: Type.String(),
  minutes: Type.Integer(),
  location: Type.String(),
  sequence: Type.Integer(),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  held: Type.Union([Type.Boolean(), Type.Null()]),
})
export type Meeting = Static<typeof Meeting>
export const CheckBody = Type.Object({ held: Type.Boolean() }, { additionalProperties: false })

export const LogBody = Type.Object(
  { kind: Type.Union([Type.Literal('goal'), Type.Literal('note')]), body: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }) },
  { additionalProperties: false },
)
export const LogEntry = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('goal'), Type.Literal('note')]),
  body: Type.String(),
  author: Type.Union([PersonSummary, Type.Null()]),
  createdAt: Type.String(),
})
export const ReflectionBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }) },
  { additionalProperties: false },
)

export const MatchDetail = Type.Object({
  match: Match,
  meetings: Type.Array(Meeting),
  log: Type.Array(LogEntry),
  /** The viewer's own end-of-programme reflection. */
  myReflection: Type.Union([Type.String(), Type.Null()]),
})
export type MatchDetail = Static<typeof MatchDetail>

/** Participation for the owner: counts only, and null where fewer people than the aggregate minimum. */
export const Participation = Type.Object({
  minAggregate: Type.Integer(),
  participants: Type.Union([Type.Integer(), Type.Null()]),
  rounds: Type.Integer(),
  matches: Type.Integer(),
  accepted: Type.Union([Type.Integer(), Type.Null()]),
  declined: Type.Union([Type.Integer(), Type.Null()]),
  meetingsHeld: Type.Union([Type.Integer(), Type.Null()]),
  /** End-of-programme reflections written (a count only, never their text). */
  reflections: Type.Union([Type.Integer(), Type.Null()]),
})
export type Participation = Static<typeof Participation>

/** The viewer's end-of-programme reflection on a programme they took part in: private to them. */
export const ProgrammeReflection = Type.Object({
  programme: Type.Object({
    id: Id,
    name: Type.String(),
    kind: ProgrammeKind,
    status: Type.String(),
    endsAt: Type.Union([Type.String(), Type.Null()]),
  }),
  body: Type.Union([Type.String(), Type.Null()]),
  reflectedAt: Type.Union([Type.String(), Type.Null()]),
  /** Whether the programme has ended (the reflection is asked for then, and may be written from then on). */
  open: Type.Boolean(),
})
export type ProgrammeReflection = Static<typeof ProgrammeReflection>
