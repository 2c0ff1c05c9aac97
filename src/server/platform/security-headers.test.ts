import fs from 'node:fs'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, tinyWebDir, type TestApp } from '../../../test/helpers/app.js'

/** The directives of a Content-Security-Policy header, by name. */
function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '')
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  )
}

function expectStrictHeaders(res: LightMyRequestResponse): void {
  const csp = directives(res)
  expect(csp.get('default-src')).toEqual(["'self'"])
  expect(csp.get('script-src')).toEqual(["'self'"])
  expect(csp.get('object-src')).toEqual(["'none'"])
  expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  expect(csp.get('base-uri')).toEqual(["'self'"])
  expect(csp.get('form-action')).toEqual(["'self'"])
  for (const values of csp.values()) {
    expect(values).not.toContain("'unsafe-inline'")
    expect(values).not.toContain("'unsafe-eval'")
    expect(values).not.toContain('*')
  }
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  // Old browsers ignore frame-ancestors; X-Frame-Options must say the same thing to them.
  expect(res.headers['x-frame-options']).toBe('DENY')
  expect(res.headers['referrer-policy']).toBe('no-referrer')
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin')
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')
  expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/)
  expect(res.headers['x-powered-by']).toBeUndefined()
}

/** A JSON API response is never rendered: its CSP forbids everything, and the transport headers stay. */
function expectApiHeaders(res: LightMyRequestResponse): void {
  const csp = directives(res)
  expect(csp.get('default-src')).toEqual(["'none'"])
  expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  expect(csp.size).toBe(2)
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['x-frame-options']).toBe('DENY')
  expect(res.headers['referrer-policy']).toBe('no-referrer')
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')
  expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/)
  expect(res.headers['x-powered-by']).toBeUndefined()
  // Answers may be personal; test/api/probe-input.test.ts checks the personal routes one by one.
  expect(res.headers['cache-control']).toBe('no-store')
  // Headers that only mean something for a document are left off.
  for (const name of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-xss-protection']) {
    expect(res.headers[name]).toBeUndefined()
  }
}

// Headers do not depend on the database, so one dialect is enough here.
describe('security headers', () => {
  let t: TestApp
  let webDir: string
  beforeAll(async () => {
    webDir = tinyWebDir()
    t = await createTestApp('sqlite', { webDir })
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(webDir, { recursive: true, force: true })
  })

  it.each([
    ['the web app', '/', /^text\/html/],
    ['a client-side route reloaded', '/people/123', /^text\/html/],
    ['a static asset', '/assets/app.js', /javascript/],
  ])('are strict on %s', async (_label, url, type) => {
    const res = await t.app.inject({ method: 'GET', url })
    expect(res.headers['content-type']).toMatch(type)
    expectStrictHeaders(res)
  })

  it.each([
    ['an API response', '/api/health'],
    ['an API error', '/api/people'],
    ['an unknown API route', '/api/nope'],
  ])('forbid everything but keep transport protection on %s', async (_label, url) => {
    const res = await t.app.inject({ method: 'GET', url })
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expectApiHeaders(res)
  })

  it('serve the web app only for non-API paths', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/people/123' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<div id="root">')
    expect(res.headers['cache-control']).toBe('no-cache')
  })
})
