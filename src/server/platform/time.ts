import crypto from 'node:crypto'

/** The current time as an ISO-8601 UTC string, the format every timestamp column uses. */
export function nowIso(): string {
  return new Date().toISOString()
}

/** An ISO-8601 string `ms` milliseconds from now. */
export function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString()
}

/** A new random id. */
export function newId(): string {
  return crypto.randomUUID()
}

/** A URL-safe random secret of `bytes` bytes. */
export function newSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url')
}

/** SHA-256 of a secret, stored instead of the secret itself. */
export function hashSecret(secret: string): string {
  // The one-shot crypto.hash (Node 20.12+) skips building a Hash object; this runs on every authenticated request.
  return crypto.hash('sha256', secret, 'base64url')
}
