import type { Generated } from 'kysely'
import type { PostKind } from '../../shared/knowledge.js'

// Knowledge's tables: posts and their tags, revisions and links, media, thanks and adoptions. Row types as
// Kysely sees them: timestamps are ISO-8601 UTC strings and flags 0/1 integers on both dialects.

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
  /** 'hidden': a steward or admin hid it after a flag (flags.ts); readers see it nowhere. */
  status: 'active' | 'deleted' | 'hidden'
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

/** One person's vote on a question or answer: +1 or -1 (votes.ts). */
export interface PostVoteTable {
  post_id: number
  person_id: string
  value: number
  at: string
}

/** A member's report of a post, open until a steward of its community or an admin decides (flags.ts). */
export interface PostFlagTable {
  id: string
  post_id: number
  community_id: string
  flagger_id: string | null
  reason: 'spam' | 'rude' | 'off_topic' | 'other'
  note: string
  status: 'open' | 'kept' | 'hidden' | 'deleted'
  decided_by: string | null
  decided_at: string | null
  created_at: string
}

/** A word of active posts' titles and tags, for "did you mean" (search-vocabulary.ts). */
export interface SearchTermTable {
  term: string
  first: string
  length: number
  posts: number
}

// The domain's tables join the one Tables interface Kysely needs (declaration merging), so platform names
// no domain.
declare module '../platform/db/tables.js' {
  interface Tables {
    post: PostTable
    post_tag: PostTagTable
    post_revision: PostRevisionTable
    post_link: PostLinkTable
    media: MediaTable
    thanks: ThanksTable
    adoption: AdoptionTable
    post_vote: PostVoteTable
    post_flag: PostFlagTable
    search_term: SearchTermTable
  }
}
