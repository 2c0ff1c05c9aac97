import type { MediaItem, Post, PostFields, PostSummary } from '../../shared/knowledge.js'
import { parseTags } from '../../shared/tags.js'
import { getCommunityRefs, type CommunityRef } from '../communities/lookup.js'
import { getPersonSummaries } from '../people/lookup.js'
import type { Db } from '../platform/db/dialect.js'
import type { Tables } from '../platform/db/tables.js'
import { EXCERPT_LENGTH, EXCERPT_SOURCE_LENGTH, plainExcerpt, RENDER_VERSION, renderMarkdown } from './markdown.js'
import { countReactions, findMediaForPosts, type PostRow, type SummaryRow } from './store.js'
import type { ReactionCounts } from './thread-store.js'

export function parseJson<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

export function toMediaItem(m: Tables['media']): MediaItem {
  return {
    id: m.id,
    kind: m.kind,
    mime: m.mime,
    size: Number(m.size),
    filename: m.filename,
    url: `/api/media/${m.id}`,
    captionsUrl: m.captions ? `/api/media/${m.id}/captions.vtt` : null,
    transcript: m.transcript,
  }
}

/** Whom posts are rendered for: a viewer, or (id null) a reader with no part in them and no rights. */
export type Reader = { id: string | null; isAdmin: boolean }

/**
 * What a post's viewer may do with it: edit (its author, a steward of its community, an admin) and, on a
 * question, accept an answer (its author or a steward). The one rule for rendered posts and for a cached
 * thread made personal (thread-cache.ts).
 */
export function postRights(
  reader: Reader,
  post: { authorId: string | null; kind: Post['kind']; deleted: boolean },
  steward: boolean,
): Pick<Post, 'mine' | 'canEdit' | 'canAccept'> {
  const isAuthor = post.authorId !== null && post.authorId === reader.id
  return {
    // Only the viewer learns that a post is theirs (an anonymous lesson stays anonymous to everyone else).
    mine: isAuthor,
    canEdit: !post.deleted && (isAuthor || steward || reader.isAdmin),
    canAccept: !post.deleted && post.kind === 'question' && (isAuthor || steward),
  }
}

export interface PostPermissions {
  /** Communities where the viewer is a steward: they may edit, delete and accept there. */
  stewardOf: Set<string>
}

/**
 * Turns post rows into what the API returns: authors (hidden when anonymous), rendered and sanitised
 * Markdown, reaction counts, media, and what the viewer may do. Loads everything in a few batched queries;
 * `communities` may hold refs the caller already has (then they are not loaded again). `justWritten` says
 * the rows were created by this request: nobody can have reacted to them yet, and they have media only if
 * some were attached.
 */
export async function toPosts(
  db: Db,
  viewer: Reader,
  rows: PostRow[],
  perms: PostPermissions,
  roots = new Map<number, PostRow>(),
  known: {
    communities?: ReadonlyMap<string, CommunityRef>
    justWritten?: { withMedia: boolean }
    /** Counts and media already loaded for these rows (a thread's, thread-store.ts). */
    loaded?: { reactions: ReactionCounts; media: Tables['media'][] }
  } = {},
): Promise<Post[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const communityIds = rows.map((r) => r.community_id)
  const [people, communities, reactions, media] = await Promise.all([
    getPersonSummaries(
      db,
      rows.filter((r) => r.anonymous === 0).map((r) => r.author_id),
    ),
    getCommunityRefs(db, communityIds, known.communities),
    known.loaded?.reactions ??
      (known.justWritten ? new Map<number, { thanks: number; learned: number; adoptions: number }>() : countReactions(db, ids)),
    known.loaded?.media ?? (known.justWritten && !known.justWritten.withMedia ? [] : findMediaForPosts(db, ids)),
  ])
  return rows.map((r) =>
    toPost(viewer, r, perms, { people, communities, reactions, media, root: r.root_id ? roots.get(r.root_id) : undefined }),
  )
}

/** Rendered kind-specific fields (practice steps, lesson learnings): each non-empty one as HTML. */
export function renderFields(fields: PostFields): Record<string, string> {
  const html: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string' && v) html[k] = renderMarkdown(v)
  return html
}

/** The columns that store a post's rendering, written with the body and fields they render. */
export function renderedColumns(body: string, fields: PostFields): { html: string; fields_html: string; render_version: number } {
  return { html: renderMarkdown(body), fields_html: JSON.stringify(renderFields(fields)), render_version: RENDER_VERSION }
}

/**
 * A post's HTML and fields' HTML: as stored when the post was written by the current renderer, rendered
 * now otherwise (rows written before renderings were stored, imports, or an older renderer version).
 */
