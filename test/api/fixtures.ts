import type { FastifyInstance } from 'fastify'
import type { PersonRow } from '../../src/server/people/store.js'
import { updatePerson } from '../../src/server/people/store.js'
import { hashSecret, isoIn, newId, newSecret, nowIso } from '../../src/server/platform/time.js'
import { buildPerson } from '../helpers/factories.js'
import { TINY_PNG } from './support.js'

// Rows the authorization matrix needs as targets of its requests. Each call makes new rows, so a request
// that consumes its target (confirming an erasure, accepting an invitation) never affects another.

export function person(app: FastifyInstance, overrides: Partial<PersonRow> = {}): Promise<PersonRow> {
  return buildPerson(app, overrides)
}

/** A person with a photo on disk. */
export async function personWithPhoto(app: FastifyInstance): Promise<PersonRow> {
  const p = await buildPerson(app)
  await app.storage.put(`photos/${p.id}`, TINY_PNG)
  await updatePerson(app.db, p.id, { photo_type: 'image/png' })
  return p
}

/** A live invite or reset token for `personId`, as the link in the mail would carry it. */
export async function token(app: FastifyInstance, kind: 'invite' | 'reset', personId: string): Promise<string> {
  const secret = newSecret()
  await app.db
    .insertInto('token')
    .values({ id: hashSecret(secret), kind, person_id: personId, created_at: nowIso(), expires_at: isoIn(3600_000), used_at: null })
    .execute()
  return secret
}

/** An invited person and a live invitation token for them. */
export async function invitation(app: FastifyInstance): Promise<string> {
  const p = await buildPerson(app, { status: 'invited', password_hash: null })
  return token(app, 'invite', p.id)
}

/** A pending erasure request of a new person. */
export async function erasureRequest(app: FastifyInstance): Promise<string> {
  const p = await buildPerson(app)
  const id = newId()
  await app.db
    .insertInto('erasure_request')
    .values({ id, person_id: p.id, reason: 'leaving', status: 'pending', requested_at: nowIso(), decided_by: null, decided_at: null })
    .execute()
  return id
}

/** A queued job started by `createdBy`. No worker runs in API tests, so it stays queued. */
export function job(app: FastifyInstance, createdBy: string): Promise<string> {
  return app.jobs.enqueue('authz.noop', {}, { createdBy })
}
