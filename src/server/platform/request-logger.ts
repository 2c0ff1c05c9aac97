import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, Logger } from 'pino'

/**
 * A request's logger that becomes a real pino child (with the request id) only when something is logged at an
 * enabled level. Fastify makes a child logger for every request; at the production level (warn) almost no
 * request logs anything, and building the child was a measurable part of a short request.
 */
class RequestLogger {
  #child: FastifyBaseLogger | undefined

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
  ) {}

  get level(): LevelWithSilentOrString {
    return this.#child?.level ?? this.parent.level
  }

  set level(level: LevelWithSilentOrString) {
    this.real().level = level
  }

  private real(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings))
  }

  isLevelEnabled(level: string): boolean {
    return ((this.#child ?? this.parent) as unknown as Logger).isLevelEnabled(level)
  }

  private log(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return
    const child = this.real() as unknown as Record<typeof level, (...a: unknown[]) => void>
    child[level](...args)
  }

  // Methods on the prototype, not arrow fields: nothing is allocated per request but the object itself.
  fatal(...args: unknown[]): void {
    this.log('fatal', args)
  }
  error(...args: unknown[]): void {
    this.log('error', args)
  }
  warn(...args: unknown[]): void {
    this.log('warn', args)
  }
  info(...args: unknown[]): void {
    this.log('info', args)
  }
  debug(...args: unknown[]): void {
    this.log('debug', args)
  }
  trace(...args: unknown[]): void {
    this.log('trace', args)
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real().child(bindings, options)
  }
}

/**
 * Fastify's `childLoggerFactory`: each request's logger is a lazy child of the instance's own `log` (a child of
 * its own when the route sets a level or serializers). It takes the instance's logger rather than the parent
 * Fastify passes because, below debug level, app.ts gives Fastify no logger (the parent is then a no-op) and
 * sets `app.log` itself; at debug level the two are the same logger, with Fastify's req/res serializers.
 */
export function requestLogger(
  this: FastifyInstance,
  _parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level !== undefined || options.serializers !== undefined) return this.log.child(bindings, options)
  return new RequestLogger(this.log, bindings)
}
