import { readableCommunityIds } from '../communities/lookup.js'
import type { PersonalDataPart } from '../platform/personal-data.js'
import { deleteNotificationDataOf, findNotificationsForExport } from './store.js'

/** The person's notifications (those they may still see, as in their list) and mail choices. */
export const notificationsPersonalData: PersonalDataPart = {
  name: 'notifications',
  async export(db, personId) {
    const [items, prefs] = await Promise.all([
      findNotificationsForExport(db, personId, await readableCommunityIds(db, personId)),
      db
        .selectFrom('notification_pref')
        .select(['email_kinds', 'digest', 'last_digest_at'])
        .where('person_id', '=', personId)
        .executeTakeFirst(),
    ])
    return { items, mailChoices: prefs ? { ...prefs, email_kinds: JSON.parse(prefs.email_kinds) as unknown } : null }
  },
  erase: deleteNotificationDataOf,
}
