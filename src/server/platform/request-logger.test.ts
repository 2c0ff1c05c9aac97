import { Writable } from 'node:stream'
import Fastify, { LogController } from 'fastify'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { requestLogger } from './request-logger.js'

/** A Fastify app whose log lines land in `lines`, with the app's request logger. */
function appLoggingTo(lines: Record<string, unknown>[], level: string, requestLines = false) {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  const app = Fastify({
    loggerInstance: pino({ level }, stream),
    childLoggerFactory: requestLogger,
    logController: new LogController({ disableRequestLogging: !requestLines }),
  })
  app.get('/warn', async (req) => {
    req.log.warn({ part: 'x' }, 'something odd')
    req.log.debug('not shown at warn')
    return { ok: true }
  })
  app.get('/child', async (req) => {
    req.log.child({ step: 'inner' }).error('inner failure')
    return { level: req.log.level }
  })
  app.get('/quiet', async () => ({ ok: true }))
  return app
}

describe('request logger', () => {
  it('logs at enabled levels with the request id, and nothing at disabled ones', async () => {
    const lines: Record<string, unknown>[] = []
    const app = appLoggingTo(lines, 'warn')
    await app.inject({ url: '/warn' })
    await app.inject({ url: '/quiet' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 40, msg: 'something odd', part: 'x', reqId: expect.any(String) })
  })

  it('gives children the request id and their own bindings, and reports the level', async () => {
    const lines: Record<string, unknown>[] = []
    const app = appLoggingTo(lines, 'info')
    const res = await app.inject({ url: '/child' })
    expect(res.json()).toEqual({ level: 'info' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 50, msg: 'inner failure', step: 'inner', reqId: expect.any(String) })
  })

  it('logs debug lines when the level allows them', async () => {
    const lines: Record<string, unknown>[] = []
    const app = appLoggingTo(lines, 'debug')
    await app.inject({ url: '/warn' })
    expect(lines.map((l) => l.msg)).toEqual(['something odd', 'not shown at warn'])
  })

  it('logs through the app logger when Fastify has none, and then no listener waits on every reply', async () => {
    const lines: Record<string, unknown>[] = []
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>)
        done()
      },
    })
    const log = pino({ level: 'warn' }, stream)
    const bare = Fastify({ childLoggerFactory: requestLogger, logController: new LogController({ disableRequestLogging: true }) })
    bare.log = log
    bare.get('/warn', async (req, reply) => {
      req.log.warn('seen')
      return { finishListeners: reply.raw.listenerCount('finish') }
    })
    const res = await bare.inject({ url: '/warn' })
    expect(lines).toMatchObject([{ level: 40, msg: 'seen', reqId: expect.any(String) }])
    // With a logger of its own Fastify also waits for every reply to finish, which is what app.ts avoids.
    const logged = appLoggingTo([], 'warn')
    logged.get('/listeners', async (_req, reply) => ({ finishListeners: reply.raw.listenerCount('finish') }))
    const withLogger = (await logged.inject({ url: '/listeners' })).json<{ finishListeners: number }>().finishListeners
    expect(withLogger).toBe(res.json<{ finishListeners: number }>().finishListeners + 1)
  })

  it('writes request lines, when they are on, with the short req and res of Fastify, not the whole objects', async () => {
    const lines: Record<string, unknown>[] = []
    const app = appLoggingTo(lines, 'debug', true)
    await app.inject({ url: '/quiet' })
    const incoming = lines.find((l) => l.msg === 'incoming request')
    const completed = lines.find((l) => l.msg === 'request completed')
    expect(incoming?.req).toMatchObject({ method: 'GET', url: '/quiet' })
    expect(incoming?.req).not.toHaveProperty('raw')
    expect(completed?.res).toEqual({ statusCode: 200 })
    expect(completed?.reqId).toBe(incoming?.reqId)
  })
})
