import type { Db } from '../db/dialect.js'
import type { Tables } from '../db/tables.js'

export type OidcStateRow = Tables['oidc_state']

/** Records a pending single sign-on: what the callback needs to finish it, on whichever app node it lands. */
export async function insertOidcState(db: Db, row: OidcStateRow): Promise<void> {
  await db.insertInto('oidc_state').values(row).execute()
}

/**
 * Reads and deletes the pending sign-on for `state`. Only the caller whose delete removed the row gets it back,
 * so two callbacks racing with the same state (on one node or several) cannot both use it.
 */
export async function takeOidcState(db: Db, state: string): Promise<OidcStateRow | undefined> {
  const row = await db.selectFrom('oidc_state').selectAll().where('state', '=', state).executeTakeFirst()
  if (!row) return undefined
  const deleted = await db.deleteFrom('oidc_state').where('state', '=', state).executeTakeFirst()
  return Number(deleted.numDeletedRows) === 1 ? row : undefined
}
