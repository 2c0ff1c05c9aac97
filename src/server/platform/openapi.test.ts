import type { TSchema } from '@sinclair/typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkOpenApi3 } from '../../../test/api/openapi-check.js'
import { createTestApp, type TestApp } from '../../../test/helpers/app.js'
import { listRoutes } from './route-registry.js'

interface Operation {
  summary?: string
  tags?: string[]
  parameters?: { name: string; in: string; schema?: object }[]
  requestBody?: { content: Record<string, { schema?: { properties?: object; additionalProperties?: unknown } }> }
  responses: Record<string, { content?: Record<string, { schema?: object }> }>
}
interface Doc {
  paths: Record<string, Record<string, Operation>>
}

const propertyNames = (schema: unknown): string[] => Object.keys((schema as { properties?: object } | undefined)?.properties ?? {}).sort()

// The document does not depend on the database, so one dialect is enough. Single sign-on is configured so its
// routes are registered (and documented) too.
describe('OpenAPI document', () => {
  let t: TestApp
  let doc: Doc
  beforeAll(async () => {
    t = await createTestApp('sqlite', { oidc: { issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y', name: 'SSO' } })
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    doc = res.json<Doc>()
  })
  afterAll(async () => t.close())

  it('is a valid OpenAPI 3.0 document', () => {
    expect(checkOpenApi3(doc)).toEqual([])
  })

  it('documents every API route with its schema', () => {
    const routes = listRoutes(t.app).filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
    expect(routes.length).toBeGreaterThan(20)
    for (const route of routes) {
      const where = `${route.method} ${route.url}`
      const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}')]?.[route.method.toLowerCase()]
      expect(op, `${where} is missing from the document`).toBeDefined()
      if (!op) continue
      expect(op.summary, `${where} has no summary`).toBeTruthy()
      expect(op.tags?.length, `${where} has no tag`).toBeGreaterThan(0)
      const schema = route.schema as
        { body?: TSchema; querystring?: TSchema; params?: TSchema; response?: Record<string, TSchema> } | undefined
      const params = op.parameters ?? []
      for (const name of propertyNames(schema?.params))
        expect(
          params.some((p) => p.in === 'path' && p.name === name && p.schema),
          `${where} path ${name}`,
        ).toBe(true)
      for (const name of propertyNames(schema?.querystring))
        expect(
          params.some((p) => p.in === 'query' && p.name === name && p.schema),
          `${where} query ${name}`,
        ).toBe(true)
      if (schema?.body && schema.body.type === 'object') {
        const body = Object.values(op.requestBody?.content ?? {})[0]?.schema
        expect(propertyNames(body), `${where} body`).toEqual(propertyNames(schema.body))
        if (schema.body.additionalProperties === false) expect(body?.additionalProperties, `${where} body additionalProperties`).toBe(false)
      }
      for (const status of Object.keys(schema?.response ?? {})) {
        expect(op.responses[status], `${where} response ${status}`).toBeDefined()
      }
    }
  })

  it('leaves out the docs themselves and the web app catch-all', () => {
    for (const path of Object.keys(doc.paths)) expect(path.startsWith('/api/') && !path.startsWith('/api/docs'), path).toBe(true)
  })

  it('is checked by a checker that finds real mistakes', () => {
    const broken = structuredClone(doc) as unknown as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> }
    broken.openapi = '2.0'
    broken.paths['/api/health']!.get!.responses = { '200': { content: {} } }
    broken.paths['/api/setup']!.post!.responses = {
      '201': { description: 'ok', content: { 'application/json': { schema: { type: ['string', 'null'], const: 'x' } } } },
    }
    broken.paths['/api/auth/session']!.get!.responses = {
      '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } },
    }
    broken.paths['/api/people/{id}']!.get!.parameters = []
    const problems = checkOpenApi3(broken).join('\n')
    expect(problems).toMatch(/openapi: expected 3\.0\.x/)
    expect(problems).toMatch(/GET \/api\/health 200: a response needs a description/)
    expect(problems).toMatch(/POST \/api\/setup 201.*type must be one of/)
    expect(problems).toMatch(/POST \/api\/setup 201.*keyword const is not allowed/)
    expect(problems).toMatch(/GET \/api\/auth\/session 200.*unresolved \$ref/)
    expect(problems).toMatch(/GET \/api\/people\/\{id\}: path parameter \{id\} is not declared/)
  })

  it('serves the interactive docs at /api/docs', async () => {
    const entry = await t.app.inject({ method: 'GET', url: '/api/docs' })
    expect([200, 302]).toContain(entry.statusCode)
    const page = entry.statusCode === 302 ? await t.app.inject({ method: 'GET', url: String(entry.headers.location) }) : entry
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toContain('swagger-ui')
    // The page's own scripts load from this server (the CSP allows nothing else).
    const scripts = [...page.body.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!)
    expect(scripts.length).toBeGreaterThan(0)
    for (const src of scripts) {
      const url = new URL(src, 'http://localhost/api/docs/').pathname
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
    }
  })
})
