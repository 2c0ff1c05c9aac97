import type { PersonSummary } from '../../shared/schemas.js'
import type { SearchQuery, SearchResult, SearchResults, SuggestionList } from '../../shared/search.js'
import { normaliseTag, parseTags } from '../../shared/tags.js'
import { getCommunityRefs, readableCommunityIds } from '../communities/lookup.js'
import { loadReadableCommunity } from '../communities/service.js'
import { getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import { BadRequestError } from '../platform/errors.js'
import { nowIso } from '../platform/time.js'
import { findSearchPostsByIds, SEARCHABLE, searchPostIndex, suggestPostTitles, type SearchPostRow } from './search-store.js'
import { searchTerms, snippetToHtml, suggestTerms } from './search-terms.js'

const SUGGESTIONS = 8

/**
 * The communities a search may look in: those the viewer may read, or the one named, which must be readable
 * (NotFound for a secret community they are not in, Forbidden for a closed one).
 */
async function searchableCommunities(db: Db, viewer: Viewer, slug: string | undefined, known?: readonly string[]): Promise<string[]> {
  const readable = known ? [...known] : await readableCommunityIds(db, viewer.id)
  if (!slug) return readable
  const { row } = await loadReadableCommunity(db, viewer, slug)
  return readable.filter((id) => id === row.id)
}

function dayBounds(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  if (from && to && from > to) throw new BadRequestError('bad_date_range', 'the start date is after the end date')
  const next = to ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined
  return { from: from ? `${from}T00:00:00.000Z` : undefined, to: next }
}

/** A result's post: the thread's root, never naming the author of an anonymous post. */
export function toSearchPost(
  root: SearchPostRow,
  community: { slug: string; name: string },
  people: ReadonlyMap<string, PersonSummary>,
): SearchResult['post'] {
  return {
    id: root.id,
    kind: root.kind,
    title: root.title,
    community: { slug: community.slug, name: community.name },
    author: root.anonymous === 1 || !root.author_id ? null : (people.get(root.author_id) ?? null),
    createdAt: root.created_at,
    tags: parseTags(root.tags),
    answerCount: Number(root.answer_count),
    accepted: root.accepted_answer_id !== null,
    score: Number(root.score),
  }
}

/**
 * Full-text search over what the viewer may read, best first with a recency boost. A hit in an answer leads
 * to its question and quotes the answer. Anonymous posts never match an author filter and show no author.
 */
export async function searchPosts(
  db: Db,
  dialect: DialectAdapter,
  viewer: Viewer,
  query: SearchQuery,
  /**
   * `readable`: the viewer's readable community ids, when the caller has them already. `countOnly`: only
   * `total` and `capped` are wanted (items stay empty), for a caller that compares totals.
   */
  options: { anyTerm?: boolean; readable?: readonly string[]; countOnly?: boolean } = {},
): Promise<SearchResults> {
  const terms = searchTerms(query.q)
  const bounds = dayBounds(query.from, query.to)
  const communityIds = await searchableCommunities(db, viewer, query.community, options.readable)
  if (terms.length === 0 || communityIds.length === 0) return { items: [], total: 0, capped: false }
  const { hits, total, capped } = await searchPostIndex(db, dialect, {
    terms,
    anyTerm: options.anyTerm,
    communityIds,
    kinds: query.kind === 'question' ? ['question', 'answer'] : query.kind ? [query.kind] : [...SEARCHABLE],
    tags: query.tag ? [normaliseTag(query.tag)] : undefined,
    authorId: query.author,
    ...bounds,
    now: nowIso(),
    limit: query.limit ?? 20,
    offset: query.offset ?? 0,
    countOnly: options.countOnly,
  })
  if (options.countOnly) return { items: [], total, capped }
  const rows = new Map((await findSearchPostsByIds(db, [...new Set(hits.flatMap((h) => [h.id, h.rootId]))])).map((r) => [r.id, r]))
  const roots = hits.map((h) => rows.get(h.rootId)).filter((r) => r !== undefined)
  const [communities, people] = await Promise.all([
    getCommunityRefs(
      db,
      roots.map((r) => r.community_id),
    ),
    getPersonSummaries(
      db,
      roots.filter((r) => r.anonymous === 0).map((r) => r.author_id),
    ),
  ])
  const items: SearchResult[] = []
  for (const hit of hits) {
    const root = rows.get(hit.rootId)
    const matched = rows.get(hit.id)
    const community = root && communities.get(root.community_id)
    // A post deleted between the two queries is left out rather than shown half.
    if (!root || !matched || !community || root.status !== 'active' || matched.status !== 'active') continue
    items.push({
      post: toSearchPost(root, community, people),
      match: { id: matched.id, kind: matched.kind },
      snippet: snippetToHtml(hit.snippet),
      score: hit.score,
    })
  }
  return { items, total, capped }
}

/** As-you-type suggestions: titles of readable top-level posts matching the words typed so far. */
export async function suggestPosts(db: Db, dialect: DialectAdapter, viewer: Viewer, q: string): Promise<SuggestionList> {
  const terms = suggestTerms(q)
  if (terms.length === 0) return { items: [] }
  const communityIds = await readableCommunityIds(db, viewer.id)
  // Every searchable kind: only top-level posts have titles, and a kind filter would only cost time.
  const found = await suggestPostTitles(db, dialect, { terms, communityIds, limit: SUGGESTIONS })
  const communities = await getCommunityRefs(
    db,
    found.map((s) => s.communityId),
  )
  return {
    items: found.flatMap((s) => {
      const c = communities.get(s.communityId)
      return c ? [{ id: s.id, title: s.title, kind: s.kind, community: { slug: c.slug, name: c.name } }] : []
    }),
  }
}
