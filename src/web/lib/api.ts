import type { ErrorBody } from '../../shared/schemas'

/** An error answer from the API, carrying its stable code and a message meant for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

let csrfToken: string | null = null

/** Remembers the CSRF token of the current session (read from GET /api/auth/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** The CSRF token for requests made without `api` (uploads through XMLHttpRequest, for their progress). */
export function getCsrfToken(): string | null {
  return csrfToken
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is, with `contentType` (photo uploads). */
  raw?: Blob
  contentType?: string
  signal?: AbortSignal
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error
  return typeof error?.code === 'string' && typeof error.message === 'string'
}

/** Calls the API with the session cookie and, on state-changing requests, the CSRF header. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.json !== undefined ? 'POST' : 'GET')
  const headers: Record<string, string> = { accept: 'application/json' }
  let body: BodyInit | undefined
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.raw) {
    headers['content-type'] = options.contentType ?? options.raw.type
    body = options.raw
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken
  let res: Response
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, 'network_error', 'Could not reach Wellspring. Check your connection and try again.')
  }
  const text = await res.text()
  let data: unknown = undefined
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = undefined
    }
  }
  if (!res.ok) {
    if (isErrorBody(data)) throw new ApiError(res.status, data.error.code, data.error.message)
    throw new ApiError(res.status, 'http_error', `The server answered ${res.status}. Please try again.`)
  }
  return data as T
}

/** A query string from the defined, non-empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  }
  const s = search.toString()
  return s ? `?${s}` : ''
}

/** The message to show for any error a query or mutation raised. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error) return error.message
  return 'Something went wrong.'
}
