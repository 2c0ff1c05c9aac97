import { MarkdownPreview, MarkdownPreviewBody } from '../../shared/markdown.js'
import { ErrorBody } from '../../shared/schemas.js'
import type { App } from '../platform/fastify-types.js'
import { renderMarkdown } from './markdown.js'

/**
 * The editor's live preview. Rendering on the server with the same renderer as saved posts means the preview
 * is exactly what will be shown, and is sanitised the same way: the browser never renders Markdown itself.
 */
export function markdownPreviewRoutes(app: App): void {
  app.post(
    '/api/markdown/preview',
    {
      config: { access: 'member' },
      schema: {
        tags: ['knowledge'],
        summary: 'Render Markdown as a post would show it (for the editor’s preview)',
        body: MarkdownPreviewBody,
        response: { 200: MarkdownPreview, 400: ErrorBody },
      },
    },
    async (req) => ({ html: renderMarkdown(req.body.markdown) }),
  )
}
