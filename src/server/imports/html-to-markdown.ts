import TurndownService from 'turndown'

const turndown = new TurndownService({ codeBlockStyle: 'fenced', headingStyle: 'atx', bulletListMarker: '-', emDelimiter: '*' })
turndown.remove(['script', 'style', 'iframe', 'object', 'embed', 'form'])

/** Imported HTML (Stack Exchange bodies) as Markdown, so imported posts render and edit like native ones. */
export function htmlToMarkdown(html: string): string {
  return turndown.turndown(html).trim()
}
