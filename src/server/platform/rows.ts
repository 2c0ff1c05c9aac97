// Platform's own tables: sessions, jobs and schedules, the audit log, single sign-on state, settings, rate
// limits. Row types as Kysely sees them: timestamps are ISO-8601 UTC strings and flags 0/1 integers on both
// dialects.

/** Rate-limit counters shared by the app nodes (platform/rate-limit-store.ts). */
export interface RateLimitTable {
  key: string
  hits: number
  /** Milliseconds since the epoch. */
  window_start: number
}

/** Installation-wide settings shared by every app node (e.g. the secret signing unsubscribe links). */
export interface SettingTable {
  key: string
  value: string
  updated_at: string
}

export interface SessionTable {
  id: string
  person_id: string
  csrf_token: string
  created_at: string
  expires_at: string
}

export interface JobTable {
  id: string
  kind: string
  payload: string
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  attempts: number
  max_attempts: number
  run_at: string
  /** Lower is claimed first (JOB_PRIORITY). */
  priority: number
  /** Unique among queued and running jobs (a partial unique index). */
  dedup_key: string | null
  locked_by: string | null
  locked_until: string | null
  progress: number
  progress_total: number
  progress_label: string
  result: string | null
  error: string | null
  created_by: string | null
  created_at: string
  updated_at: string
}

/** A recurring schedule: fires its job once per due time, whatever the number of nodes. */
export interface ScheduleTable {
  name: string
  kind: string
  payload: string
  priority: number
  every_ms: number
  next_run_at: string
  last_run_at: string | null
  updated_at: string
}

export interface AuditLogTable {
  id: string
  actor_id: string | null
  action: string
  target: string
  detail: string
  at: string
}

export interface OidcStateTable {
  state: string
  code_verifier: string
  nonce: string
  return_to: string
  created_at: string
}

/** Platform's tables by name; platform/db/tables.ts builds the Tables interface on them. */
export interface PlatformTables {
  rate_limit: RateLimitTable
  setting: SettingTable
  session: SessionTable
  job: JobTable
  schedule: ScheduleTable
  audit_log: AuditLogTable
  oidc_state: OidcStateTable
}
