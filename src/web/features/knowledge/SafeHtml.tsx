import type { ElementType } from 'react'

interface SafeHtmlProps {
  /**
   * HTML the server rendered and sanitised: a post's `html` or `fieldsHtml` (Markdown rendered with raw HTML
   * escaped and only web, mail and relative links allowed), or a search snippet (escaped text with <mark>).
   * Nothing else may be passed here: any other text is rendered as text by React.
   */
  html: string
  as?: ElementType
  className?: string
  id?: string
}

/** The one place the web app inserts HTML, so that it is easy to audit. */
export function SafeHtml({ html, as: Tag = 'div', className, id }: SafeHtmlProps) {
  return <Tag id={id} className={className} dangerouslySetInnerHTML={{ __html: html }} />
}
