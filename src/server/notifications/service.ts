import crypto from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import {
  DEFAULT_PREFERENCES,
  type Notification,
  type NotificationKind,
  type NotificationList,
  type NotificationPreferences,
  type NotificationQuery,
} from '../../shared/notifications.js'
import { canRead, readableCommunityIds } from '../communities/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { clockIso, systemClock, type Clock } from '../platform/clock.js'
import type { Db } from '../platform/db/dialect.js'
import { BadRequestError, NotFoundError } from '../platform/errors.js'
import type { JobQueue } from '../platform/jobs/worker.js'
import { newId, nowIso } from '../platform/time.js'
import type { LiveHub } from './sse.js'
import { findPref, findPrefs, upsertPref } from './prefs-store.js'
import {
  countUnread,
  deleteNotificationDataOf,
  findNotificationsPage,
  insertNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRow,
  type PrefRow,
} from './store.js'
import { isKind, renderNotifications } from './views.js'

export const EMAIL_JOB = 'notification.email'

/** One notification to create, before the checks. */
export interface NotifyInput {
  personId: string
  kind: NotificationKind
  /** Who did it; null for anonymous lessons. The actor is never notified of their own act. */
  actorId: string | null
  communityId: string | null
  /** The post it is about; set for everything that shows content, which is then checked for readability. */
  postId: number | null
  title: string
  body: string
  link: string
  /** A stable key for this event and person: a retried job then inserts nothing twice. */
  key?: string
}

/** A deterministic notification id from a stable key, so inserting the same event twice does nothing. */
export function idFromKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 32)
}

/** A person's choices, with the defaults for anyone who never chose. */
export function toPreferences(row: PrefRow | undefined): NotificationPreferences {
  if (!row) return { ...DEFAULT_PREFERENCES, emailKinds: [...DEFAULT_PREFERENCES.emailKinds] }
  let kinds: unknown
  try {
    kinds = JSON.parse(row.email_kinds)
  } catch {
    kinds = []
  }
  return {
    emailKinds: Array.isArray(kinds) ? kinds.filter((k): k is NotificationKind => typeof k === 'string' && isKind(k)) : [],
    digest: row.digest,
  }
}

export function toRow(input: NotifyInput, createdAt: string): NotificationRow {
  return {
    id: input.key ? idFromKey(input.key) : newId(),
    person_id: input.personId,
    kind: input.kind,
    title: input.title.slice(0, 300),
    body: input.body.slice(0, 500),
    link: input.link,
    actor_id: input.actorId,
    community_id: input.communityId,
    post_id: input.postId,
    read_at: null,
    emailed_at: null,
    created_at: createdAt,
  }
}

/**
 * Creates notifications and hands them on: to open live streams, and to the mail job for the kinds each
 * person asked to be mailed. Holds no state that other app nodes would need.
 */
export class Notifier {
  constructor(
    readonly db: Db,
    readonly jobs: JobQueue,
    readonly hub: LiveHub,
    readonly log: FastifyBaseLogger,
    /** Stamps notifications: the digest picks them by this time, so a test that moves the clock moves both. */
    readonly clock: Clock = systemClock,
  ) {}

  /**
   * Notifies people about something that happened, never the actor themself, at most once per person per
   * call (the first input for a person wins, so list the most specific kind first). Content is only
   * announced to people who can read its community right now.
   */
  async notify(inputs: NotifyInput[], options: { mail?: boolean } = {}): Promise<void> {
    const chosen = new Map<string, NotifyInput>()
    for (const input of inputs) {
      if (input.personId === input.actorId || chosen.has(input.personId)) continue
      if (input.communityId && input.postId !== null && !(await canRead(this.db, input.personId, input.communityId))) continue
      chosen.set(input.personId, input)
    }
    if (chosen.size === 0) return
    const now = clockIso(this.clock)
    await this.store(
      [...chosen.values()].map((input) => toRow(input, now)),
      options,
    )
  }

