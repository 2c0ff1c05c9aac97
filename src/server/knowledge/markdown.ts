import MarkdownIt from 'markdown-it'

// Raw HTML in Markdown is escaped (html: false), and markdown-it's link validation refuses javascript:,
// vbscript:, file: and non-image data: URLs. So whatever a body holds, the output has no script, no event
// handler attribute and no dangerous URL; the XSS corpus test proves it in a browser.
const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false })

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  if (token) {
    token.attrSet('rel', 'nofollow noopener noreferrer')
    const href = token.attrGet('href') ?? ''
    if (/^https?:/i.test(href)) token.attrSet('target', '_blank')
  }
  return defaultLinkOpen(tokens, idx, options, env, self)
}

const ALLOWED_PROTOCOL = /^(https?:|mailto:|\/|#|\.\/|\.\.\/)/i
const baseValidate = md.validateLink.bind(md)
md.validateLink = (url: string) => {
  const trimmed = url.trim()
  if (!baseValidate(trimmed)) return false
  // Relative links and plain web/mail links only: no other schemes at all.
  return ALLOWED_PROTOCOL.test(trimmed) || !/^[a-z][a-z0-9+.-]*:/i.test(trimmed)
}

/**
 * The version of renderMarkdown's output. Posts keep their HTML as rendered when written, with this number;
 * readers render again any post kept with another number. Bump it whenever a change here (or an upgrade of
 * markdown-it) changes the output for some input: markdown.test.ts fails until you do.
 */
export const RENDER_VERSION = 1

/** Markdown to safe HTML. */
export function renderMarkdown(source: string): string {
  return md.render(source)
}

/** @handles mentioned in a body (the local part of a person's email), lower-cased and unique. */
export function findMentions(source: string): string[] {
  const handles = new Set<string>()
  for (const m of source.matchAll(/(^|[^\w@.])@([a-z0-9][a-z0-9._-]{0,63})/gi)) {
    handles.add((m[2] as string).replace(/[._-]+$/, '').toLowerCase())
  }
  return [...handles]
}

/**
 * How many characters of a body a summary's excerpt keeps, and how many of the body a list reads to make
 * it: enough for the Markdown punctuation and link targets that are dropped, little enough to stay cheap.
 */
export const EXCERPT_LENGTH = 200
export const EXCERPT_SOURCE_LENGTH = 320

/**
 * The start of a Markdown body as plain text, for lists: code, link and image targets, HTML tags and
 * Markdown punctuation removed, whitespace collapsed, cut at a word near `max` characters and marked with
 * an ellipsis when cut or when `more` says the source was itself only the start of the body. The result is
 * text, not HTML (the web shows it as text), so it needs no sanitising; tags are removed only so that
 * excerpts read well.
 */
export function plainExcerpt(source: string, max = EXCERPT_LENGTH, more = false): string {
  const text = source
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)?/g, '$1')
    .replace(/<\/?[a-z][^>]*>?/gi, ' ')
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_~`]+/g, '')
    // The same as /\s+/g but several times faster: single spaces, most of a body's whitespace, do not match.
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim()
  if (text.length <= max) return more && text ? `${text}…` : text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' }

/**
 * A body as plain text, from what its readers see: rendered (so Markdown punctuation, link targets and code
 * fences are gone), tags removed and entities decoded. Text that looks like an HTML tag is dropped too: a
 * body that quotes `<script>` shows it literally, but in a one-line excerpt such text only reads as noise
 * (notifications and "For you" showed `<scriptalert("xss")</script <img…`). Cut at a word near `max`.
 */
export function renderedExcerpt(source: string, max = EXCERPT_LENGTH): string {
  // Only the start is rendered: an excerpt needs a few hundred characters, and rendering all of a long body is slow.
  const html = md.render(source.slice(0, Math.max(max * 8, 2000)))
  const text = html
    .replace(/<pre>[\s\S]*?<\/pre>/g, ' ')
    // Inline tags join what they wrap to the words around it ("**this**:" reads "this:"); others separate.
    .replace(/<\/?(strong|em|a|code|s|del|mark|span)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/<\/?[a-z][^>]*>?/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}
