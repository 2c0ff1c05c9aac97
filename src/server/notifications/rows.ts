// Notifications' tables: notifications, mail preferences and the fan-out queue. Row types as Kysely sees them:
// timestamps are ISO-8601 UTC strings and flags 0/1 integers on both dialects.

export interface NotificationTable {
  id: string
  person_id: string
  kind: string
  title: string
  body: string
  link: string
  actor_id: string | null
  community_id: string | null
  post_id: number | null
  read_at: string | null
  emailed_at: string | null
  created_at: string
}

export interface NotificationPrefTable {
  person_id: string
  /** JSON array of notification kinds also sent by mail. */
  email_kinds: string
  digest: 'none' | 'daily' | 'weekly'
  last_digest_at: string | null
}

/** A new post waiting to be announced to its community's followers (notifications' fan-out). */
export interface NotificationFanoutTable {
  post_id: number
  community_id: string
  payload: string
  created_at: string
}

// The domain's tables join the one Tables interface Kysely needs (declaration merging), so platform names
// no domain.
declare module '../platform/db/tables.js' {
  interface Tables {
    notification: NotificationTable
    notification_pref: NotificationPrefTable
    notification_fanout: NotificationFanoutTable
  }
}