  /**
   * Inserts rows already checked (the fan-out job checks in bulk), pushes the new ones live and queues mail
   * (unless `mail: false`: the publishing domain mails them itself, by the same choices). Rows that existed
   * already (a retried job) are neither pushed nor mailed again.
   */
  async store(rows: NotificationRow[], options: { mail?: boolean } = {}): Promise<void> {
    const inserted = await insertNotifications(this.db, rows)
    const fresh = rows.filter((r) => inserted.has(r.id))
    if (fresh.length === 0) return
    await this.hub.deliver(fresh).catch((err: unknown) => this.log.warn({ err }, 'live notification push failed'))
    if (options.mail === false) return
    const prefs = await findPrefs(
      this.db,
      fresh.map((r) => r.person_id),
    )
    const toMail = fresh
      .filter((r) => toPreferences(prefs.get(r.person_id)).emailKinds.includes(r.kind as NotificationKind))
      .map((r) => r.id)
    for (let i = 0; i < toMail.length; i += 200) await this.jobs.enqueue(EMAIL_JOB, { ids: toMail.slice(i, i + 200) })
  }
}

/** Ids of the communities a person can read now: what the list and the digest filter by. */
export function readableFor(db: Db, personId: string): Promise<string[]> {
  return readableCommunityIds(db, personId)
}

/** A page of the viewer's notifications (newest first) and their unread count, limited to what they may read. */
export async function listNotifications(db: Db, viewer: Viewer, query: NotificationQuery): Promise<NotificationList> {
  const limit = query.limit ?? 20
  let before: { at: string; id: string } | undefined
  if (query.cursor) {
    const bar = query.cursor.indexOf('|')
    const at = query.cursor.slice(0, bar)
    const id = query.cursor.slice(bar + 1)
    if (bar <= 0 || !id || Number.isNaN(Date.parse(at))) throw new BadRequestError('bad_cursor', 'that cursor is not valid')
    before = { at, id }
  }
  const readable = await readableFor(db, viewer.id)
  const rows = await findNotificationsPage(db, viewer.id, { unread: query.unread, limit, before, readable })
  const last = rows[rows.length - 1]
  return {
    items: await renderNotifications(db, rows),
    unreadCount: await countUnread(db, viewer.id, readable),
    nextCursor: rows.length === limit && last ? `${last.created_at}|${last.id}` : null,
  }
}

/** The viewer's unread count, as the live stream announces it on connect. */
export async function unreadCountOf(db: Db, personId: string): Promise<number> {
  return countUnread(db, personId, await readableFor(db, personId))
}

/** Marks one of the viewer's notifications read; another person's is a 404, as if it did not exist. */
export async function readNotification(db: Db, viewer: Viewer, id: string): Promise<void> {
  if (!(await markNotificationRead(db, viewer.id, id, nowIso()))) throw new NotFoundError('notification_not_found', `no notification ${id}`)
}

/** Marks all the viewer's notifications read. */
export async function readAllNotifications(db: Db, viewer: Viewer): Promise<number> {
  return markAllNotificationsRead(db, viewer.id, nowIso())
}

export async function getPreferences(db: Db, viewer: Viewer): Promise<NotificationPreferences> {
  return toPreferences(await findPref(db, viewer.id))
}

/** Replaces the viewer's choices. A digest switched on (first time, or after 'none') starts its clock now. */
export async function setPreferences(db: Db, viewer: Viewer, body: NotificationPreferences): Promise<NotificationPreferences> {
  const emailKinds = [...new Set(body.emailKinds)]
  const before = await findPref(db, viewer.id)
  const resetClock = !before || !before.last_digest_at || (before.digest === 'none' && body.digest !== 'none')
  await upsertPref(
    db,
    { person_id: viewer.id, email_kinds: JSON.stringify(emailKinds), digest: body.digest, last_digest_at: nowIso() },
    { resetClock },
  )
  return getPreferences(db, viewer)
}

/**
 * Erasure support for people/privacy.ts: a person's notifications and choices go, and notifications they
 * caused for others stop naming them. Pass the erasure's transaction.
 */
export async function eraseNotificationData(db: Db, personId: string): Promise<void> {
  await deleteNotificationDataOf(db, personId)
}

export type { Notification }
