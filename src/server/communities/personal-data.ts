import { deleteMembershipsOf } from './store.js'
import type { PersonalDataPart } from '../platform/personal-data.js'

/** Memberships, the person's trajectory in each community, and their join requests. */
export const communitiesPersonalData: PersonalDataPart = {
  name: 'communities',
  async export(db, personId) {
    const [memberships, trajectory, joinRequests] = await Promise.all([
      db
        .selectFrom('membership')
        .innerJoin('community', 'community.id', 'membership.community_id')
        .select([
          'community.slug',
          'community.name',
          'membership.role',
          'membership.following',
          'membership.joined_at',
          'membership.role_since',
        ])
        .where('membership.person_id', '=', personId)
        .orderBy('membership.joined_at')
        .execute(),
      db
        .selectFrom('membership_event')
        .innerJoin('community', 'community.id', 'membership_event.community_id')
        .select([
          'community.slug',
          'membership_event.from_role',
          'membership_event.to_role',
          'membership_event.reason',
          'membership_event.at',
        ])
        .where('membership_event.person_id', '=', personId)
        .orderBy('membership_event.at')
        .execute(),
      db
        .selectFrom('join_request')
        .innerJoin('community', 'community.id', 'join_request.community_id')
        .select(['community.slug', 'join_request.message', 'join_request.status', 'join_request.created_at', 'join_request.decided_at'])
        .where('join_request.person_id', '=', personId)
        .orderBy('join_request.created_at')
        .execute(),
    ])
    return { memberships, trajectory, joinRequests }
  },
  async erase(tx, personId) {
    // The trajectory rows stay as anonymous history of the community; membership and requests go.
    await tx.deleteFrom('join_request').where('person_id', '=', personId).execute()
    await deleteMembershipsOf(tx, personId)
  },
}
