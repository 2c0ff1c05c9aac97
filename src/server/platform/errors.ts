import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isUniqueViolation } from './db/dialect.js'
import { TOO_DEEP } from './validation.js'

/** An error with an HTTP status and a stable code, rendered as `{ error: { code, message } }`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message)
  }
}
export class UnauthorizedError extends AppError {
  constructor(code = 'authentication_required', message = 'log in first') {
    super(401, code, message)
  }
}
export class ForbiddenError extends AppError {
  constructor(code = 'forbidden', message = 'you may not do this') {
    super(403, code, message)
  }
}
export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(404, code, message)
  }
}
export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message)
  }
}

/**
 * Runs a write whose unique constraint says "once": a violation means a concurrent duplicate of the request
 * got there first, which is the same conflict a repeat of the request would meet, so it becomes a 409 with
 * `code` (on PostgreSQL the transaction is aborted by then, so this must end it: it throws).
 */
export async function conflictOnDuplicate<T>(write: Promise<T>, code: string, message: string): Promise<T> {
  try {
    return await write
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(code, message)
    throw err
  }
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_VALIDATION: 'validation_failed',
}

/** The one error handler: known errors keep their status and code; anything else is a 500 with no internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message } })
    }
    const status = err.statusCode ?? 500
    if (err.validation) {
      const code = err.validation[0]?.keyword === TOO_DEEP ? 'body_too_deep' : 'validation_failed'
      return reply.status(400).send({ error: { code, message: err.message } })
    }
    if (status >= 400 && status < 500) {
      const code = (err.code && FASTIFY_CODES[err.code]) ?? (status === 429 ? 'rate_limited' : 'bad_request')
      return reply.status(status).send({ error: { code, message: err.message } })
    }
    // A unique violation no service expected is still a conflict with a concurrent request, not a fault of ours.
    if (isUniqueViolation(err)) {
      req.log.warn({ err }, 'unique violation without a conflict code')
      return reply
        .status(409)
        .send({ error: { code: 'conflict', message: 'a request made at the same time changed this first; try again' } })
    }
    req.log.error({ err }, 'unhandled error')
    return reply.status(500).send({ error: { code: 'internal_error', message: 'something went wrong on our side' } })
  })
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'route_not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } })
  })
}

// Errors Fastify's router meets before any hook or handler runs, so before the error handler could see them.
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_BAD_URL: 'bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'param_too_long',
}

/**
 * Fastify's `frameworkErrors` option: a URL that does not percent-decode (`/api/people/%ff`) or a path parameter
 * over the router's length limit would otherwise be answered in Fastify's own shape, not `{ error: { code, message } }`.
 */
export function renderFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400
  void reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send({ error: { code: FRAMEWORK_CODES[err.code] ?? 'bad_request', message: err.message } })
}
