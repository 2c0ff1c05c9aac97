import { Type, type Static } from '@sinclair/typebox'
import { Job } from './schemas.js'

// Bulk invitations: an admin picks people (or everyone never invited, or everyone invited who has not joined)
// and a job mails each a fresh invitation link.

export const MAX_BULK_PICKED = 500

export const BulkInviteBody = Type.Object(
  {
    /** People picked one by one in Admin → People. */
    personIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: MAX_BULK_PICKED })),
    /** Everyone never invited, or everyone invited who has not signed in yet (a resend). */
    everyone: Type.Optional(Type.Union([Type.Literal('not_invited'), Type.Literal('invited')])),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
)
export type BulkInviteBody = Static<typeof BulkInviteBody>

export const InvitationBatch = Type.Object({
  id: Type.String(),
  total: Type.Integer(),
  pending: Type.Integer(),
  sent: Type.Integer(),
  /** Left out at send time: they joined, or their account was erased, since they were picked. */
  skipped: Type.Integer(),
  /** Not confirmed as sent (the mail server refused, or the job stopped while sending): resend these. */
  failed: Type.Integer(),
  job: Job,
})
export type InvitationBatch = Static<typeof InvitationBatch>
