import { parseTags } from '../../shared/tags.js'
import { readableCommunityIds } from '../communities/lookup.js'
import { parsed, type PersonalDataPart } from '../platform/personal-data.js'

// An export holds only what its owner may see: what others did that concerns them (thanks received, the
// interactions they were the target of) only where its community is readable to them now, as on their
// learned-from page, so a mention in a secret community they are not in names neither the community, the
// mentioner, the time nor the thread's tags. What they did themselves is theirs and stays.

/** What the person wrote, the thanks and "learned from" they gave and received, practices they adopted, media. */
export const knowledgePersonalData: PersonalDataPart = {
  name: 'knowledge',
  async export(db, personId) {
    const readable = await readableCommunityIds(db, personId)
    const [posts, thanksGiven, thanksReceived, adoptions, media] = await Promise.all([
      db
        .selectFrom('post')
        .innerJoin('community', 'community.id', 'post.community_id')
        .select([
          'post.id',
          'post.kind',
          'community.slug as community',
          'post.parent_id',
          'post.anonymous',
          'post.title',
          'post.body',
          'post.fields',
          'post.tags',
          'post.status',
          'post.created_at',
          'post.edited_at',
        ])
        .where('post.author_id', '=', personId)
        .orderBy('post.id')
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
    return {
      posts: posts.map((p) => ({ ...p, fields: parsed(p.fields), tags: parseTags(p.tags) })),
      thanksGiven,
      thanksReceived,
      adoptions,
      media,
    }
  },
  async erase(tx, personId) {
    // Posts stay for the community under "Former member"; the personal notes attached to thanks go.
    await tx.updateTable('thanks').set({ note: '' }).where('giver_id', '=', personId).execute()
    await tx.updateTable('adoption').set({ note: '' }).where('person_id', '=', personId).execute()
  },
}

/** The interaction log rows where the person acted or was the target. */
export const interactionsPersonalData: PersonalDataPart = {
  name: 'interactions',
  async export(db, personId) {
    const readable = await readableCommunityIds(db, personId)
    const rows = await db
      .selectFrom('interaction')
      .select(['actor_id', 'target_id', 'kind', 'community_id', 'topics', 'weight', 'at', 'source'])
      .where((eb) =>
        eb.or([
          eb('actor_id', '=', personId),
          eb.and([
            eb('target_id', '=', personId),
            eb.or([eb('community_id', 'is', null), ...(readable.length ? [eb('community_id', 'in', readable)] : [])]),
          ]),
        ]),
      )
      .orderBy('at')
      .execute()
    return { log: rows.map((r) => ({ ...r, topics: parseTags(r.topics) })) }
  },
  // The log rows stay: the person is anonymised and opted out of analytics, which insights honour.
  async erase() {},
}
