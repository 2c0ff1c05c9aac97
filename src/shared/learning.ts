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
  kind: Type.Literal('scorm'),
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
