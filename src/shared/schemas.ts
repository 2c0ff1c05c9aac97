import { Type, type Static } from '@sinclair/typebox'
import { OnboardingState } from './onboarding.js'

// API shapes shared by the server (validation, OpenAPI, response allow-lists) and the web app (types).

export const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) })
export type ErrorBody = Static<typeof ErrorBody>

export const Ok = Type.Object({ ok: Type.Literal(true) })

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
export const Password = Type.String({ minLength: 10, maxLength: 200 })
// A name must have something besides spaces: services trim it, and a blank name would be stored as ''.
export const PersonName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' })
export const Id = Type.String({ minLength: 1, maxLength: 64 })
export const IdParams = Type.Object({ id: Id })
/**
 * A numeric row id (a post's), in a path, query or body. Bounded to the integers a JSON number holds exactly,
 * all of which fit PostgreSQL's bigint: unbounded, 1e25 and Infinity passed as integers and PostgreSQL refused
 * them as bigints (a 500). Every numeric id in the API uses this schema.
 */
export const NumericId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
export const TagList = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })
// format 'date' (ajv-formats, full mode) also refuses impossible dates such as 2021-02-30.
export const IsoDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

export const PersonSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: Type.String(),
  department: Type.String(),
  location: Type.String(),
  hasPhoto: Type.Boolean(),
})
export type PersonSummary = Static<typeof PersonSummary>

export const Person = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  title: Type.String(),
  department: Type.String(),
  location: Type.String(),
  startDate: Type.Union([Type.String(), Type.Null()]),
  bio: Type.String(),
  hasPhoto: Type.Boolean(),
  manager: Type.Union([PersonSummary, Type.Null()]),
  reportCount: Type.Integer(),
  whoAmI: Type.String(),
  wantToBecome: Type.String(),
  communitiesWanted: Type.String(),
  aspirationTags: Type.Array(Type.String()),
  skillsOffered: Type.Array(Type.String()),
  skillsWanted: Type.Array(Type.String()),
  role: Type.Union([Type.Literal('member'), Type.Literal('admin')]),
  isManager: Type.Boolean(),
  /** Only shown to the person themself and to admins. */
  analyticsOptOut: Type.Optional(Type.Boolean()),
  /** Whether the viewer may edit this profile. */
  canEdit: Type.Boolean(),
})
export type Person = Static<typeof Person>

/** What a person may change on their own profile. */
export const ProfileUpdate = Type.Object(
  {
    name: Type.Optional(PersonName),
    bio: Type.Optional(Type.String({ maxLength: 2000 })),
    whoAmI: Type.Optional(Type.String({ maxLength: 4000 })),
    wantToBecome: Type.Optional(Type.String({ maxLength: 4000 })),
    communitiesWanted: Type.Optional(Type.String({ maxLength: 4000 })),
    aspirationTags: Type.Optional(TagList),
    skillsOffered: Type.Optional(TagList),
    skillsWanted: Type.Optional(TagList),
    analyticsOptOut: Type.Optional(Type.Boolean()),
    /** The fields below come from HR; only admins may change them. */
    title: Type.Optional(Type.String({ maxLength: 120 })),
    department: Type.Optional(Type.String({ maxLength: 120 })),
    location: Type.Optional(Type.String({ maxLength: 120 })),
    startDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    managerId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type ProfileUpdate = Static<typeof ProfileUpdate>

export const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    department: Type.Optional(Type.String({ maxLength: 120 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 24 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
)
export type DirectoryQuery = Static<typeof DirectoryQuery>
/** Admin → People: everyone with an account, or (`placeholders`) only the authors an import brought in. */
export const AdminPeopleQuery = Type.Composite([
  DirectoryQuery,
  Type.Object(
    {
      placeholders: Type.Optional(Type.Boolean()),
      /** Only people in this onboarding state (placeholders are never in one). */
      state: Type.Optional(OnboardingState),
    },
    { additionalProperties: false },
  ),
])
export type AdminPeopleQuery = Static<typeof AdminPeopleQuery>

export const DirectoryPage = Type.Object({
  items: Type.Array(PersonSummary),
  total: Type.Integer(),
  departments: Type.Array(Type.String()),
})
export type DirectoryPage = Static<typeof DirectoryPage>

export const OrgNode = Type.Object({
  person: PersonSummary,
  reportCount: Type.Integer(),
})
export type OrgNode = Static<typeof OrgNode>
export const OrgNodeList = Type.Object({ items: Type.Array(OrgNode) })
export type OrgNodeList = Static<typeof OrgNodeList>

export const SessionInfo = Type.Object({
  setupNeeded: Type.Boolean(),
  sso: Type.Union([Type.Object({ name: Type.String() }), Type.Null()]),
  viewer: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      email: Type.String(),
      isAdmin: Type.Boolean(),
      isManager: Type.Boolean(),
      csrfToken: Type.String(),
    }),
    Type.Null(),
  ]),
})
export type SessionInfo = Static<typeof SessionInfo>

