import type { FastifyBaseLogger } from 'fastify'

/** A logger that keeps what it is told, so a test can check that no worker tick failed. */
export function recordingLogger(): FastifyBaseLogger & { errors: unknown[] } {
  const errors: unknown[] = []
  const noop = () => undefined
  const log = {
    level: 'silent',
    errors,
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    fatal: noop,
    silent: noop,
    error: (...args: unknown[]) => errors.push(args),
  }
  return Object.assign(log, { child: () => log }) as unknown as FastifyBaseLogger & { errors: unknown[] }
}

/** A promise with its resolve function, to hold a job mid-run until the test lets it go. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}
