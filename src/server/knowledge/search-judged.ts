import type { CatalogueItem } from '../../shared/catalogue.js'
import { SORT_CANDIDATES, type SearchQuery, type SearchResults } from '../../shared/search.js'
import { readableCommunityIds } from '../communities/lookup.js'
import { searchCatalogue } from '../learning/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
import { nowIso } from '../platform/time.js'
import { searchPosts } from './search.js'
import { searchTerms } from './search-terms.js'
import { correctTerms } from './search-vocabulary.js'

// The search page's search: results in the order asked for, and spelling corrections. The ranking itself is
// search.ts and search-store.ts; this only orders and retries.

/** Below this many matching threads a corrected query is tried, to offer it if it finds more. */
const FEW = 5

/**
 * Search ordered by relevance (the index's own order), by newest, or by votes. Newest and votes order the
 * SORT_CANDIDATES best matches: a thread far down the relevance order is not promoted for being new.
 */
async function searchSorted(
  db: Db,
  dialect: DialectAdapter,
  viewer: Viewer,
  query: SearchQuery,
  readable: readonly string[],
): Promise<SearchResults> {
  const sort = query.sort ?? 'relevance'
  if (sort === 'relevance') return searchPosts(db, dialect, viewer, query, { readable })
  const found = await searchPosts(db, dialect, viewer, { ...query, limit: SORT_CANDIDATES, offset: 0 }, { readable })
  const key = (i: (typeof found.items)[number]) => (sort === 'newest' ? Date.parse(i.post.createdAt) : i.post.score)
  // Array.prototype.sort is stable: equal keys keep their relevance order.
  const ordered = [...found.items].sort((a, b) => key(b) - key(a))
  const offset = query.offset ?? 0
  return { ...found, items: ordered.slice(offset, offset + (query.limit ?? 20)) }
}

/**
 * Searches as the search page does. When nothing matches the words as typed and a spelling correction does,
 * the results are the correction's (`correction.applied`); when few match and the correction finds more, it is
 * offered ("Did you mean").
 */
export async function searchWithCorrection(
  db: Db,
  dialect: DialectAdapter,
  viewer: Viewer,
  query: SearchQuery,
  /** Now (the app's clock), for which sessions are still to come. */
  now = nowIso(),
): Promise<SearchResults> {
  const readable = await readableCommunityIds(db, viewer.id)
  const [posts, catalogue] = await Promise.all([
    correctedPosts(db, dialect, viewer, query, readable),
    catalogueFor(db, dialect, query, query.q, readable, now),
  ])
  // Nothing matched as typed and a correction was applied: the catalogue follows the corrected words too.
  const items =
    catalogue.length === 0 && posts.correction?.applied
      ? await catalogueFor(db, dialect, query, posts.correction.q, readable, now)
      : catalogue
  // Left out when empty, so a search that finds nothing in the catalogue answers as it always did.
  return items.length > 0 ? { ...posts, catalogue: items } : posts
}

async function correctedPosts(
  db: Db,
  dialect: DialectAdapter,
  viewer: Viewer,
  query: SearchQuery,
  readable: readonly string[],
): Promise<SearchResults> {
  const first = await searchSorted(db, dialect, viewer, query, readable)
  if (first.total >= FEW) return first
  const corrected = await correctTerms(db, searchTerms(query.q))
  if (!corrected) return first
  const q = corrected.join(' ')
  // When something matched as typed, those results stay and the correction is only offered: its total is all
  // that is needed, and counting costs a fraction of a search (no scores, snippets or rows).
  if (first.total > 0) {
    const { total } = await searchPosts(db, dialect, viewer, { ...query, q }, { readable, countOnly: true })
    return total > first.total ? { ...first, correction: { q, applied: false } } : first
  }
  const second = await searchSorted(db, dialect, viewer, { ...query, q }, readable)
  return second.total > 0 ? { ...second, correction: { q, applied: true } } : first
}

/** How many catalogue items the first page of a search shows beside the posts. */
const CATALOGUE_HITS = 6

/**
 * The catalogue is searched with the first page of a plain search: the filters (community, kind, tag, author,
 * dates) are post filters, and a later page repeats nothing.
 */
const catalogueShown = (q: SearchQuery) => !q.offset && !q.community && !q.kind && !q.tag && !q.author && !q.from && !q.to

function catalogueFor(
  db: Db,
  dialect: DialectAdapter,
  query: SearchQuery,
  q: string,
  readable: readonly string[],
  now: string,
): Promise<CatalogueItem[]> {
  if (!catalogueShown(query)) return Promise.resolve([])
  return searchCatalogue(db, dialect, { terms: searchTerms(q), readable, now, limit: CATALOGUE_HITS })
}
