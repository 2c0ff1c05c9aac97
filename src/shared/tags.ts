// Tags: the one rule for what a tag is, used by the server (posts, the ask flow, hidden topics, profiles,
// communities, imports, search, the expertise model) and by the web app's tag editor.
//
// A tag is lower-case, with a hyphen where the words were apart: "Data Quality", "data  quality" and
// "data-quality" are one tag, as Stack Exchange writes them ("sql-server-2008", "c#", ".net", "node.js" keep
// their punctuation). One form for every caller means a hidden topic matches the tag it hides, a skill
// offered matches a community's topic, and an imported tag matches one typed in the ask flow.
//
// Stored tags are already in this form (migration 0014 rewrote older rows), so reading them back only
// parses: the read paths never normalise again.

/** The longest tag, in characters (the API's TagList allows no more). */
export const TAG_MAX_LENGTH = 60
/** How many tags a post keeps: the first ten distinct ones. */
export const POST_TAG_LIMIT = 10
/** How many tags a profile list or a community keeps (the API's TagList allows no more). */
export const TAG_LIST_LIMIT = 30

// Already canonical: lower-case letters, digits and SE's punctuation, single hyphens between. Most tags
// are, and skipping the Unicode work for them keeps building the expertise model from a large history cheap.
const CANONICAL = /^[a-z0-9+#.]+(?:-[a-z0-9+#.]+)*$/
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

/**
 * A tag in its canonical form, or '' when nothing is left of it: Unicode-normalised (NFKC, so a
 * full-width "ＳＱＬ" is "sql"), lower-cased, each run of spaces a single hyphen, repeated hyphens made one,
 * none at either end, at most TAG_MAX_LENGTH characters.
 */
export function normaliseTag(text: string): string {
  if (text.length <= TAG_MAX_LENGTH && CANONICAL.test(text)) return text
  const tag = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(CONTROL, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
  if (tag.length <= TAG_MAX_LENGTH) return tag
  // Cut by code points, so no emoji or other astral character is split in half.
  return [...tag].slice(0, TAG_MAX_LENGTH).join('').replace(/-+$/, '')
}

/** The distinct canonical tags of a list, in first-seen order, empty ones dropped, at most `limit`. */
export function normaliseTags(tags: readonly string[] | undefined, limit = Number.POSITIVE_INFINITY): string[] {
  const out = new Set<string>()
  for (const t of tags ?? []) {
    if (out.size >= limit) break
    const tag = normaliseTag(t)
    if (tag) out.add(tag)
  }
  return [...out]
}

/**
 * The tags of a stored JSON tag column (a post's, a community's, a profile list, a log entry's topics).
 * Anything that is not a JSON array of strings reads as no tags: a bad row must not break a page.
 */
export function parseTags(json: string | null | undefined): string[] {
  // Answers and comments carry no tags: most rows of a thread take this path.
  if (!json || json === '[]') return []
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []
  } catch {
    return []
  }
}

/** A JSON tag column's value for these tags, normalised and de-duplicated, at most `limit`. */
export function tagsJson(tags: readonly string[] | undefined, limit?: number): string {
  return JSON.stringify(normaliseTags(tags, limit))
}

/**
 * What the tag editor shows after someone types `text`: the list with `text`'s canonical tag added at the
 * end, or unchanged when it is empty, already there, or the list is full. The editor shows the tag as it
 * will be stored, so nobody is surprised by what their profile or post says afterwards.
 */
export function addTag(tags: readonly string[], text: string, max = TAG_LIST_LIMIT): string[] {
  const tag = normaliseTag(text)
  if (!tag || tags.length >= max || tags.includes(tag)) return [...tags]
  return [...tags, tag]
}

/** The tags as plain words ("sql-server" is "sql server"), for matching them against text. */
export function tagWords(tags: readonly string[]): string {
  return tags.map((t) => t.replace(/-/g, ' ')).join(' ')
}
