import { Type, type Static } from '@sinclair/typebox'
import { Job } from './schemas.js'

// API shapes of the collaboration metadata imports (Slack exports, email metadata and generic CSV logs).

const UploadId = Type.String({ pattern: '^[0-9a-f-]{36}$' })
const FileName = Type.String({ minLength: 1, maxLength: 200 })

export const CollabUploadResult = Type.Object({ uploadId: Type.String(), filename: Type.String() })

export const StartSlackImport = Type.Object({ uploadId: UploadId, filename: FileName }, { additionalProperties: false })

/** The two CSV layouts: email metadata (sender, recipients, date) and a generic interaction log. */
export const CsvFormat = Type.Union([Type.Literal('email'), Type.Literal('csv')])
export type CsvFormat = Static<typeof CsvFormat>

/** The fields of each layout; the first ones of each are required. */
export const CSV_FIELDS = {
  email: { required: ['sender', 'recipients', 'date'], optional: ['cc', 'message_id'] },
  csv: { required: ['from', 'to', 'at'], optional: ['kind', 'topic', 'weight'] },
} as const

/** Which column (by its header) holds each field; a field mapped to nothing takes its default. */
export const CsvMapping = Type.Record(Type.String({ pattern: '^[a-z_]{1,20}$' }), Type.String({ maxLength: 200 }), { maxProperties: 10 })
export type CsvMapping = Static<typeof CsvMapping>

export const CsvFileBody = Type.Object({ uploadId: UploadId, filename: FileName, format: CsvFormat }, { additionalProperties: false })

export const CsvImportBody = Type.Object(
  { uploadId: UploadId, filename: FileName, format: CsvFormat, mapping: CsvMapping },
  { additionalProperties: false },
)
export type CsvImportBody = Static<typeof CsvImportBody>

export const CsvPreview = Type.Object({
  headers: Type.Array(Type.String()),
  /** The first rows, as read. */
  sample: Type.Array(Type.Array(Type.String())),
  rows: Type.Integer(),
  /** A mapping guessed from the headers' names. */
  suggested: CsvMapping,
})
export type CsvPreview = Static<typeof CsvPreview>

export const CsvRowError = Type.Object({ line: Type.Integer(), field: Type.String(), message: Type.String() })
export type CsvRowError = Static<typeof CsvRowError>

export const CsvCheck = Type.Object({
  rows: Type.Integer(),
  /** Events the rows make (an email to three people makes three). */
  events: Type.Integer(),
  /** The first errors, with their lines; the import writes nothing while there is any. */
  errors: Type.Array(CsvRowError),
  errorCount: Type.Integer(),
})
export type CsvCheck = Static<typeof CsvCheck>

export const CollabImportReport = Type.Object(
  {
    people: Type.Integer(),
    matched: Type.Integer(),
    placeholders: Type.Integer(),
    interactions: Type.Integer(),
    new_interactions: Type.Integer(),
    opted_out: Type.Integer(),
    channels: Type.Optional(Type.Integer()),
    messages: Type.Optional(Type.Integer()),
    replies: Type.Optional(Type.Integer()),
    reactions: Type.Optional(Type.Integer()),
    rows: Type.Optional(Type.Integer()),
    broadcasts: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
)
export type CollabImportReport = Static<typeof CollabImportReport>

export const CollabImport = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('slack'), Type.Literal('email'), Type.Literal('csv')]),
  label: Type.String(),
  createdAt: Type.String(),
  job: Job,
  report: Type.Union([CollabImportReport, Type.Null()]),
})
export type CollabImport = Static<typeof CollabImport>
export const CollabImportList = Type.Object({ items: Type.Array(CollabImport) })

export const ImportedPlaceholder = Type.Object({
  id: Type.String(),
  name: Type.String(),
  source: Type.String(),
  /** The outside account, e.g. a Slack member id or an address. */
  account: Type.String(),
})
export const PlaceholderList = Type.Object({ items: Type.Array(ImportedPlaceholder) })
export const LinkPlaceholder = Type.Object({ personId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
export const LinkedPlaceholder = Type.Object({ moved: Type.Integer(), optedOut: Type.Boolean() })
