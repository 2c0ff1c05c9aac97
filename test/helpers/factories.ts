import type { FastifyInstance } from 'fastify'
import { blankPerson } from '../../src/server/people/accounts.js'
import { insertPerson, type PersonRow } from '../../src/server/people/store.js'
import { hashPassword } from '../../src/server/platform/auth/passwords.js'
import { newId } from '../../src/server/platform/time.js'
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
