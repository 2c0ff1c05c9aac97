import type { AskSuggestions } from '../../shared/asks.js'
import type { SearchResult } from '../../shared/search.js'
import { getCommunityRefs, readableCommunityIds } from '../communities/lookup.js'
import { findPostsByIds, searchPosts, searchTerms, snippetToHtml, toSearchPost } from '../knowledge/lookup.js'
import { getPersonSummaries } from '../people/lookup.js'
import type { Viewer } from '../platform/auth/viewer.js'
import { MARK_END, MARK_START, type Db, type DialectAdapter } from '../platform/db/dialect.js'
import type { ExpertiseService } from './expertise-service.js'

/** Posts shown while typing. */
const SHOWN = 10
/** Similar questions asked of the routing model, before those the viewer may not read are left out. */
const SIMILAR_ASKED = 40
/** Reciprocal rank fusion's constant: each list's first places count most. */
const RRF_K = 60

export interface SuggestDeps {
  db: Db
  dialect: DialectAdapter
  expertise: ExpertiseService
}

/**
 * A part of a question's text with the typed words marked, as safe HTML: from a little before the first typed
 * word it contains, or, with `always`, from the start even when it contains none (otherwise undefined).
 */
function markedExcerpt(text: string, terms: ReadonlySet<string>, always = false): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim()
  let first = -1
  const marked = flat.replace(/[\p{L}\p{N}\p{M}]+/gu, (w, at: number) => {
    if (!terms.has(w.toLowerCase())) return w
    if (first < 0) first = at
    return `${MARK_START}${w}${MARK_END}`
  })
  if (first < 0 && !always) return undefined
  // Offsets in `marked` run ahead of `flat` only after the first marker, so `first` is still right here.
  const start = first > 60 ? marked.indexOf(' ', first - 60) + 1 : 0
  return snippetToHtml((start > 0 ? '… ' : '') + marked.slice(start, start + 260))
}

/** The most similar past questions (duplicates/duplicate-index.ts) that the viewer may read, as search results. */
async function similarQuestions(deps: SuggestDeps, viewer: Viewer, text: string, readable: readonly string[]): Promise<SearchResult[]> {
  const similar = deps.expertise.similarQuestionsIfBuilt(text, SIMILAR_ASKED)
  // Until the first build finishes (in the background), suggestions come from full-text search alone.
  if (!similar) return []
  if (similar.length === 0) return []
  const rows = await findPostsByIds(
    deps.db,
    similar.map((s) => Number(s.id)),
  )
  const readableSet = new Set(readable)
  const byId = new Map(rows.map((r) => [r.id, r]))
  const kept = similar
    .map((s) => ({ s, row: byId.get(Number(s.id)) }))
    .filter(({ row }) => row && row.status === 'active' && row.kind === 'question' && readableSet.has(row.community_id))
    .slice(0, SHOWN)
  const [communities, people] = await Promise.all([
    getCommunityRefs(
      deps.db,
      kept.map(({ row }) => row!.community_id),
    ),
    getPersonSummaries(
      deps.db,
      kept.filter(({ row }) => row!.anonymous === 0).map(({ row }) => row!.author_id),
    ),
  ])
  const terms = new Set(searchTerms(text))
  return kept.flatMap(({ s, row }) => {
    const r = row!
    const community = communities.get(r.community_id)
    if (!community) return []
    return [
      {
        post: toSearchPost(r, community, people),
        match: { id: r.id, kind: r.kind },
        snippet: markedExcerpt(r.body, terms) ?? markedExcerpt(r.title, terms) ?? markedExcerpt(r.body, terms, true)!,
        score: s.score,
      },
    ]
  })
}

/**
 * Existing answers and similar questions for what the asker is typing, and where to post it. Questions come
 * from the routing model's BM25 over past questions, which weighs rare words above common ones and so finds
 * likely duplicates far better than full-text search does (eval:duplicates on the Beer dump: recall@10 0.417
 * against 0.083). Practices, stories and lessons come from full-text search; the two lists are merged by
 * reciprocal rank fusion, and questions that only full-text search found fill any places left. Only what the
 * viewer may read is ever returned.
 */
export async function suggestForAsk(deps: SuggestDeps, viewer: Viewer, text: string): Promise<AskSuggestions> {
  const q = text.slice(0, 200)
  // Both sources filter by the same readable communities: looked up once.
  const readable = await readableCommunityIds(deps.db, viewer.id)
  const [similar, found] = await Promise.all([
    similarQuestions(deps, viewer, q, readable),
    searchPosts(deps.db, deps.dialect, viewer, { q, limit: SHOWN, offset: 0 }, { anyTerm: true, readable }),
  ])
  const writeUps = found.items.filter((i) => i.post.kind !== 'question')
  // Where full-text search found the same question, its hit is shown: it may quote an answer to it.
  const fullText = new Map(found.items.map((i) => [i.post.id, i]))
  for (const [k, q] of similar.entries()) similar[k] = { ...(fullText.get(q.post.id) ?? q), score: q.score }
  const fused = new Map<number, { result: SearchResult; score: number }>()
  for (const list of [similar, writeUps]) {
    list.forEach((item, rank) => {
      const seen = fused.get(item.post.id)
      const score = 1 / (RRF_K + rank + 1)
      if (seen) seen.score += score
      else fused.set(item.post.id, { result: item, score })
    })
  }
  const ranked = [...fused.values()]
    .sort((a, b) => b.score - a.score || b.result.post.id - a.result.post.id)
    .map((f) => ({ ...f.result, score: f.score }))
  const rest = found.items.filter((i) => !fused.has(i.post.id)).map((i) => ({ ...i, score: 0 }))
  const results = [...ranked, ...rest].slice(0, SHOWN)
  const votes = new Map<string, { slug: string; name: string; score: number; hits: number }>()
  for (const r of results) {
    const v = votes.get(r.post.community.slug) ?? { ...r.post.community, score: 0, hits: 0 }
    v.score += r.score
    v.hits += 1
    votes.set(r.post.community.slug, v)
  }
  const communities = [...votes.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((c) => ({ slug: c.slug, name: c.name, reason: `${c.hits} similar post${c.hits === 1 ? '' : 's'} there` }))
  return { results, communities }
}
