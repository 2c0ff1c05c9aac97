import { sql, type RawBuilder } from 'kysely'
import type { Db, DialectAdapter, FullTextIndex, SearchPage } from '../platform/db/dialect.js'
import type { GroupHooks } from '../platform/db/group-commit.js'
import type { PostKind } from '../../shared/knowledge.js'
import type { PostRow } from './store.js'

// The full-text index of posts, as migrations 0007, 0010 and 0012 built it, and the queries over it. The
// dialect adapter's search primitives (platform/db/dialect-search.ts) do the dialect-specific work; what is
// a post, a thread and a tag is knowledge's business, here.

/** Everything search finds: top-level posts and answers. Comments are conversation, not knowledge. */
export const SEARCHABLE: readonly PostKind[] = ['question', 'answer', 'story', 'practice', 'lesson']

/**
 * Posts as documents. SQLite: the FTS5 table post_search over the view post_search_src (active posts of the
 * searchable kinds), with scope tokens c<hex community id>0, k<kind>0 and a<hex author id>0 (never for an
 * anonymous post). PostgreSQL: post.search, weighted A (title), B (tags), C (body).
 */
export const POST_INDEX: FullTextIndex = {
  table: 'post',
  columns: [
    { name: 'title', weight: 10, label: 'A' },
    { name: 'tags', weight: 4, label: 'B' },
    { name: 'body', weight: 0, label: 'C' },
  ],
  snippetColumn: 'body',
  scopes: {
    kind: { token: 'k', hex: false, sql: (kinds) => sql`p.kind in (${sql.join(kinds)})` },
    author: { token: 'a', hex: true, sql: (ids) => sql`p.author_id = ${ids[0]} and p.anonymous = 0` },
    community: { token: 'c', hex: true, column: 'community_id', sql: (ids) => sql`p.community_id = any(${ids}::text[])` },
  },
  sqlite: { fts: 'post_search', scopeColumn: 'scope', source: 'post_search_src' },
  postgres: {
    vector: 'search',
    // Title 1, tags 0.4, body 0.2; {D,C,B,A}.
    weights: '{0.1,0.2,0.4,1.0}',
    documents: sql`p.status = 'active' and p.kind in (${sql.join([...SEARCHABLE])})`,
  },
}

export interface PostSearchOptions {
  /** Words to find, already split from the user's input (see search-terms.ts). */
  terms: string[]
  /** Match posts with any of the terms instead of all of them (the ask flow types whole questions). */
  anyTerm?: boolean
  /** Only posts in these communities: the ones the viewer may read. Empty means nothing. */
  communityIds: string[]
  /** Kinds of the matching post itself (an answer is its own kind). Comments are never searched. */
  kinds: PostKind[]
  /** Every tag must be on the thread's root post. */
  tags?: string[]
  /** Posts by this person, never anonymous ones. */
  authorId?: string
  /** Creation time bounds, ISO: from inclusive, to exclusive. */
  from?: string
  to?: string
  /** Now, ISO, for the recency boost. */
  now: string
  limit: number
  offset: number
  /** Overrides the search window, and forces SQLite's plan for few communities or many (tests). */
  window?: number
  narrow?: boolean
  /** Forces SQLite's window plan (see IndexQuery.enumerate; tests). */
  enumerate?: boolean
  /** Only the total and whether it is capped, no hits (see IndexQuery.countOnly). */
  countOnly?: boolean
}

export interface PostSearchHit {
  /** The matching post. */
  id: number
  /** Its thread's root post (itself for top-level posts). */
  rootId: number
  score: number
  snippet: string
}

export type PostSearchPage = Omit<SearchPage, 'hits'> & { hits: PostSearchHit[] }

/**
 * Filters applied to the window's posts (alias p, with id, root_id and created_at): a deleted question hides
 * its answers; dates; tags of the thread's root.
 */
function windowFilters(o: PostSearchOptions): RawBuilder<unknown> {
  const parts = [sql`(p.root_id is null or exists (select 1 from post r where r.id = p.root_id and r.status = 'active'))`]
  if (o.from) parts.push(sql`p.created_at >= ${o.from}`)
  if (o.to) parts.push(sql`p.created_at < ${o.to}`)
  for (const tag of o.tags ?? [])
    parts.push(sql`exists (select 1 from post_tag t where t.post_id = coalesce(p.root_id, p.id) and t.tag = ${tag})`)
  return sql.join(parts, sql` and `)
}

