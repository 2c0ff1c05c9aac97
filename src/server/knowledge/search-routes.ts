import { ErrorBody } from '../../shared/schemas.js'
import { SearchQuery, SearchResults, SuggestionList, SuggestQuery } from '../../shared/search.js'
import { requireViewer } from '../platform/auth/access.js'
import { clockIso } from '../platform/clock.js'
import type { App } from '../platform/fastify-types.js'
import { searchWithCorrection } from './search-judged.js'
import { suggestPosts } from './search.js'

/** Full-text search over everything the viewer may read, and as-you-type title suggestions. */
export function searchRoutes(app: App): void {
  const tags = ['search']
  const config = { access: 'member' as const }

  app.get(
    '/api/search',
    {
      config,
      schema: {
        tags,
        summary: 'Search posts and answers, best match first, with highlighted snippets; and the learning catalogue',
        querystring: SearchQuery,
        response: { 200: SearchResults, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => searchWithCorrection(app.db, app.dialect, requireViewer(req), req.query, clockIso(app.clock)),
  )

  app.get(
    '/api/search/suggest',
    {
      config,
      schema: {
        tags,
        summary: 'Titles matching what is typed so far',
        querystring: SuggestQuery,
        response: { 200: SuggestionList, 400: ErrorBody },
      },
    },
    async (req) => suggestPosts(app.db, app.dialect, requireViewer(req), req.query.q),
  )
}
