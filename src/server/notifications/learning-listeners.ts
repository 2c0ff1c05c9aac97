import '../learning/events.js'
import type { EventBus } from '../platform/events.js'
import type { Notifier } from './service.js'

/**
 * Hooks for the learning domain: a seat that freed up goes to the first person waiting; a cancellation to
 * everyone; an assignment to the people asked.
 */
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
  bus.afterCommit('learning.assigned', async ({ moduleId, kind, title, personIds, byId, dueAt }) => {
    await notifier.notify(
      personIds.map((personId) => ({
        personId,
        kind: 'assignment' as const,
        actorId: byId,
        communityId: null,
        postId: null,
        title,
        // The due date, shown in the notice ("by 12 Dec"); empty when there is none.
        body: dueAt ?? '',
        link:
          kind === 'lesson'
            ? `/learning/lessons/${moduleId}`
            : kind === 'simulation'
              ? `/learning/simulations/${moduleId}`
              : `/learning/${moduleId}`,
      })),
    )
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