function renderingOf(r: PostRow, fields: PostFields): { html: string; fieldsHtml: Record<string, string> } {
  if (r.render_version === RENDER_VERSION && typeof r.html === 'string' && typeof r.fields_html === 'string') {
    return { html: r.html, fieldsHtml: parseJson<Record<string, string>>(r.fields_html, {}) }
  }
  return { html: renderMarkdown(r.body), fieldsHtml: renderFields(fields) }
}

interface Loaded {
  people: Map<string, Post['author'] & object>
  communities: ReadonlyMap<string, CommunityRef>
  reactions: Awaited<ReturnType<typeof countReactions>>
  media: Tables['media'][]
  root: PostRow | undefined
}

function toPost(viewer: Reader, r: PostRow, perms: PostPermissions, loaded: Loaded): Post {
  const community = loaded.communities.get(r.community_id)
  const fields = parseJson<PostFields>(r.fields, {})
  const deleted = r.status === 'deleted'
  const { html, fieldsHtml } = deleted ? { html: '', fieldsHtml: {} } : renderingOf(r, fields)
  const steward = perms.stewardOf.has(r.community_id)
  const reactions = loaded.reactions.get(r.id) ?? { thanks: 0, learned: 0, adoptions: 0 }
  return {
    id: r.id,
    community: { slug: community?.slug ?? '', name: community?.name ?? '' },
    kind: r.kind,
    parentId: r.parent_id,
    rootId: r.root_id,
    title: deleted ? '' : r.title,
    body: deleted ? '' : r.body,
    html: deleted ? '<p><em>This post was deleted.</em></p>' : html,
    fields: deleted ? {} : fields,
    fieldsHtml: deleted ? {} : fieldsHtml,
    tags: parseTags(r.tags),
    author: r.anonymous === 1 || !r.author_id ? null : (loaded.people.get(r.author_id) ?? null),
    anonymous: r.anonymous === 1,
    acceptedAnswerId: r.accepted_answer_id,
    answerCount: r.answer_count,
    commentCount: r.comment_count,
    thanksCount: reactions.thanks,
    learnedCount: reactions.learned,
    adoptionCount: reactions.adoptions,
    score: r.score,
    media: loaded.media.filter((m) => Number(m.post_id) === r.id).map(toMediaItem),
    series: r.series_id ? { id: r.series_id, order: r.series_order ?? 0 } : null,
    source: r.source,
    sourceUrl: r.source_url,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    editedAt: r.edited_at,
    lastActivityAt: r.last_activity_at,
    deleted,
    ...postRights(viewer, { authorId: r.author_id, kind: r.kind, deleted }, steward),
  }
}

/**
 * Summary rows as lists return them: authors (hidden when anonymous or erased, as in toPosts), reaction
 * counts and a plain-text excerpt. Two batched lookups besides reactions; `communities` may hold refs the
 * caller already has. The rows are active posts only (the list queries ask for no others).
 */
export async function toSummaries(db: Db, rows: SummaryRow[], communities?: ReadonlyMap<string, CommunityRef>): Promise<PostSummary[]> {
  if (rows.length === 0) return []
  const communityIds = rows.map((r) => r.community_id)
  const [people, refs, reactions] = await Promise.all([
    getPersonSummaries(
      db,
      rows.filter((r) => r.anonymous === 0).map((r) => r.author_id),
    ),
    getCommunityRefs(db, communityIds, communities),
    countReactions(
      db,
      rows.map((r) => r.id),
    ),
  ])
  return rows.map((r) => {
    const community = refs.get(r.community_id)
    const counts = reactions.get(r.id) ?? { thanks: 0, learned: 0, adoptions: 0 }
    return {
      id: r.id,
      community: { slug: community?.slug ?? '', name: community?.name ?? '' },
      kind: r.kind,
      title: r.title,
      excerpt: plainExcerpt(r.body_head, EXCERPT_LENGTH, r.body_head.length >= EXCERPT_SOURCE_LENGTH),
      tags: parseTags(r.tags),
      author: r.anonymous === 1 || !r.author_id ? null : (people.get(r.author_id) ?? null),
      anonymous: r.anonymous === 1,
      acceptedAnswerId: r.accepted_answer_id,
      answerCount: r.answer_count,
      commentCount: r.comment_count,
      thanksCount: counts.thanks,
      learnedCount: counts.learned,
      adoptionCount: counts.adoptions,
      score: r.score,
      createdAt: r.created_at,
      lastActivityAt: r.last_activity_at,
    }
  })
}
