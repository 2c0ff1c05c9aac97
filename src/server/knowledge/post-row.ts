import type { PostFields, PostKind } from '../../shared/knowledge.js'
import { POST_TAG_LIMIT, tagsJson } from '../../shared/tags.js'
import type { NewPost } from './store.js'
import { renderedColumns } from './views.js'

/** What a new post row is made from; everything optional has the value a new, native post starts with. */
export interface PostRowSpec {
  communityId: string
  kind: PostKind
  authorId: string | null
  body: string
  /** When it was written: its created_at, and its updated_at and last activity unless given. */
  at: string
  parentId?: number | null
  rootId?: number | null
  anonymous?: boolean
  title?: string
  fields?: PostFields
  /** Normalised here (src/shared/tags.ts), the first POST_TAG_LIMIT kept. */
  tags?: readonly string[]
  acceptedAnswerId?: number | null
  answerCount?: number
  commentCount?: number
  score?: number
  seriesId?: string | null
  seriesOrder?: number | null
  status?: 'active' | 'deleted'
  /** 'wellspring' for the app's own posts; imports name where they came from. */
  source?: string
  sourceRef?: string | null
  sourceUrl?: string | null
  updatedAt?: string
  lastActivityAt?: string
  /**
   * Store the rendered body and fields with the row, as the app does for what people write. Bulk imports
   * leave it out (the first read renders them), which keeps a large import fast.
   */
  render?: boolean
}

/**
 * A new post's row, exactly as the app stores it. Every writer of posts (the knowledge service, imports, the
 * demo, benchmarks, tests) builds its rows here, so a new column needs a default in one place only.
 */
export function buildPostRow(spec: PostRowSpec): NewPost {
  const fields = spec.fields ?? {}
  return {
    community_id: spec.communityId,
    kind: spec.kind,
    parent_id: spec.parentId ?? null,
    root_id: spec.rootId ?? null,
    author_id: spec.authorId,
    anonymous: spec.anonymous ? 1 : 0,
    title: spec.title ?? '',
    body: spec.body,
    fields: JSON.stringify(fields),
    tags: tagsJson(spec.tags, POST_TAG_LIMIT),
    accepted_answer_id: spec.acceptedAnswerId ?? null,
    answer_count: spec.answerCount ?? 0,
    comment_count: spec.commentCount ?? 0,
    score: spec.score ?? 0,
    series_id: spec.seriesId ?? null,
    series_order: spec.seriesOrder ?? null,
    status: spec.status ?? 'active',
    source: spec.source ?? 'wellspring',
    source_ref: spec.sourceRef ?? null,
    source_url: spec.sourceUrl ?? null,
    created_at: spec.at,
    updated_at: spec.updatedAt ?? spec.at,
    edited_at: null,
    last_activity_at: spec.lastActivityAt ?? spec.at,
    ...(spec.render && renderedColumns(spec.body, fields)),
  }
}
