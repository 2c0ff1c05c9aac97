import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { Notification, NotificationList } from '../../../shared/notifications'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { EmptyNext } from '../../components/EmptyNext'
import { Avatar } from '../../components/Avatar'
import { Page } from '../../components/Page'
import { api, queryString } from '../../lib/api'
import { formatDate } from '../../lib/knowledge'
import { NotificationPreferencesForm } from './NotificationPreferences'
import './notifications.css'

/** Links come from the server as app paths; anything else is not followed. */
const safeLink = (link: string) => (link.startsWith('/') && !link.startsWith('//') ? link : '/notifications')

function Item({ item, onRead }: { item: Notification; onRead: (id: string) => void }) {
  return (
    <li className={item.read ? 'notification' : 'notification notification-unread'}>
      {item.actor ? <Avatar person={item.actor} size="small" /> : <span className="avatar-placeholder" aria-hidden="true" />}
      <div className="notification-text">
        <Link to={safeLink(item.link)} onClick={() => !item.read && onRead(item.id)}>
          {item.text}
          {item.title && <>: “{item.title}”</>}
        </Link>
        {item.excerpt && <p className="notification-excerpt">{item.excerpt}</p>}
        <p className="muted notification-meta">
          {!item.read && <span className="visually-hidden">Unread. </span>}
          {item.community && <>{item.community.name} · </>}
          {formatDate(item.createdAt)}
        </p>
      </div>
      {!item.read && (
        <button type="button" className="button button-small" onClick={() => onRead(item.id)} aria-label={`Mark read: ${item.text}`}>
          Mark read
        </button>
      )}
    </li>
  )
}

function NotificationFeed() {
  const client = useQueryClient()
  const [unreadOnly, setUnreadOnly] = useState(false)
  const [status, setStatus] = useState('')
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'list', unreadOnly],
    queryFn: ({ pageParam, signal }) =>
      api<NotificationList>(`/api/notifications${queryString({ limit: 20, cursor: pageParam, unread: unreadOnly ? 'true' : undefined })}`, {
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const refresh = () => client.invalidateQueries({ queryKey: ['notifications'] })
  const read = useMutation({
    mutationFn: (id: string) => api(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSettled: refresh,
  })
  const readAll = useMutation({
    mutationFn: () => api<{ marked: number }>('/api/notifications/read-all', { method: 'POST' }),
    onSuccess: (r) => setStatus(r.marked ? `Marked ${r.marked} as read.` : 'Nothing was unread.'),
    onSettled: refresh,
  })
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  const unread = list.data?.pages[0]?.unreadCount ?? 0
  return (
    <section aria-labelledby="list-heading" className="stack">
      <div className="list-toolbar">
        <h2 id="list-heading">{unread > 0 ? `${unread} unread` : 'All caught up'}</h2>
        <div className="checkbox">
          <input id="unread-only" type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          <label htmlFor="unread-only">Unread only</label>
        </div>
        <button type="button" className="button" disabled={readAll.isPending || unread === 0} onClick={() => readAll.mutate()}>
          Mark all read
        </button>
      </div>
      <StatusMessage>{status}</StatusMessage>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error ?? read.error ?? readAll.error} />
      {list.data &&
        (items.length === 0 ? (
          <EmptyNext>
            {unreadOnly ? 'Nothing unread. ' : 'No notifications yet. Replies, thanks and news from communities you follow appear here. '}
            <Link to="/communities">Join or follow a community</Link>, or <Link to="/ask">ask a question</Link>, to hear back.
          </EmptyNext>
        ) : (
          <ul className="notification-list" aria-label="Notifications">
            {items.map((n) => (
              <Item key={n.id} item={n} onRead={(id) => read.mutate(id)} />
            ))}
          </ul>
        ))}
      {list.hasNextPage && (
        <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Show older
        </button>
      )}
    </section>
  )
}

/** The notification centre: what concerns me, newest first, and what I am mailed. */
export function NotificationsPage() {
  return (
    <Page
      title="Notifications"
      lead={<p className="lead">Replies, answers, mentions, thanks, join requests and new posts in communities you follow.</p>}
    >
      <div className="profile-layout">
        <NotificationFeed />
        <NotificationPreferencesForm />
      </div>
    </Page>
  )
}
