import { reassignInteractions } from '../insights/service.js'
import { matchingProfiles, personStatus } from '../people/lookup.js'
import { recordAudit } from '../platform/audit.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import { nowIso } from '../platform/time.js'
import { findIdentitiesOfPlaceholder, findUnlinkedIdentities, linkIdentities } from './collab-store.js'

// Placeholders that collaboration imports made for outside accounts (a Slack member without a matching email,
// an address nobody here has), and the admin's action "this placeholder is that person".

/** Placeholders not yet linked to a person, newest first. */
export async function listImportedPlaceholders(db: Db): Promise<{ id: string; name: string; source: string; account: string }[]> {
  const rows = await findUnlinkedIdentities(db, 200)
  const out = []
  for (const r of rows) {
    // A placeholder claimed since by another path (an email match) is no longer one.
    if ((await personStatus(db, r.placeholder_id)) !== 'placeholder') continue
    out.push({ id: r.placeholder_id, name: r.name, source: r.source, account: r.claim_key.slice(r.claim_key.indexOf(':') + 1) })
  }
  return out
}

/**
 * Says that a placeholder is an active person: their interactions move to that person (or are deleted when the
 * person opted out of analytics, who gets no rows), and later imports resolve the same accounts to the person.
 */
export async function linkPlaceholder(
  db: Db,
  viewer: Viewer,
  placeholderId: string,
  personId: string,
): Promise<{ moved: number; optedOut: boolean }> {
  const identities = await findIdentitiesOfPlaceholder(db, placeholderId)
  if (identities.length === 0 || (await personStatus(db, placeholderId)) !== 'placeholder')
    throw new NotFoundError('placeholder_not_found', `no imported placeholder ${placeholderId}`)
  if (identities.every((i) => i.person_id !== null))
    throw new BadRequestError('already_linked', 'that placeholder is already linked to a person')
  const profile = (await matchingProfiles(db, [personId])).get(personId)
  if (!profile) throw new BadRequestError('person_not_active', 'link a placeholder to an active person')
  return db.transaction().execute(async (tx) => {
    const moved = await reassignInteractions(tx, placeholderId, personId, { optedOut: profile.analyticsOptOut })
    await linkIdentities(tx, placeholderId, personId, viewer.id, nowIso())
    await recordAudit(tx, viewer.id, 'import.placeholder_linked', placeholderId, { personId, moved })
    return { moved, optedOut: profile.analyticsOptOut }
  })
}
