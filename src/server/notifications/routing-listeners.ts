import type { RoutingEvents } from '../asks/service.js'
import type { Notifier } from './service.js'

/**
 * Hooks for routing: a question offered to someone lands in their notifications (and "For you"); a newcomer's
 * question nobody could answer goes to the community's stewards. Failures are logged, never thrown: routing
 * must not fail because a notification could not be written.
 */
export function routingListeners(notifier: Notifier): RoutingEvents {
  const safe = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn()
    } catch (err) {
      notifier.log.error({ err, what }, 'could not create notifications')
    }
  }
  return {
    onOffered: (offers) =>
      safe('question routed', () =>
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
      ),
    onEscalated: (e) =>
      safe('question escalated', () =>
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
      ),
  }
}
