import { Type } from '@sinclair/typebox'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/helpers/app.js'
import { ConflictError } from './errors.js'

const SECRET = 'hunter2-internal-detail'
const GENERIC = { error: { code: 'internal_error', message: 'something went wrong on our side' } }

describe.each(DIALECTS)('%s: error rendering', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect)
    // Throwaway routes on this test instance only, added after build and before the app is ready.
    const route = (url: string, handler: () => Promise<unknown>, response?: object) =>
      t.app.get(url, { config: { access: 'public' }, schema: response ? { response: { 200: response } } : {} }, handler)
    route('/api/test/throws', async () => {
      throw new Error(`database password is ${SECRET}`)
    })
    route('/api/test/throws-a-string', async () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point is a non-Error throw
      throw SECRET
    })
    route('/api/test/bad-sql', async () => sql`select ${SECRET} from no_such_table_${sql.raw('x')}`.execute(t.app.db))
    route('/api/test/upstream-503', async () => {
      throw Object.assign(new Error(`upstream said ${SECRET}`), { statusCode: 503 })
    })
    route('/api/test/conflict', async () => {
      throw new ConflictError('test_conflict', 'that clashes')
    })
    route('/api/test/duplicate-key', async () => {
      // A primary-key violation from the real database (SQLite reports these apart from other unique ones).
      const row = { key: `dup-${dialect}`, hits: 1, window_start: 0 }
      await t.app.db.insertInto('rate_limit').values(row).execute()
      return t.app.db.insertInto('rate_limit').values(row).execute()
    })
    route('/api/test/bad-response', async () => ({ notTheField: true }), Type.Object({ required: Type.String() }))
    route('/api/test/extra-fields', async () => ({ ok: true, passwordHash: SECRET }), Type.Object({ ok: Type.Boolean() }))
  })
  afterAll(async () => t.close())

  it.each([
    ['an unexpected exception', '/api/test/throws'],
    ['a thrown non-Error', '/api/test/throws-a-string'],
    ['a failing SQL statement', '/api/test/bad-sql'],
    ['a non-AppError with a 5xx status', '/api/test/upstream-503'],
    ['a response that does not match its schema', '/api/test/bad-response'],
  ])('renders %s as a 500 internal_error without leaking its message', async (_label, url) => {
    const res = await t.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual(GENERIC)
    expect(res.body).not.toContain(SECRET)
    expect(res.body).not.toMatch(/no_such_table|stack|at .*\.ts/)
  })

  it('renders an AppError with its status and stable code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/conflict' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ error: { code: 'test_conflict', message: 'that clashes' } })
  })

  it('renders a unique violation no service expected as a 409 conflict, without its details', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/duplicate-key' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: { code: 'conflict' } })
    expect(res.body).not.toMatch(/rate_limit|constraint/i)
  })

  it('sends only what the response schema allows', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/extra-fields' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })
  })

  it('answers an unknown API route with a JSON 404', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/no/such/route?x=1' })
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ error: { code: 'route_not_found', message: `no route ${method} /api/no/such/route` } })
    }
  })
})
