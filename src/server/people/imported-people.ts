import type { Db } from '../platform/db/dialect.js'
import { blankPerson } from './accounts.js'
import { findPersonByClaimKey, findPersonByEmail, insertPerson } from './store.js'

/** An account in another system (a Stack Exchange user, a Slack member) whose content is being imported. */
export interface ImportedAccount {
  /** Names the account for good, e.g. `stackexchange:<site>:<userId>`: a re-import finds the same person. */
  claimKey: string
  /** The account's address, when the export has one: a person with it is that account. */
  email?: string
  name: string
  /** Address and title of a placeholder, which a real account can claim later. */
  placeholderEmail: string
  placeholderTitle: string
}

export interface ImportedPerson {
  personId: string
  /** How the account was resolved: by a person's email, by an earlier import's placeholder, or as a new one. */
  how: 'email' | 'claim' | 'created'
  /** Still a placeholder (not claimed by a real account): attribution, not a member of anything. */
  placeholder: boolean
}

/**
 * The person behind each imported account, by claim key: the person with its email (unless erased), else the
 * placeholder an earlier import made for it, else a new placeholder. Pass a transaction: placeholders are
 * created in it.
 */
export async function resolveImportedPeople(db: Db, accounts: ImportedAccount[]): Promise<Map<string, ImportedPerson>> {
  const out = new Map<string, ImportedPerson>()
  for (const a of accounts) {
    const byEmail = a.email ? await findPersonByEmail(db, a.email) : undefined
    if (byEmail && byEmail.status !== 'erased') {
      out.set(a.claimKey, { personId: byEmail.id, how: 'email', placeholder: byEmail.status === 'placeholder' })
      continue
    }
    const claimed = await findPersonByClaimKey(db, a.claimKey)
    if (claimed) {
      out.set(a.claimKey, { personId: claimed.id, how: 'claim', placeholder: claimed.status === 'placeholder' })
      continue
    }
    const row = blankPerson({ email: a.placeholderEmail, name: a.name.slice(0, 120), status: 'placeholder', title: a.placeholderTitle })
    await insertPerson(db, { ...row, claim_key: a.claimKey })
    out.set(a.claimKey, { personId: row.id, how: 'created', placeholder: true })
  }
  return out
}
