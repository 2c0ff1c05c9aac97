import type { LearnedFromEntry, LearnedFromPage, ThanksBody } from '../../shared/knowledge.js'
import { parseTags } from '../../shared/tags.js'
import { readableCommunityIds, roleIn } from '../communities/lookup.js'
import { applyPromotionRules } from '../communities/service.js'
import { loadCommunity } from '../communities/service.js'
import { recordInteraction } from '../insights/service.js'
import { getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, ConflictError, conflictOnDuplicate, ForbiddenError, NotFoundError } from '../platform/errors.js'
import { newId, nowIso } from '../platform/time.js'
import type { EventBus } from '../platform/events.js'
import './events.js'
import { countParticipation } from './lookup-store.js'
import { loadReadablePost } from './service.js'
import { countAnswers, findPostsByIds, findThanksOf, insertAdoption, insertThanks } from './store.js'

/** Thanks, or "I learned this from you", on a post. Logged as help from the author to the giver. */
export async function thankForPost(db: Db, viewer: Viewer, postId: number, body: ThanksBody, bus: EventBus): Promise<void> {
  await bus.transaction(db, async (tx, events) => {
    const post = await loadReadablePost(tx, viewer, postId)
    if (post.author_id === viewer.id) throw new BadRequestError('thank_yourself', 'you cannot thank yourself')
    const already = await tx
      .selectFrom('thanks')
      .select('id')
      .where('post_id', '=', post.id)
      .where('giver_id', '=', viewer.id)
      .where('kind', '=', body.kind)
      .executeTakeFirst()
    const thankedMessage = body.kind === 'learned' ? 'you already said you learned from this' : 'you already thanked this'
    if (already) throw new ConflictError('already_thanked', thankedMessage)
    // Anonymous authors stay anonymous: the thanks counts on the post but names nobody.
    const receiverId = post.anonymous === 1 ? null : post.author_id
    const at = nowIso()
    // thanks_once_idx holds the rule for the same thanks sent twice at once (both read "not yet").
    await conflictOnDuplicate(
      insertThanks(tx, {
        id: newId(),
        kind: body.kind,
        giver_id: viewer.id,
        receiver_id: receiverId,
        post_id: post.id,
        community_id: post.community_id,
        note: body.note ?? '',
        at,
      }),
      'already_thanked',
      thankedMessage,
    )
    if (receiverId) {
      await recordInteraction(tx, {
        actorId: viewer.id,
        targetId: receiverId,
        kind: body.kind,
        communityId: post.community_id,
        topics: parseTags(post.tags),
        weight: body.kind === 'learned' ? 2 : 1,
        at,
        ref: `post:${post.id}`,
      })
      await applyPromotionRules(tx, post.community_id, receiverId, countParticipation)
      await events.publish('knowledge.thanked', {
        kind: body.kind,
        giverId: viewer.id,
        receiverId,
        postId,
        communityId: post.community_id,
        note: body.note ?? '',
      })
    }
  })
}

/** Thanks, or "I learned this from you", to a person directly, with a note. */
export async function thankPerson(
  db: Db,
  viewer: Viewer,
  personId: string,
  body: { kind: 'thanks' | 'learned'; note: string; communitySlug?: string },
  bus: EventBus,
): Promise<void> {
  if (personId === viewer.id) throw new BadRequestError('thank_yourself', 'you cannot thank yourself')
  const people = await getPersonSummaries(db, [personId])
  if (!people.has(personId)) throw new NotFoundError('person_not_found', `no person ${personId}`)
  const community = body.communitySlug ? (await loadCommunity(db, viewer, body.communitySlug)).row : undefined
  const at = nowIso()
  await bus.transaction(db, async (tx, events) => {
    await insertThanks(tx, {
      id: newId(),
      kind: body.kind,
      giver_id: viewer.id,
      receiver_id: personId,
      post_id: null,
      community_id: community?.id ?? null,
      note: body.note,
      at,
    })
    await recordInteraction(tx, {
      actorId: viewer.id,
      targetId: personId,
      kind: body.kind,
      communityId: community?.id ?? null,
      weight: body.kind === 'learned' ? 2 : 1,
      at,
    })
    await events.publish('knowledge.thanked', {
      kind: body.kind,
      giverId: viewer.id,
      receiverId: personId,
      postId: null,
      communityId: community?.id ?? null,
      note: body.note,
    })
  })
}

