// People's tables: accounts, profiles, invitation and reset tokens, roster imports, erasure requests. Row types
// as Kysely sees them: timestamps are ISO-8601 UTC strings and flags 0/1 integers on both dialects.

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
  /** 'placeholder': created by an import, not yet claimed by a real account. */
  status: 'active' | 'invited' | 'erased' | 'placeholder'
  password_hash: string | null
  /** Lower-cased name, email, title, department and location, for directory search. */
  search_text: string
  created_at: string
  updated_at: string
  /** Set on people created by an import (e.g. `stackexchange:<site>:<userId>`), so a re-import finds them. */
  claim_key?: string | null
  /** The latest sign-in (password, invitation, reset, single sign-on), written once per sign-in. */
  last_login_at?: string | null
  /** When the latest invitation was issued. */
  invited_at?: string | null
}

/** One recipient of a bulk invitation: claimed ('sending') and committed before the mail goes out. */
export interface InvitationSendTable {
  batch_id: string
  person_id: string
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped'
  position: number
  error: string | null
  created_by: string
  created_at: string
  updated_at: string
}

export interface TokenTable {
  id: string
  kind: 'invite' | 'reset'
  person_id: string
  created_at: string
  expires_at: string
  used_at: string | null
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

// The domain's tables join the one Tables interface Kysely needs (declaration merging), so platform names
// no domain.
declare module '../platform/db/tables.js' {
  interface Tables {
    person: PersonTable
    token: TokenTable
    invitation_send: InvitationSendTable
    roster_import: RosterImportTable
    erasure_request: ErasureRequestTable
  }
}
