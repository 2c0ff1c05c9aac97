import { recordAudit } from '../platform/audit.js'
import { SsoError } from '../platform/auth/oidc.js'
import type { Db } from '../platform/db/dialect.js'
import { nowIso } from '../platform/time.js'
import { findPersonByEmail, updatePerson } from './store.js'

/**
 * The person a single sign-on's verified email belongs to (platform's PersonMatcher, given to the OIDC routes
 * in app.ts). Never creates anyone: the roster is the source of truth. An invited person becomes active, and the
 * sign-in is recorded; an erased one, or an unknown address, is refused.
 */
export async function matchSsoPerson(db: Db, email: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const person = await findPersonByEmail(tx, email.toLowerCase())
    if (!person) throw new SsoError('sso_no_account', `no one in the roster has the email ${email}`)
    if (person.status === 'erased') throw new SsoError('sso_account_erased', `the account of ${email} was erased`)
    if (person.status === 'invited') {
      await updatePerson(tx, person.id, { status: 'active', updated_at: nowIso() })
      await recordAudit(tx, person.id, 'person.activate_sso', person.id)
    }
    // A sign-in: the OIDC route starts a session for whoever this returns.
    await updatePerson(tx, person.id, { last_login_at: nowIso() })
    return person.id
  })
}