/** Records that the viewer, or a community they steward, adopted a practice. */
export async function adoptPractice(
  db: Db,
  viewer: Viewer,
  postId: number,
  note: string,
  communitySlug: string | undefined,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const post = await loadReadablePost(tx, viewer, postId)
    if (post.kind !== 'practice') throw new BadRequestError('not_a_practice', 'only practices can be adopted')
    let communityId: string | null = null
    if (communitySlug) {
      const { row } = await loadCommunity(tx, viewer, communitySlug)
      if ((await roleIn(tx, viewer.id, row.id)) !== 'steward')
        throw new ForbiddenError('stewards_only', 'only a steward can adopt a practice for a community')
      communityId = row.id
    }
    let q = tx.selectFrom('adoption').select('id').where('post_id', '=', post.id)
    q = communityId ? q.where('community_id', '=', communityId) : q.where('person_id', '=', viewer.id).where('community_id', 'is', null)
    if (await q.executeTakeFirst()) throw new ConflictError('already_adopted', 'already adopted')
    const at = nowIso()
    await conflictOnDuplicate(
      insertAdoption(tx, {
        id: newId(),
        post_id: post.id,
        person_id: communityId ? null : viewer.id,
        community_id: communityId,
        note,
        created_by: viewer.id,
        at,
      }),
      'already_adopted',
      'already adopted',
    )
    if (post.author_id && post.anonymous === 0) {
      await recordInteraction(tx, {
        actorId: viewer.id,
        targetId: post.author_id,
        kind: 'adopt',
        communityId: communityId ?? post.community_id,
        topics: parseTags(post.tags),
        weight: 2,
        at,
        ref: `post:${post.id}`,
      })
    }
  })
}

/**
 * A person's learned-from page: what they learned and from whom, and whom they helped. Entries tied to
 * content the viewer may not see are left out.
 */
export async function getLearnedFromPage(db: Db, viewer: Viewer, personId: string): Promise<LearnedFromPage> {
  const people = await getPersonSummaries(db, [personId])
  if (!people.has(personId)) throw new NotFoundError('person_not_found', `no person ${personId}`)
  const readable = new Set(await readableCommunityIds(db, viewer.id))
  const [given, received] = await Promise.all([findThanksOf(db, personId, 'giver_id', 200), findThanksOf(db, personId, 'receiver_id', 200)])
  const visible = (t: { community_id: string | null }) => t.community_id === null || readable.has(t.community_id)
  const posts = await findPostsByIds(
    db,
    [...given, ...received]
      .map((t) => t.post_id)
      .filter((id): id is number => id !== null)
      .map(Number),
  )
  const postMap = new Map(posts.map((p) => [p.id, p]))
  const others = await getPersonSummaries(db, [...given.map((t) => t.receiver_id), ...received.map((t) => t.giver_id)])
  const entry = (t: (typeof given)[number], other: string | null): LearnedFromEntry => {
    const p = t.post_id !== null ? postMap.get(Number(t.post_id)) : undefined
    return {
      kind: t.kind,
      person: other ? (others.get(other) ?? null) : null,
      post:
        p && p.status === 'active' ? { id: p.id, title: p.title || (p.kind === 'answer' ? 'an answer' : 'a comment'), kind: p.kind } : null,
      note: t.note,
      at: t.at,
    }
  }
  const answers = await countAnswers(db, personId)
  return {
    learned: given.filter((t) => t.kind === 'learned' && visible(t)).map((t) => entry(t, t.receiver_id)),
    helped: received.filter(visible).map((t) => entry(t, t.giver_id)),
    counts: {
      thanksReceived: received.filter((t) => t.kind === 'thanks').length,
      learnedFromThem: received.filter((t) => t.kind === 'learned').length,
      answers: answers.answers,
      accepted: answers.accepted,
    },
  }
}
