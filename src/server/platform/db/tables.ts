import type { Generated } from 'kysely'

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
  /** 'placeholder': created by an import, not yet claimed by a real account. */
  status: 'active' | 'invited' | 'erased' | 'placeholder'
  password_hash: string | null
  /** Lower-cased name, email, title, department and location, for directory search. */
  search_text: string
  created_at: string
  updated_at: string
  /** Set on people created by an import (e.g. `stackexchange:<site>:<userId>`), so a re-import finds them. */
  claim_key?: string | null
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

/** A new post waiting to be announced to its community's followers (notifications' fan-out). */
export interface NotificationFanoutTable {
  post_id: number
  community_id: string
  payload: string
  created_at: string
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

export type Visibility = 'open' | 'closed' | 'secret'
export type CommunityRole = 'newcomer' | 'member' | 'core' | 'steward'
export type PostKind = 'question' | 'answer' | 'story' | 'practice' | 'lesson' | 'comment'

export interface CommunityTable {
  id: string
  slug: string
  name: string
  purpose: string
  tags: string
  visibility: Visibility
  /** JSON promotion rules, see communities/rules.ts. */
  rules: string
  created_by: string | null
  member_count: number
  post_count: number
  last_activity_at: string
  created_at: string
  updated_at: string
}

export interface MembershipTable {
  community_id: string
  person_id: string
  role: CommunityRole
  following: number
  joined_at: string
  role_since: string
}

export interface MembershipEventTable {
  id: string
  community_id: string
  person_id: string
  from_role: CommunityRole | null
  /** Null when the person left. */
  to_role: CommunityRole | null
  reason: 'join' | 'approved' | 'rule' | 'manual' | 'leave' | 'created' | 'import'
  actor_id: string | null
  at: string
}

export interface JoinRequestTable {
  id: string
  community_id: string
  person_id: string
  message: string
  status: 'pending' | 'approved' | 'rejected'
  created_at: string
  decided_by: string | null
  decided_at: string | null
}

export interface PostTable {
  id: Generated<number>
  community_id: string
  kind: PostKind
  parent_id: number | null
  root_id: number | null
  author_id: string | null
  anonymous: number
  title: string
  body: string
  fields: string
  tags: string
  accepted_answer_id: number | null
  answer_count: number
  comment_count: number
  score: number
  series_id: string | null
  series_order: number | null
  status: 'active' | 'deleted'
  source: string
  source_ref: string | null
  source_url: string | null
  created_at: string
  updated_at: string
  edited_at: string | null
  last_activity_at: string
  /** The body rendered to safe HTML when written (migration 0006); null on older rows and imports. */
  html?: string | null
  /** JSON object: each kind-specific field rendered to safe HTML. */
  fields_html?: string | null
  /** The renderer version (markdown.ts RENDER_VERSION) of html and fields_html; 0 when not rendered. */
  render_version?: number
}

export interface PostTagTable {
  post_id: number
  tag: string
}

export interface PostRevisionTable {
  id: string
  post_id: number
  editor_id: string | null
  title: string
  body: string
  fields: string
  tags: string
  at: string
}

export interface PostLinkTable {
  post_id: number
  target_id: number
  kind: 'duplicate' | 'related'
  created_at: string
}

export interface MediaTable {
  id: string
  post_id: number | null
  owner_id: string | null
  kind: 'image' | 'audio' | 'video'
  mime: string
  size: number
  filename: string
  transcript: string
  captions: string
  created_at: string
}

export interface ThanksTable {
  id: string
  kind: 'thanks' | 'learned'
  giver_id: string | null
  receiver_id: string | null
  post_id: number | null
  community_id: string | null
  note: string
  at: string
}

export interface AdoptionTable {
  id: string
  post_id: number
  person_id: string | null
  community_id: string | null
  note: string
  created_by: string | null
  at: string
}

/** The interaction log (DESIGN.md): every act of helping or learning, the only input of the insights. */
export interface InteractionTable {
  id: string
  actor_id: string
  target_id: string | null
  kind: string
  community_id: string | null
  /** JSON array of topic strings. */
  topics: string
  weight: number
  at: string
  source: string
  ref: string | null
}

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

/** Installation-wide settings shared by every app node (e.g. the secret signing unsubscribe links). */
export interface SettingTable {
  key: string
  value: string
  updated_at: string
}

export interface QaImportTable {
  id: string
  community_id: string
  created_by: string
  job_id: string
  site: string
  upload_key: string
  report: string | null
  created_at: string
}

export interface AvailabilityTable {
  person_id: string
  max_per_week: number
  away_from: string | null
  away_until: string | null
  opted_out: number
  updated_at: string
}

export interface HiddenTopicTable {
  person_id: string
  tag: string
  created_at: string
}

export interface QuestionRouteTable {
  question_id: number
  asker_id: string | null
  community_id: string
  /** routing: offers out; answered; escalated: handed to the stewards; exhausted: nobody left to ask. */
  status: 'routing' | 'answered' | 'escalated' | 'exhausted'
  round: number
  next_check_at: string
  created_at: string
  updated_at: string
}

export interface RouteOfferTable {
  id: string
  question_id: number
  person_id: string
  status: 'offered' | 'answered' | 'declined' | 'snoozed' | 'expired'
  round: number
  rank: number
  score: number
  /** For declines: 'not_my_area' teaches the router; 'busy' does not. */
  reason: string | null
  /** JSON evidence from the ranking: why this person. */
  evidence: string
  offered_at: string
  responded_at: string | null
  snoozed_until: string | null
}

export interface AskResolutionTable {
  id: string
  asker_id: string | null
  query: string
  post_id: number
  created_at: string
}

/** Rate-limit counters shared by the app nodes (platform/rate-limit-store.ts). */
export interface RateLimitTable {
  key: string
  hits: number
  /** Milliseconds since the epoch. */
  window_start: number
}

export interface Tables {
  availability: AvailabilityTable
  hidden_topic: HiddenTopicTable
  question_route: QuestionRouteTable
  route_offer: RouteOfferTable
  ask_resolution: AskResolutionTable
  rate_limit: RateLimitTable
  community: CommunityTable
  membership: MembershipTable
  membership_event: MembershipEventTable
  join_request: JoinRequestTable
  post: PostTable
  post_tag: PostTagTable
  post_revision: PostRevisionTable
  post_link: PostLinkTable
  media: MediaTable
  thanks: ThanksTable
  adoption: AdoptionTable
  interaction: InteractionTable
  notification: NotificationTable
  notification_pref: NotificationPrefTable
  notification_fanout: NotificationFanoutTable
  qa_import: QaImportTable
  setting: SettingTable
  person: PersonTable
  session: SessionTable
  token: TokenTable
  job: JobTable
  schedule: ScheduleTable
  roster_import: RosterImportTable
  erasure_request: ErasureRequestTable
  audit_log: AuditLogTable
  oidc_state: OidcStateTable
}
