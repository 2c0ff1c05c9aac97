import '../learning/events.js'
import type { EventBus } from '../platform/events.js'
import type { Notifier } from './service.js'

/** Hooks for the learning domain: a seat that freed up goes to the first person waiting; a cancellation to everyone. */
export function subscribeToLearning(bus: EventBus, notifier: Notifier): void {
  bus.afterCommit('learning.seat_given', async ({ sessionId, personId, title }) => {
    await notifier.notify([
      {
        personId,
        kind: 'session',
        actorId: null,
        communityId: null,
        postId: null,
        title,
        body: 'seat_given',
        link: `/learning/sessions/${sessionId}`,
      },
    ])
  })
  bus.afterCommit('learning.session_cancelled', async ({ sessionId, personIds, title }) => {
    await notifier.notify(
      personIds.map((personId) => ({
        personId,
        kind: 'session' as const,
        actorId: null,
        communityId: null,
        postId: null,
        title,
        body: 'cancelled',
        link: `/learning/sessions/${sessionId}`,
      })),
    )
  })
}
