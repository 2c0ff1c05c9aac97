import { MARK_END, MARK_START } from '../platform/db/dialect.js'

// PostgreSQL's English stop words (the Snowball list). Dropping them here, for both dialects, gives SQLite the
// same meaning as PostgreSQL: "how to backfill" finds posts about backfilling that never say "to".
const STOP_WORDS = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its
  itself they them their theirs themselves what which who whom this that these those am is are was were be been being
  have has had having do does did doing a an the and but if or because as until while of at by for with about against
  between into through during before after above below to from up down in out on off over under again further then
  once here there when where why how all any both each few more most other some such no nor not only own same so than
  too very s t can will just don should now`.split(/\s+/),
)

const MAX_TERMS = 10
const MAX_TERM_LENGTH = 64

/**
 * The words of a user's query, lower-cased, without duplicates. Everything that is not a letter, digit or
 * combining mark separates words, so quotes, operators and parentheses can never reach a query language.
 */
export function splitWords(raw: string): string[] {
  const words =
    raw
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  return [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS)
}

/** The words to search for: every word of the query except stop words. Empty when nothing is left. */
export function searchTerms(raw: string): string[] {
  return splitWords(raw).filter((w) => !STOP_WORDS.has(w))
}

/**
 * The words for as-you-type suggestions: whole words without stop words, then the last word, which is being
 * typed and is matched as a prefix, kept even if it looks like a stop word ("the" may become "theory"). A
 * last word shorter than three letters is left out: the index keeps 3-letter prefixes, and shorter ones would
 * match nearly every title.
 */
export function suggestTerms(raw: string): string[] {
  const words = splitWords(raw)
  const typing = words.pop()
  const whole = words.filter((w) => !STOP_WORDS.has(w) && w !== typing)
  return typing && typing.length >= 3 ? [...whole, typing] : whole
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
// Control and format characters other than the two markers (and the emoji joiner) are dropped.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu
const KEPT = new Set([MARK_START, MARK_END, '\u200d'])
const MARKERS = new RegExp(`(${MARK_START}|${MARK_END})`)

/**
 * Turns a snippet with match markers into safe HTML: the text is escaped first, then the markers become
 * <mark> elements, always balanced (a stray marker character in a post cannot open an unclosed element).
 */
export function snippetToHtml(marked: string): string {
  const text = marked
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, (c) => (KEPT.has(c) ? c : ''))
    .trim()
    .replace(/[&<>"']/g, (c) => ESCAPES[c] as string)
  let html = ''
  let open = false
  for (const part of text.split(MARKERS)) {
    if (part === MARK_START) {
      if (!open) html += '<mark>'
      open = true
    } else if (part === MARK_END) {
      if (open) html += '</mark>'
      open = false
    } else {
      html += part
    }
  }
  return open ? `${html}</mark>` : html
}
