import '../asks/events.js'
import type { EventBus } from '../platform/events.js'
import type { Notifier } from './service.js'
import { deleteNewPostNotifications } from './store.js'

/**
 * Routing's events: a question offered to someone lands in their notifications (and "For you"); a newcomer's
 * question nobody could answer goes to the community's stewards. After commit: routing must not fail because a
 * notification could not be written (the bus logs the failure).
 */
export function subscribeToRouting(bus: EventBus, notifier: Notifier): void {
  bus.afterCommit('asks.question_offered', async ({ offers }) => {
    // One notification per person per question: an offer says more than the community's announcement of the
    // new question, so it replaces one already there (the fan-out skips people already offered it).
    for (const o of offers) await deleteNewPostNotifications(notifier.db, o.questionId, [o.personId])
    await notifier.notify(
      offers.map((o) => ({
        personId: o.personId,
        kind: 'routed' as const,
        actorId: null,
        communityId: o.communityId,
        postId: o.questionId,
        title: o.title,
        body: '',
        link: '/for-you',
        key: `routed:${o.questionId}:${o.personId}`,
      })),
    )
  })
  bus.afterCommit('asks.question_escalated', (e) =>
    notifier.notify(
      e.stewardIds.map((personId) => ({
        personId,
        kind: 'escalated' as const,
        actorId: null,
        communityId: e.communityId,
        postId: e.questionId,
        title: e.title,
        body: '',
        link: `/posts/${e.questionId}`,
        key: `escalated:${e.questionId}:${personId}`,
      })),
    ),
  )
}
