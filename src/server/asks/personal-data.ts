import { readableCommunityIds } from '../communities/lookup.js'
import type { PersonalDataPart } from '../platform/personal-data.js'

/**
 * Availability for routed questions, hidden topics, the questions offered to the person (those in communities
 * they can still read: an export holds only what its owner may see), and what they asked.
 */
export const asksPersonalData: PersonalDataPart = {
  name: 'asks',
  async export(db, personId) {
    const readable = await readableCommunityIds(db, personId)
    const [availability, hiddenTopics, offers, resolutions] = await Promise.all([
      db
        .selectFrom('availability')
        .select(['max_per_week', 'away_from', 'away_until', 'opted_out', 'updated_at'])
        .where('person_id', '=', personId)
        .executeTakeFirst(),
      db.selectFrom('hidden_topic').select(['tag', 'created_at']).where('person_id', '=', personId).execute(),
      readable.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('route_offer as o')
            .innerJoin('question_route as r', 'r.question_id', 'o.question_id')
            .select(['o.question_id', 'o.status', 'o.reason', 'o.offered_at', 'o.responded_at', 'o.snoozed_until'])
            .where('o.person_id', '=', personId)
            .where('r.community_id', 'in', readable)
            .orderBy('o.offered_at')
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
