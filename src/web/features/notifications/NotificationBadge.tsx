import { NavLink } from 'react-router-dom'
import { useNotificationStream, useUnreadCount } from '../../lib/notifications'
import './notifications.css'

/**
 * The header's link to the notification centre, with the unread count kept live by the event stream. New
 * notifications are also announced politely to screen-reader users.
 */
export function NotificationBadge() {
  const latest = useNotificationStream()
  const unread = useUnreadCount()
  const count = unread.data ?? 0
  return (
    <>
      <NavLink to="/notifications" className="notification-link">
        Notifications{count > 0 && ' '}
        {count > 0 && (
          <span className="unread-badge" data-testid="unread-count">
            {count > 99 ? '99+' : count}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </NavLink>
      <span className="visually-hidden" role="status" aria-live="polite">
        {latest ? `New notification: ${latest.text}` : ''}
      </span>
    </>
  )
}