/**
 * Full-text search over posts, best first, one hit per thread (a question and its answers count once, by their
 * best-scoring post). Nothing outside `communityIds` is ranked, counted or quoted.
 */
export async function searchPostIndex(db: Db, dialect: DialectAdapter, o: PostSearchOptions): Promise<PostSearchPage> {
  const kinds = o.kinds.filter((k) => SEARCHABLE.includes(k))
  const scope: Record<string, readonly string[]> = {}
  // Every searchable kind is what the index holds: no filter needed.
  if (kinds.length < SEARCHABLE.length) scope.kind = kinds
  if (o.authorId) scope.author = [o.authorId]
  scope.community = o.communityIds
  const found = await dialect.searchIndex(db, POST_INDEX, {
    terms: o.terms,
    anyTerm: o.anyTerm,
    scope,
    carry: ['root_id', 'created_at'],
    filter: windowFilters(o),
    group: sql`coalesce(p.root_id, p.id)`,
    createdColumn: 'created_at',
    now: o.now,
    limit: o.limit,
    offset: o.offset,
    window: o.window,
    narrow: o.narrow,
    enumerate: o.enumerate,
    countOnly: o.countOnly,
  })
  return { ...found, hits: found.hits.map((h) => ({ id: h.id, rootId: h.group, score: h.score, snippet: h.snippet })) }
}

export interface TitleSuggestion {
  id: number
  title: string
  kind: PostKind
  communityId: string
}

/** Top-level posts in these communities whose title matches every term, the last one as a prefix. */
export async function suggestPostTitles(
  db: Db,
  dialect: DialectAdapter,
  o: { terms: string[]; communityIds: string[]; limit: number },
): Promise<TitleSuggestion[]> {
  const rows = await dialect.suggestFromIndex(db, POST_INDEX, {
    terms: o.terms,
    column: 'title',
    scope: { community: o.communityIds },
    select: ['title', 'kind', 'community_id'],
    limit: o.limit,
  })
  return rows.map((r) => ({ id: Number(r.id), title: r.title as string, kind: r.kind as PostKind, communityId: r.community_id as string }))
}

/**
 * Full-text indexing of a commit group's posts in one statement (SQLite; see migration 0010): while the group's
 * transaction runs, post_search_defer holds a row, so the insert trigger only notes each new post in
 * post_search_pending; before the commit they are indexed together, and both tables are emptied again, so
 * nothing of this is ever committed. FTS5 then writes one index segment per group instead of one per post.
 * app.ts gives these hooks to the database's group commit (platform/db/group-commit.ts).
 */
export function groupedSearchIndexing(dialect: DialectAdapter): GroupHooks {
  return {
    async begin(tx: Db) {
      await sql`insert into post_search_defer (id) values (1)`.execute(tx)
    },
    async beforeCommit(tx: Db) {
      await dialect.indexDocuments(tx, POST_INDEX, sql`select id from post_search_pending`)
      await sql`delete from post_search_pending`.execute(tx)
      await sql`delete from post_search_defer`.execute(tx)
    },
  }
}

/** What a search result shows of a post (see search.ts toSearchPost), and its status. */
export type SearchPostRow = Pick<
  PostRow,
  | 'id'
  | 'community_id'
  | 'kind'
  | 'root_id'
  | 'author_id'
  | 'anonymous'
  | 'title'
  | 'tags'
  | 'accepted_answer_id'
  | 'answer_count'
  | 'score'
  | 'status'
  | 'created_at'
>

/**
 * Posts by id with only the columns a search result shows: a page's 20-40 posts without their bodies and
 * rendered HTML, the largest columns, which would otherwise each become a JS string for nothing.
 */
export async function findSearchPostsByIds(db: Db, ids: number[]): Promise<SearchPostRow[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('post')
    .select(['id', 'community_id', 'kind', 'root_id', 'author_id', 'anonymous', 'title', 'tags', 'accepted_answer_id', 'answer_count'])
    .select(['score', 'status', 'created_at'])
    .where('id', 'in', ids)
    .execute()
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    root_id: r.root_id === null ? null : Number(r.root_id),
    accepted_answer_id: r.accepted_answer_id === null ? null : Number(r.accepted_answer_id),
  }))
}
