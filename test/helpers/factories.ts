import type { FastifyInstance } from 'fastify'
import { insertOffers, insertRoute } from '../../src/server/asks/store.js'
import { blankPerson } from '../../src/server/people/accounts.js'
import { findPersonById, insertPerson, updatePerson, type PersonRow } from '../../src/server/people/store.js'
import { hashPassword } from '../../src/server/platform/auth/passwords.js'
import { deleteSessionsOfPerson } from '../../src/server/platform/auth/store.js'
import { hashSecret, isoIn, newId, newSecret, nowIso } from '../../src/server/platform/time.js'
import { login, TEST_PASSWORD, type Client } from './app.js'

let cachedHash: string | undefined

/** Inserts an active person who can log in with TEST_PASSWORD. Parents (a manager) must exist already. */
export async function buildPerson(app: FastifyInstance, overrides: Partial<PersonRow> = {}): Promise<PersonRow> {
  cachedHash ??= await hashPassword(TEST_PASSWORD)
  const id = newId()
  const row = blankPerson({
    email: overrides.email ?? `person-${id.slice(0, 8)}@example.com`,
    name: overrides.name ?? `Person ${id.slice(0, 4)}`,
    password_hash: cachedHash,
    ...overrides,
  })
  await insertPerson(app.db, row)
  return row
}

/** A new person (as buildPerson makes them), logged in. */
export async function loggedInPerson(app: FastifyInstance, overrides: Partial<PersonRow> = {}): Promise<Client> {
  return login(app, (await buildPerson(app, overrides)).email)
}

/**
 * Changes a person's row directly, for states no route reaches (an erased row that kept its address) or that a
 * test needs quickly. Tests outside the people domain use this instead of the people store.
 */
export async function updatePersonRow(app: FastifyInstance, id: string, fields: Partial<PersonRow>): Promise<void> {
  await updatePerson(app.db, id, fields)
}

/** A person's row as stored, or undefined. */
export function findPersonRow(app: FastifyInstance, id: string): Promise<PersonRow | undefined> {
  return findPersonById(app.db, id)
}

/** How many people rows there are, whatever their status. */
export async function countPeople(app: FastifyInstance): Promise<number> {
  const row = await app.db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Deletes a person's row outright with their sessions, as no route does (erasure keeps the row). */
export async function deletePersonRow(app: FastifyInstance, id: string): Promise<void> {
  await deleteSessionsOfPerson(app.db, id)
  await app.db.deleteFrom('person').where('id', '=', id).execute()
}

/** Deletes a community's row outright (its posts and memberships go by the foreign keys), as no route does. */
export async function deleteCommunityRow(app: FastifyInstance, slug: string): Promise<void> {
  await app.db.deleteFrom('community').where('slug', '=', slug).execute()
}

/** A password reset token for a person, as the reset mail would carry it (without sending the mail). */
export async function createResetToken(app: FastifyInstance, personId: string): Promise<string> {
  const token = newSecret()
  await app.db
    .insertInto('token')
    .values({ id: hashSecret(token), kind: 'reset', person_id: personId, created_at: nowIso(), expires_at: isoIn(3600_000), used_at: null })
    .execute()
  return token
}

/** Routes a question to one person directly (a route in round 1 and their open offer), as routing would. */
export async function offerQuestion(
  app: FastifyInstance,
  o: { questionId: number; askerId: string | null; communityId: string; personId: string },
): Promise<void> {
  const now = nowIso()
  await insertRoute(app.db, {
    question_id: o.questionId,
    asker_id: o.askerId,
    community_id: o.communityId,
    status: 'routing',
    round: 1,
    next_check_at: now,
    created_at: now,
    updated_at: now,
  })
  await insertOffer(app, o.questionId, o.personId, now)
}

/** Inserts `personId`'s open round-1 offer of a question, as the routing round would write it; returns its id. */
export async function insertOffer(app: FastifyInstance, questionId: number, personId: string, offeredAt = nowIso()): Promise<string> {
  const id = newId()
  await insertOffers(app.db, [
    {
      id,
      question_id: questionId,
      person_id: personId,
      status: 'offered',
      round: 1,
      rank: 1,
      score: 1,
      reason: null,
      evidence: '[]',
      offered_at: offeredAt,
      responded_at: null,
      snoozed_until: null,
      slot: 'expert',
    },
  ])
  return id
}
