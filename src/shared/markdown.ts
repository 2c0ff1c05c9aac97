import { Type, type Static } from '@sinclair/typebox'

/** Markdown to preview while writing; the same limit as a post body. */
export const MarkdownPreviewBody = Type.Object({ markdown: Type.String({ maxLength: 100_000 }) }, { additionalProperties: false })
export type MarkdownPreviewBody = Static<typeof MarkdownPreviewBody>

/** The Markdown rendered and sanitised exactly as a saved post would be: safe to insert as HTML. */
export const MarkdownPreview = Type.Object({ html: Type.String() })
export type MarkdownPreview = Static<typeof MarkdownPreview>
