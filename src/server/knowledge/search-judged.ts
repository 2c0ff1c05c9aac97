import { SORT_CANDIDATES, type SearchQuery, type SearchResults } from '../../shared/search.js'
import type { Viewer } from '../platform/auth/viewer.js'
import type { Db, DialectAdapter } from '../platform/db/dialect.js'
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
async function searchSorted(db: Db, dialect: DialectAdapter, viewer: Viewer, query: SearchQuery): Promise<SearchResults> {
  const sort = query.sort ?? 'relevance'
  if (sort === 'relevance') return searchPosts(db, dialect, viewer, query)
  const found = await searchPosts(db, dialect, viewer, { ...query, limit: SORT_CANDIDATES, offset: 0 })
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
export async function searchWithCorrection(db: Db, dialect: DialectAdapter, viewer: Viewer, query: SearchQuery): Promise<SearchResults> {
  const first = await searchSorted(db, dialect, viewer, query)
  if (first.total >= FEW) return first
  const corrected = await correctTerms(db, searchTerms(query.q))
  if (!corrected) return first
  const q = corrected.join(' ')
  const second = await searchSorted(db, dialect, viewer, { ...query, q })
  if (second.total <= first.total) return first
  return first.total === 0 ? { ...second, correction: { q, applied: true } } : { ...first, correction: { q, applied: false } }
}
