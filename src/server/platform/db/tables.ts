/**
 * Row types of every table, as Kysely sees them. Timestamps are ISO-8601 UTC strings and flags are 0/1
 * integers on both dialects, so rows look the same whichever database is behind them.
 */
export interface PersonTable {
  id: string
  email: string
  name: string
  title: string
  department: string
  manager_id: string | null
  location: string
  start_date: string | null
  bio: string
  photo_type: string | null
  who_am_i: string
  want_to_become: string
  communities_wanted: string
  /** JSON array of strings. */
  aspiration_tags: string
  skills_offered: string
  skills_wanted: string
  analytics_opt_out: number
  role: 'member' | 'admin'
  manager_granted: number
  status: 'active' | 'invited' | 'erased'
  password_hash: string | null
  /** Lower-cased name, email, title, department and location, for directory search. */
  search_text: string
  created_at: string
  updated_at: string
}

export interface SessionTable {
  id: string
  person_id: string
  csrf_token: string
  created_at: string
  expires_at: string
}

export interface TokenTable {
  id: string
  kind: 'invite' | 'reset'
  person_id: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface JobTable {
  id: string
  kind: string
  payload: string
  status: 'queued' | 'running' | 'done' | 'failed'
  attempts: number
  max_attempts: number
  run_at: string
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

export interface RosterImportTable {
  id: string
  created_by: string
  filename: string
  csv: string
  mode: 'preview' | 'apply'
  job_id: string
  report: string | null
  created_at: string
}

export interface ErasureRequestTable {
  id: string
  person_id: string
  reason: string
  status: 'pending' | 'done' | 'rejected'
  requested_at: string
  decided_by: string | null
  decided_at: string | null
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

export interface Tables {
  person: PersonTable
  session: SessionTable
  token: TokenTable
  job: JobTable
  roster_import: RosterImportTable
  erasure_request: ErasureRequestTable
  audit_log: AuditLogTable
  oidc_state: OidcStateTable
}
