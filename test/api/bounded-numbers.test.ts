import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listRoutes } from '../../src/server/platform/route-registry.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

/** JSON-pointer-ish paths of every number or integer schema under `schema` without both bounds. */
function unbounded(schema: unknown, at: string): string[] {
  if (schema === null || typeof schema !== 'object') return []
  const s = schema as Record<string, unknown>
  const own = (s.type === 'integer' || s.type === 'number') && (s.maximum === undefined || s.minimum === undefined) ? [at] : []
  const nested = Object.entries(s).flatMap(([key, value]) =>
    Array.isArray(value) ? value.flatMap((v, i) => unbounded(v, `${at}/${key}/${i}`)) : unbounded(value, `${at}/${key}`),
  )
  return [...own, ...nested]
}

// Numbers a client sends reach the database: an unbounded integer let 1e25 and Infinity through as ids, and
// PostgreSQL refused them (a 500). So every number in a request schema has a minimum and a maximum (ids use
// NumericId in src/shared/schemas.ts). Schemas do not depend on the database, so one dialect is enough.
describe('request schemas', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('sqlite')
  })
  afterAll(async () => t.close())

  it('bound every number in params, query strings and bodies', () => {
    const found = listRoutes(t.app).flatMap((route) =>
      (['params', 'querystring', 'body', 'headers'] as const).flatMap((part) =>
        unbounded(route.schema?.[part], `${route.method} ${route.url} ${part}`),
      ),
    )
    expect(found).toEqual([])
  })
})
