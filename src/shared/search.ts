import { Type, type Static } from '@sinclair/typebox'
import { CatalogueItem } from './catalogue.js'
import { Slug } from './communities.js'
import { PostKind, TopLevelKind } from './knowledge.js'
import { Id, IsoDate, PersonSummary } from './schemas.js'

export const SearchQuery = Type.Object(
  {
    /** Words to find; punctuation and search operators are treated as spaces. */
    q: Type.String({ minLength: 1, maxLength: 200 }),
    /** Only this community (its slug). */
    community: Type.Optional(Slug),
    /** Only posts of this kind; "question" includes hits in its answers. */
    kind: Type.Optional(TopLevelKind),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    /** Only posts written by this person (never their anonymous ones). */
    author: Type.Optional(Id),
    /** Created on or after this day (UTC). */
    from: Type.Optional(IsoDate),
    /** Created on or before this day (UTC). */
    to: Type.Optional(IsoDate),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 0 })),
    /**
     * Best match first (the default), newest first, or most votes first. Newest and votes order the
     * SORT_CANDIDATES best matches.
     */
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('votes')])),
  },
  { additionalProperties: false },
)
/** How many of the best matches "newest" and "votes" put in order. */
export const SORT_CANDIDATES = 100
export type SearchQuery = Static<typeof SearchQuery>

export const CommunityLabel = Type.Object({ slug: Type.String(), name: Type.String() })

/** The post a result leads to: the question for a hit in one of its answers. */
export const SearchPost = Type.Object({
  id: Type.Integer(),
  kind: PostKind,
  title: Type.String(),
  community: CommunityLabel,
  /** Null when the post is anonymous or its author was erased. */
  author: Type.Union([PersonSummary, Type.Null()]),
  createdAt: Type.String(),
  tags: Type.Array(Type.String()),
  /** For a question: its answers, and whether one was accepted. */
  answerCount: Type.Integer(),
  accepted: Type.Boolean(),
  /** Net votes. */
  score: Type.Integer(),
})
export type SearchPost = Static<typeof SearchPost>

export const SearchResult = Type.Object({
  post: SearchPost,
  /** The post that matched: the post itself, or an answer to it. */
  match: Type.Object({ id: Type.Integer(), kind: PostKind }),
  /** An extract of the matching post's text, escaped, with matched words in <mark> elements. */
  snippet: Type.String(),
  /** Relevance with the recency boost; only meaningful to order results of one search. */
  score: Type.Number(),
})
export type SearchResult = Static<typeof SearchResult>

export const SearchResults = Type.Object({
  items: Type.Array(SearchResult),
  /** How many threads match in all, counting only what the viewer may read; a lower bound when capped. */
  total: Type.Integer(),
  /**
   * True when a very common word matched more posts than search ranks: only the most recently added
   * matches were ranked (see SEARCH_WINDOW in the dialect adapter). Adding words narrows the search.
   */
  capped: Type.Boolean(),
  /**
   * A spelling correction from the words of indexed titles and tags. `applied`: nothing matched the words as
   * typed, so these results are for `q`; otherwise `q` is only offered ("Did you mean").
   */
  correction: Type.Optional(Type.Object({ q: Type.String(), applied: Type.Boolean() })),
  /**
   * Learning catalogue items (lessons, SCORM modules, quizzes, sessions) matching the words, upcoming sessions
   * before past ones; on the first page of a search without filters only, and left out when none match.
   */
  catalogue: Type.Optional(Type.Array(CatalogueItem)),
})
export type SearchResults = Static<typeof SearchResults>

export const SuggestQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })
export type SuggestQuery = Static<typeof SuggestQuery>

export const Suggestion = Type.Object({ id: Type.Integer(), title: Type.String(), kind: PostKind, community: CommunityLabel })
export type Suggestion = Static<typeof Suggestion>
export const SuggestionList = Type.Object({ items: Type.Array(Suggestion) })
export type SuggestionList = Static<typeof SuggestionList>