export const SetupBody = Type.Object({ name: PersonName, email: Email, password: Password }, { additionalProperties: false })
export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false })
export const TokenPasswordBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), password: Password },
  { additionalProperties: false },
)
export const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) })
export const InvitationInfo = Type.Object({ email: Type.String(), name: Type.String() })
export const InviteBody = Type.Object({ email: Email, name: PersonName }, { additionalProperties: false })

export const AdminPerson = Type.Composite([
  PersonSummary,
  Type.Object({
    email: Type.String(),
    role: Type.Union([Type.Literal('member'), Type.Literal('admin')]),
    managerGranted: Type.Boolean(),
    isManager: Type.Boolean(),
    status: Type.String(),
    /** Where they are in joining: computed from sign-ins and invitations, not from `status` alone. */
    onboarding: OnboardingState,
    lastLoginAt: Type.Union([Type.String(), Type.Null()]),
    invitedAt: Type.Union([Type.String(), Type.Null()]),
    /** When the latest invitation's link stops working (null: never invited). */
    invitationExpiresAt: Type.Union([Type.String(), Type.Null()]),
  }),
])
export type AdminPerson = Static<typeof AdminPerson>
export const AdminPeoplePage = Type.Object({ items: Type.Array(AdminPerson), total: Type.Integer() })
export type AdminPeoplePage = Static<typeof AdminPeoplePage>
export const RoleUpdate = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal('member'), Type.Literal('admin')])),
    managerGranted: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type RoleUpdate = Static<typeof RoleUpdate>

export const Job = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ]),
  progress: Type.Integer(),
  progressTotal: Type.Integer(),
  progressLabel: Type.String(),
  attempts: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type Job = Static<typeof Job>

export const RosterImportBody = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 200 }),
    csv: Type.String({ minLength: 1 }),
    mode: Type.Union([Type.Literal('preview'), Type.Literal('apply')]),
  },
  { additionalProperties: false },
)
export type RosterImportBody = Static<typeof RosterImportBody>

export const RosterRowError = Type.Object({
  line: Type.Integer(),
  email: Type.String(),
  field: Type.String(),
  message: Type.String(),
})
export type RosterRowError = Static<typeof RosterRowError>

export const RosterReport = Type.Object({
  rows: Type.Integer(),
  creates: Type.Integer(),
  updates: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(RosterRowError),
  applied: Type.Boolean(),
})
export type RosterReport = Static<typeof RosterReport>

export const RosterImport = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  mode: Type.Union([Type.Literal('preview'), Type.Literal('apply')]),
  createdAt: Type.String(),
  job: Job,
  report: Type.Union([RosterReport, Type.Null()]),
})
export type RosterImport = Static<typeof RosterImport>
export const RosterImportList = Type.Object({ items: Type.Array(RosterImport) })
export type RosterImportList = Static<typeof RosterImportList>

export const ErasureBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false })
export const ErasureRequest = Type.Object({
  id: Type.String(),
  person: PersonSummary,
  reason: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('rejected')]),
  requestedAt: Type.String(),
})
export type ErasureRequest = Static<typeof ErasureRequest>
export const ErasureList = Type.Object({ items: Type.Array(ErasureRequest) })
