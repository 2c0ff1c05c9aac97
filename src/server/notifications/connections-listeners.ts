import '../connections/events.js'
import type { EventBus } from '../platform/events.js'
import type { Notifier } from './service.js'

/**
 * Connections' notices land in people's notifications (bell, live stream, digest). Durable: a notice stamped in
 * connections' transaction is never lost, and its key makes a redelivery insert nothing twice. No mail from
 * here: connections mails proposals, invites and check-backs itself (with the reasons, the calendar file and a
 * stable Message-ID), to the people whose choices include the 'connection' kind.
 */
export function subscribeToConnections(bus: EventBus, notifier: Notifier): void {
  bus.durable('connections.notice', 'notifications', async (e) => {
    await notifier.notify(
      e.personIds.map((personId) => ({
        personId,
        kind: 'connection' as const,
        actorId: e.actorId,
        communityId: null,
        postId: null,
        title: e.programme.name,
        body: connectionBody(e.type, e.programme.kind, e.detail),
        link: e.link,
        key: `connection:${e.key}:${personId}`,
      })),
      { mail: false },
    )
  })
}

/** The stored body of a connection notification: what it is about, the programme kind, and the detail. */
export function connectionBody(type: string, kind: string, detail: string): string {
  return `${type}|${kind}|${detail}`
}

const KIND_LABEL: Record<string, string> = {
  mentoring: 'mentoring',
  circles: 'peer coaching circle',
  lunch: 'lunch',
  intro: 'introduction',
}

/** The sentence and excerpt of a connection notification, from its stored body. */
export function connectionSentence(body: string, programmeName: string, actorName: string | null): { text: string; excerpt: string } {
  const [type = '', kind = '', ...rest] = body.split('|')
  const detail = rest.join('|')
  const label = KIND_LABEL[kind] ?? 'connections'
  const who = actorName ?? 'Someone'
  switch (type) {
    case 'proposal':
      return { text: `Your ${label} match in ${programmeName}`, excerpt: detail ? `Why you: ${detail}` : '' }
    case 'rematch':
      return { text: `A new ${label} match in ${programmeName}, after a decline`, excerpt: detail ? `Why you: ${detail}` : '' }
    case 'invite':
      return { text: `${who} scheduled a meeting in ${programmeName}`, excerpt: detail }
    case 'reminder':
      return { text: `Reminder: your ${label} match in ${programmeName} waits for your answer`, excerpt: detail }
    case 'expired':
      return { text: `A ${label} proposal in ${programmeName} expired unanswered`, excerpt: detail }
    case 'checkback':
      return { text: `Did you meet? Tell us about your meeting in ${programmeName}`, excerpt: detail }
    case 'checkback_reminder':
      return { text: `Reminder: did your meeting in ${programmeName} take place?`, excerpt: detail }
    case 'reflection':
      return { text: `${programmeName} has ended: write your reflection`, excerpt: detail }
    case 'round_ready':
      return { text: `A new round of ${programmeName} waits for your approval`, excerpt: detail }
    default:
      return { text: `News from ${programmeName}`, excerpt: detail }
  }
}
