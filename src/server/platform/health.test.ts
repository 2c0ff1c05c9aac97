import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/helpers/app.js'

/** Takes the database away from under a running app, the way an outage would. */
async function loseDatabase(t: TestApp): Promise<void> {
  if (t.dialect === 'postgres') {
    // Drop the database with its connections: the pool's clients die and new ones cannot connect.
    const name = new URL(t.config.databaseUrl!).pathname.slice(1)
    const admin = new pg.Client({ connectionString: inject('pgUrl') })
    await admin.connect()
    await admin.query(`drop database ${name} with (force)`)
    await admin.end()
  } else {
    // Closing the Kysely instance closes the better-sqlite3 handle the health check queries.
    await t.app.db.destroy()
  }
}

describe.each(DIALECTS)('%s: GET /api/health', (dialect) => {
  let t: TestApp | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })

  it('answers 200 {"status":"ok"} when the database answers', async () => {
    t = await createTestApp(dialect)
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('answers 503 {"status":"unavailable"} when the database is unreachable, and keeps running', async () => {
    t = await createTestApp(dialect)
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    await loseDatabase(t)
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ status: 'unavailable' })
    // Other routes fail as errors the handler renders, not as a crash of the process.
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session' })
    expect(session.statusCode).toBe(500)
    expect(session.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } })
  })
})
