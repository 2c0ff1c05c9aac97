import { getCommunityRefs, stewardIds } from '../communities/lookup.js'
import type { EventBus } from '../platform/events.js'
import '../communities/events.js'
import '../knowledge/events.js'
import { findPostsByIds } from '../knowledge/lookup.js'
import { clockIso } from '../platform/clock.js'
import { queueFanout } from './fanout.js'
import { markJoinRequestsDone } from './store.js'
import { excerptOf } from './views.js'
import type { NotifyInput, Notifier } from './service.js'

/** What the fan-out job needs to announce a new post to its community's followers. */
export interface FanoutPayload {
  postId: number
  communityId: string
  authorId: string
  anonymous: boolean
  title: string
  link: string
  /** People already notified about this post (mentioned), who need no second notification. */
  exclude: string[]
}

/** What every notification about one post carries, whoever it goes to. */
type About = Pick<NotifyInput, 'actorId' | 'communityId' | 'title' | 'body' | 'link'> & { postId: number }

/** A mention notification for each of `mentioned`, keyed by (post, person) so a retry notifies nobody twice. */
const mentions = (mentioned: string[], about: About): NotifyInput[] =>
  mentioned.map((personId) => ({ ...about, personId, kind: 'mention', key: `mention:${about.postId}:${personId}` }))

const postLink = (id: number, rootId: number | null) => (rootId ? `/posts/${rootId}#post-${id}` : `/posts/${id}`)

/**
 * Notifications hear of the other domains' changes through the event bus. Most are after-commit subscribers:
 * a failure to notify must not turn a committed change into an error (the bus logs it). The fan-out of a new
 * post is queued inside the post's own transaction: a post that commits always gets its fan-out, even when
 * the process dies right after.
 */
export function subscribeToKnowledge(bus: EventBus, notifier: Notifier): void {
  bus.onWrite('knowledge.post_created', async (tx, e) => {
    const payload: FanoutPayload = {
      postId: e.postId,
      communityId: e.communityId,
      authorId: e.authorId,
      anonymous: e.anonymous,
      title: e.title,
      link: postLink(e.postId, null),
      exclude: e.mentioned,
    }
    // Followers can be many: a job keeps post creation fast, and its batches are safe to retry.
    await queueFanout(tx, notifier.jobs, payload)
  })

  bus.afterCommit('knowledge.post_created', async (e) => {
    const link = postLink(e.postId, null)
    // Anonymous lessons name nobody: no actor, and the knowledge domain records no mentions for them.
    const actorId = e.anonymous ? null : e.authorId
    await notifier.notify(
      mentions(e.mentioned, { actorId, communityId: e.communityId, postId: e.postId, title: e.title, body: excerptOf(e.body), link }),
    )
  })

  bus.afterCommit('knowledge.reply_created', async (e) => {
    const link = postLink(e.postId, e.rootId)
    const body = excerptOf(e.body)
    const title = e.parentTitle || (await titleOf(e.parentId))
    const about: About = { actorId: e.actorId, communityId: e.communityId, postId: e.postId, title, body, link }
    const inputs = mentions(e.mentioned, about)
    if (e.parentAuthorId) {
      const kind = e.kind === 'answer' ? 'answer' : 'reply'
      inputs.unshift({ ...about, personId: e.parentAuthorId, kind, key: `${kind}:${e.postId}:${e.parentAuthorId}` })
    }
    await notifier.notify(inputs)
  })

  bus.afterCommit('knowledge.answer_accepted', async (e) => {
    const title = await titleOf(e.questionId)
    await notifier.notify([
      {
        personId: e.answerAuthorId,
        kind: 'accepted',
        actorId: e.actorId,
        communityId: e.communityId,
        postId: e.questionId,
        title,
        body: '',
        link: `/posts/${e.questionId}`,
      },
    ])
  })

  bus.afterCommit('knowledge.thanked', async (e) => {
    const title = e.postId !== null ? await titleOf(e.postId) : ''
    const link = e.postId !== null ? `/posts/${e.postId}` : `/people/${e.receiverId}/learned-from`
    await notifier.notify([
      {
        personId: e.receiverId,
        kind: e.kind,
        actorId: e.giverId,
        communityId: e.communityId,
        postId: e.postId,
        title,
        body: e.note.slice(0, 500),
        link,
      },
    ])
  })

  /** The title of a post, or of the question an answer or comment belongs to. */
  async function titleOf(postId: number): Promise<string> {
    const [post] = await findPostsByIds(notifier.db, [postId])
    if (!post) return ''
    if (post.title || post.root_id === null) return post.title
    const [root] = await findPostsByIds(notifier.db, [post.root_id])
    return root?.title ?? ''
  }
}

/** Hooks for the communities domain: join requests go to the stewards, decisions to the person who asked. */
export function subscribeToCommunities(bus: EventBus, notifier: Notifier): void {
  bus.afterCommit('communities.join_requested', async ({ communityId, personId }) => {
    const c = (await getCommunityRefs(notifier.db, [communityId])).get(communityId)
    if (!c) return
    const stewards = await stewardIds(notifier.db, communityId)
    await notifier.notify(
      stewards.map((s) => ({
        personId: s,
        kind: 'join_request',
        actorId: personId,
        communityId,
        postId: null,
        title: '',
        body: '',
        link: `/communities/${c.slug}/requests`,
      })),
    )
  })

  bus.afterCommit('communities.join_decided', async ({ communityId, personId, approved }) => {
    // The request is done: no steward needs to act on it any more.
    await markJoinRequestsDone(notifier.db, communityId, personId, clockIso(notifier.clock))
    const c = (await getCommunityRefs(notifier.db, [communityId])).get(communityId)
    if (!c) return
    // The decider stays unnamed: the decision is the community's, and a steward of a closed community is
    // not shown to someone who was turned away.
    await notifier.notify([
      {
        personId,
        kind: 'join_decided',
        actorId: null,
        communityId,
        postId: null,
        title: '',
        body: approved ? 'approved' : 'rejected',
        link: `/communities/${c.slug}`,
      },
    ])
  })
}
