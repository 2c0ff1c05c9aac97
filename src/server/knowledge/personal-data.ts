import { parseTags } from '../../shared/tags.js'
import { getCommunityRefs, readableCommunityIds } from '../communities/lookup.js'
import { parsed, type PersonalDataPart } from '../platform/personal-data.js'
import { findFlagsBy, unnameFlagger } from './flag-store.js'
import { deleteVotesBy, findVotesBy } from './vote-store.js'

// An export holds only what its owner may see: what others did that concerns them (thanks received; the
// interactions they were the target of are insights' part) only where its community is readable to them now,
// as on their learned-from page, so a mention in a secret community they are not in names neither the community, the
// mentioner, the time nor the thread's tags. What they did themselves is theirs and stays.

/** What the person wrote, the thanks and "learned from" they gave and received, practices they adopted, media. */
export const knowledgePersonalData: PersonalDataPart = {
  name: 'knowledge',
  async export(db, personId) {
    const readable = await readableCommunityIds(db, personId)
    const [posts, thanksGiven, thanksReceived, adoptions, media] = await Promise.all([
      db
        .selectFrom('post')
        .select([
          'id',
          'kind',
          'community_id',
          'parent_id',
          'anonymous',
          'title',
          'body',
          'fields',
          'tags',
          'status',
          'created_at',
          'edited_at',
        ])
        .where('author_id', '=', personId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('thanks')
        .select(['kind', 'receiver_id', 'post_id', 'note', 'at'])
        .where('giver_id', '=', personId)
        .orderBy('at')
        .execute(),
      db
        .selectFrom('thanks')
        .select(['kind', 'giver_id', 'post_id', 'note', 'at'])
        .where('receiver_id', '=', personId)
        .where((eb) => eb.or([eb('community_id', 'is', null), ...(readable.length ? [eb('community_id', 'in', readable)] : [])]))
        .orderBy('at')
        .execute(),
      db.selectFrom('adoption').select(['post_id', 'community_id', 'note', 'at']).where('person_id', '=', personId).orderBy('at').execute(),
      db
        .selectFrom('media')
        .select(['id', 'post_id', 'kind', 'mime', 'size', 'filename', 'created_at'])
        .where('owner_id', '=', personId)
        .execute(),
    ])
    // Each post names its community by slug (the communities domain's to give).
    const communities = await getCommunityRefs(
      db,
      posts.map((p) => p.community_id),
    )
    return {
      posts: posts.flatMap(({ id, kind, community_id, ...p }) => {
        const community = communities.get(community_id)
        return community ? [{ id, kind, community: community.slug, ...p, fields: parsed(p.fields), tags: parseTags(p.tags) }] : []
      }),
      thanksGiven,
      thanksReceived,
      adoptions,
      media,
      votes: await findVotesBy(db, personId),
      flags: (await findFlagsBy(db, personId, 10_000)).map(({ post_id, reason, note, status, created_at, decided_at }) => ({
        post_id,
        reason,
        note,
        status,
        created_at,
        decided_at,
      })),
    }
  },
  async erase(tx, personId) {
    // Posts stay for the community under "Former member"; the personal notes attached to thanks go.
    await tx.updateTable('thanks').set({ note: '' }).where('giver_id', '=', personId).execute()
    await tx.updateTable('adoption').set({ note: '' }).where('person_id', '=', personId).execute()
    // Votes stay in the scores as counts; who cast them, and who flagged what, goes.
    await deleteVotesBy(tx, personId)
    await unnameFlagger(tx, personId)
  },
}
