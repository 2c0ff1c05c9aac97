import '../asks/events.js'
import type { EventBus } from '../platform/events.js'
import type { Notifier } from './service.js'

/**
 * Routing's events: a question offered to someone lands in their notifications (and "For you"); a newcomer's
 * question nobody could answer goes to the community's stewards. After commit: routing must not fail because a
 * notification could not be written (the bus logs the failure).
 */
export function subscribeToRouting(bus: EventBus, notifier: Notifier): void {
  bus.afterCommit('asks.question_offered', ({ offers }) =>
    notifier.notify(
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
    ),
  )
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
