// HTTP range requests (RFC 9110 §14) for media, as pure functions of the request headers and the file.

/** What to send for a Range header: the whole file, one inclusive byte range, or 416. */
export type RangeDecision = { type: 'full' } | { type: 'partial'; start: number; end: number } | { type: 'unsatisfiable' }

const RANGE_SPEC = /^(\d*)-(\d*)$/

/**
 * Decides how to answer a Range header for a file of `size` bytes:
 * - no header, another unit, or a malformed header (bad syntax, last < first): the whole file, 200. RFC 9110
 *   lets a server ignore a Range it cannot use, and browsers then simply get the file;
 * - one range (`bytes=0-99`, `bytes=100-`, `bytes=-50`): 206 with that range, its end clamped to the file;
 * - one range that starts past the end, or `bytes=-0`: 416;
 * - several ranges: the whole file, 200. We never send multipart/byteranges; media players ask for one range.
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (!header) return { type: 'full' }
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header)
  if (!match?.[1]) return { type: 'full' }
  const specs = match[1].split(',').map((s) => s.trim())
  if (specs.some((s) => !RANGE_SPEC.test(s) || s === '-')) return { type: 'full' }
  if (specs.length !== 1) return { type: 'full' }
  const [, first = '', last = ''] = RANGE_SPEC.exec(specs[0] ?? '') ?? []
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return { type: 'unsatisfiable' }
    return { type: 'partial', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return { type: 'full' }
  if (start >= size) return { type: 'unsatisfiable' }
  return { type: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
}

/** A strong validator: a stored file never changes, so its id and size identify its bytes. */
export function mediaEtag(id: string, size: number): string {
  return `"${id}-${size}"`
}

/** Whether If-None-Match names this ETag (or `*`), so a 304 will do. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim()
    return tag === '*' || tag === etag || tag === `W/${etag}`
  })
}

/**
 * If-Range: honour the Range only when the validator still names this file. An ETag must match strongly;
 * a date must equal Last-Modified exactly (it has one-second precision, as RFC 9110 §13.1.5 requires).
 */
export function ifRangeAllows(ifRange: string | undefined, etag: string, lastModified: string): boolean {
  if (!ifRange) return true
  const value = ifRange.trim()
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag
  return value === lastModified
}
