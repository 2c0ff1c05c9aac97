import type { PersonalDataPart } from '../platform/personal-data.js'
import { deleteNotificationDataOf } from './store.js'

/** The person's notifications and mail choices. */
export const notificationsPersonalData: PersonalDataPart = {
  name: 'notifications',
  async export(db, personId) {
    const [items, prefs] = await Promise.all([
      db
        .selectFrom('notification')
        .select(['kind', 'title', 'body', 'link', 'read_at', 'emailed_at', 'created_at'])
        .where('person_id', '=', personId)
        .orderBy('created_at')
        .execute(),
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
