import crypto from 'node:crypto'

// AWS Signature Version 4 for S3 requests signed in the Authorization header, as AWS documents it
// ("Authenticating Requests: Using the Authorization Header"): a canonical request, a string to sign over its
// hash, and an HMAC-SHA256 chain from the secret key through the date, region and service.

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  /** For temporary credentials (STS); sent and signed as x-amz-security-token. */
  sessionToken?: string
}

export interface RequestToSign {
  method: string
  url: URL
  /** Headers to send and sign, besides host and the x-amz-* ones added here. Names in any case. */
  headers: Record<string, string>
  /** Hex SHA-256 of the body (sha256Hex), or 'UNSIGNED-PAYLOAD'. */
  payloadHash: string
}

/** The SHA-256 of nothing, the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** Hex SHA-256 of a body. */
export function sha256Hex(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex')
}

const hmac = (key: Buffer | string, data: string) => crypto.createHmac('sha256', key).update(data, 'utf8').digest()

/** Percent-encodes as SigV4 wants: everything but A-Z a-z 0-9 - _ . ~ (encodeURIComponent leaves !'()* too). */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** 20130524T000000Z and 20130524 for a time. */
function amzDates(at: Date): { stamp: string; day: string } {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  return { stamp, day: stamp.slice(0, 8) }
}

/**
 * The headers to send for `request` signed with `credentials` at time `at` for `region` and `service`: the
 * request's own headers plus host, x-amz-date, x-amz-content-sha256, the session token if any, and
 * Authorization. Every header returned is signed. The URL's path must already be percent-encoded as S3 expects
 * (each key segment once, with encodeRfc3986); S3 does not encode it again.
 */
export function signRequest(
  request: RequestToSign,
  credentials: Credentials,
  region: string,
  at: Date = new Date(),
  service = 's3',
): Record<string, string> {
  const { stamp, day } = amzDates(at)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value.trim().replace(/\s+/g, ' ')
  headers.host = request.url.host
  headers['x-amz-date'] = stamp
  headers['x-amz-content-sha256'] = request.payloadHash
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken

  const names = Object.keys(headers).sort()
  const query = [...request.url.searchParams]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const canonical = [
    request.method,
    request.url.pathname,
    query,
    names.map((n) => `${n}:${headers[n]}\n`).join(''),
    names.join(';'),
    request.payloadHash,
  ].join('\n')
  const scope = `${day}/${region}/${service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonical)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), service), 'aws4_request')
  const signature = crypto.createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex')
  delete headers.host // fetch sets it from the URL, to the same value
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`
  return headers
}
