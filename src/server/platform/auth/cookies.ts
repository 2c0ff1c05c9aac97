/**
 * The session cookie is the only cookie Wellspring reads or writes, so it is read and written here rather than
 * through @fastify/cookie, which adds an onSend hook to every reply and parses every cookie of every request
 * into an object.
 * Parsing follows the `cookie` package: pairs split on ';', names and values trimmed, one pair of double quotes
 * stripped, %-escapes decoded (kept as sent when malformed), and the first pair of a name wins.
 */

/** The value of cookie `name` in a request's raw header lines (name, value, name, value, ...), or undefined. */
export function cookieFromRawHeaders(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const field = rawHeaders[i] as string
    if (field.length !== 6 || field.toLowerCase() !== 'cookie') continue
    const value = cookieFromHeader(rawHeaders[i + 1] as string, name)
    if (value !== undefined) return value
  }
  return undefined
}

/** The value of cookie `name` in one Cookie header, or undefined. */
export function cookieFromHeader(header: string, name: string): string | undefined {
  let start = 0
  while (start < header.length) {
    let end = header.indexOf(';', start)
    if (end === -1) end = header.length
    const eq = header.indexOf('=', start)
    if (eq !== -1 && eq < end && header.slice(start, eq).trim() === name) {
      return decode(unquote(header.slice(eq + 1, end).trim()))
    }
    start = end + 1
  }
  return undefined
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value
}

function decode(value: string): string {
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export interface CookieOptions {
  /** Seconds until the browser drops it; 0 drops it now. */
  maxAgeS: number
  secure: boolean
}

/**
 * A Set-Cookie value for an HttpOnly, SameSite=Lax cookie on the whole site. The value must be a cookie-safe
 * token (Wellspring's are base64url); anything else is a programming error.
 */
export function setCookieValue(name: string, value: string, options: CookieOptions): string {
  if (!/^[\w-]*$/.test(value)) throw new Error(`cookie ${name}: value is not a base64url token`)
  const parts = [`${name}=${value}`, `Max-Age=${Math.floor(options.maxAgeS)}`, 'Path=/']
  if (options.maxAgeS <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT')
  parts.push('HttpOnly', 'SameSite=Lax')
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}
