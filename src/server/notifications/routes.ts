import { Type } from '@sinclair/typebox'
import {
  NotificationList,
  NotificationPreferences,
  NotificationQuery,
  ReadAllResult,
  UnsubscribeQuery,
} from '../../shared/notifications.js'
import { ErrorBody, IdParams, Ok } from '../../shared/schemas.js'
import { requireViewer } from '../platform/auth/access.js'
import type { App } from '../platform/fastify-types.js'
import { unsubscribe, unsubscribePage } from './mail.js'
import type { NotificationsState } from './module.js'
import { getPreferences, listNotifications, readAllNotifications, readNotification, setPreferences, unreadCountOf } from './service.js'

/** Notification routes: list, read, live stream, preferences, unsubscribe. */
export function notificationRoutes(app: App, { hub, mail }: NotificationsState): void {
  const tags = ['notifications']
  const member = { access: 'member' as const }

  app.get(
    '/api/notifications',
    {
      config: member,
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        querystring: NotificationQuery,
        response: { 200: NotificationList, 400: ErrorBody },
      },
    },
    async (req) => listNotifications(app.db, requireViewer(req), req.query),
  )

  app.post(
    '/api/notifications/:id/read',
    { config: member, schema: { tags, summary: 'Mark a notification read', params: IdParams, response: { 200: Ok, 404: ErrorBody } } },
    async (req) => {
      await readNotification(app.db, requireViewer(req), req.params.id)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/notifications/read-all',
    { config: member, schema: { tags, summary: 'Mark all your notifications read', response: { 200: ReadAllResult } } },
    async (req) => ({
      ok: true as const,
      marked: await readAllNotifications(app.db, requireViewer(req)),
    }),
  )

  app.get(
    '/api/notifications/stream',
    {
      config: member,
      schema: {
        tags,
        summary: 'New notifications, live, as server-sent events',
        description:
          'An event stream: `ready` once with the unread count, then `notification` (a Notification as JSON) for each new one. Send Last-Event-ID to resume.',
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 200 })) }),
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'text/event-stream' }) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req)
      await hub.open(req, reply, viewer.id, req.sessionId ?? '', () => unreadCountOf(app.db, viewer.id))
    },
  )

  app.get(
    '/api/notifications/preferences',
    {
      config: member,
      schema: { tags, summary: 'What you are mailed, and how often the digest comes', response: { 200: NotificationPreferences } },
    },
    async (req) => getPreferences(app.db, requireViewer(req)),
  )

  app.put(
    '/api/notifications/preferences',
    {
      config: member,
      schema: {
        tags,
        summary: 'Choose what you are mailed, and the digest',
        body: NotificationPreferences,
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => setPreferences(app.db, requireViewer(req), req.body),
  )

  app.get(
    '/api/notifications/unsubscribe',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Stop notification mail from a signed link in a mail (no login needed)',
        querystring: UnsubscribeQuery,
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'A confirmation page' }), 400: Type.String({ description: 'The link is not valid' }) },
      },
    },
    async (req, reply) => {
      const scope = await unsubscribe(mail, req.query.token)
      return reply
        .status(scope ? 200 : 400)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(unsubscribePage(app.config.baseUrl, scope))
    },
  )
}
