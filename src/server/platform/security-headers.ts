import type { FastifyInstance } from 'fastify'
import helmet, { type HelmetOptions } from 'helmet'

/**
 * The headers helmet sets for `options`, worked out once. They depend only on the options (no directive here
 * is a function of the request), so every response can share them.
 */
export function securityHeadersFor(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, string>()
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name, Array.isArray(value) ? value.join(', ') : String(value))
    },
    removeHeader(name: string) {
      headers.delete(name)
    },
  }
  // Helmet throws on bad options; older versions passed the error to next instead.
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err instanceof Error) throw err
  })
  return [...headers]
}

/**
 * Sets helmet's security headers on every response. @fastify/helmet builds helmet's middleware again on every
 * request (parsing the CSP each time), which cost about a tenth of a profile request; the headers are the
 * same each time, so they are computed once. They go on the raw response, as helmet does, so they are kept
 * on error replies and on routes that write the raw response themselves.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeadersFor(options)
  app.addHook('onRequest', (_req, reply, done) => {
    const raw = reply.raw
    for (const [name, value] of headers) raw.setHeader(name, value)
    done()
  })
}
