import { Type, type Static } from '@sinclair/typebox'
import { Job } from './schemas.js'

export const UploadQuery = Type.Object(
  { uploadId: Type.Optional(Type.String({ pattern: '^[0-9a-f-]{36}$' })) },
  { additionalProperties: false },
)
export const UploadResult = Type.Object({ uploadId: Type.String(), filename: Type.String() })

export const StartQaImport = Type.Object(
  {
    uploadId: Type.String({ pattern: '^[0-9a-f-]{36}$' }),
    files: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20 }),
    /** The community to import into; or, with `newCommunity`, none yet (exactly one of the two). */
    communitySlug: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    /** A community to start for the import (an open one, its steward the admin): what a fresh install needs. */
    newCommunity: Type.Optional(Type.Object({ name: Type.String({ minLength: 2, maxLength: 100 }) }, { additionalProperties: false })),
    /** The site the dump came from, e.g. beer.stackexchange.com; taken from the archive name when absent. */
    site: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
  },
  { additionalProperties: false },
)

export const QaImportReport = Type.Object(
  {
    site: Type.String(),
    questions: Type.Integer(),
    answers: Type.Integer(),
    accepted: Type.Integer(),
    comments: Type.Integer(),
    duplicates: Type.Integer(),
    related: Type.Integer(),
    votes: Type.Integer(),
    peopleMatched: Type.Integer(),
    placeholders: Type.Integer(),
    created: Type.Object({ posts: Type.Integer(), interactions: Type.Integer() }),
    skipped: Type.Array(Type.Object({ posts: Type.Integer(), reason: Type.String() })),
    seconds: Type.Number(),
  },
  { additionalProperties: true },
)

export const QaImport = Type.Object({
  id: Type.String(),
  site: Type.String(),
  community: Type.Object({ slug: Type.String(), name: Type.String() }),
  createdAt: Type.String(),
  job: Job,
  report: Type.Union([QaImportReport, Type.Null()]),
})
export type QaImport = Static<typeof QaImport>
export const QaImportList = Type.Object({ items: Type.Array(QaImport) })
