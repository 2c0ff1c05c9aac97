import type { NotificationKind } from '../../shared/notifications.js'
import type { Db } from '../platform/db/dialect.js'
import { findPrefs } from './prefs-store.js'
import { toPreferences } from './service.js'

// The reads other domains may call.

/**
 * Which of `personIds` want mail of `kind` (their choices, or the defaults for people who never chose). For
 * domains that mail their own notices (connections' proposals and invites) and must honour the same choices.
 */
export async function wantMail(db: Db, personIds: readonly string[], kind: NotificationKind): Promise<Set<string>> {
  const prefs = await findPrefs(db, [...personIds])
  return new Set(personIds.filter((id) => toPreferences(prefs.get(id)).emailKinds.includes(kind)))
}
