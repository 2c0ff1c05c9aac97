import type { PersonalDataPart } from '../platform/personal-data.js'

/** Availability for routed questions, hidden topics, the questions offered to the person, and what they asked. */
export const asksPersonalData: PersonalDataPart = {
  name: 'asks',
  async export(db, personId) {
    const [availability, hiddenTopics, offers, resolutions] = await Promise.all([
      db
        .selectFrom('availability')
        .select(['max_per_week', 'away_from', 'away_until', 'opted_out', 'updated_at'])
        .where('person_id', '=', personId)
        .executeTakeFirst(),
      db.selectFrom('hidden_topic').select(['tag', 'created_at']).where('person_id', '=', personId).execute(),
      db
        .selectFrom('route_offer')
        .select(['question_id', 'status', 'reason', 'offered_at', 'responded_at', 'snoozed_until'])
        .where('person_id', '=', personId)
        .orderBy('offered_at')
        .execute(),
      db.selectFrom('ask_resolution').select(['query', 'post_id', 'created_at']).where('asker_id', '=', personId).execute(),
    ])
    return { availability: availability ?? null, hiddenTopics, offers, answeredByExistingPosts: resolutions }
  },
  async erase(tx, personId) {
    await tx.deleteFrom('availability').where('person_id', '=', personId).execute()
    await tx.deleteFrom('hidden_topic').where('person_id', '=', personId).execute()
    // Open offers end, so the router moves on to the next candidates; answered ones stay as anonymous history.
    await tx
      .updateTable('route_offer')
      .set({ status: 'expired' })
      .where('person_id', '=', personId)
      .where('status', 'in', ['offered', 'snoozed'])
      .execute()
    await tx.updateTable('ask_resolution').set({ asker_id: null, query: '' }).where('asker_id', '=', personId).execute()
  },
}
