import fs from 'node:fs'
import path from 'node:path'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, tinyWebDir, type Client, type TestApp } from '../../../test/helpers/app.js'
import { loggedInPerson } from '../../../test/helpers/factories.js'

// Every header of each kind of answer, as the app sent them before the security headers and access control
// became hooks of each route (they were global hooks): the change must not move a single one. Headers that
// vary between runs (date, length, a file's ETag and Last-Modified, a rate limit's reset time) are left out.
const VARYING = new Set(['date', 'content-length', 'etag', 'last-modified', 'set-cookie', 'x-ratelimit-reset'])

/** What each case answered before the change (at 68a63d7), status and headers. */
const EXPECTED = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'response-headers.expected.json'), 'utf8')) as Record<
  string,
  { status: number; headers: Record<string, string> }
>

function stableHeaders(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(res.headers)) if (!VARYING.has(name)) out[name] = String(value)
  return out
}

describe('response headers', () => {
  let web: TestApp
  let bare: TestApp
  let member: Client
  let webDir: string
  beforeAll(async () => {
    webDir = tinyWebDir()
    web = await createTestApp('sqlite', { webDir })
    bare = await createTestApp('sqlite')
    member = await loggedInPerson(bare.app)
  })
  afterAll(async () => {
    await web.close()
    await bare.close()
    fs.rmSync(webDir, { recursive: true, force: true })
  })

  const cases: [string, 'web' | 'bare' | 'member', InjectOptions & { url: string }][] = [
    ['the web app', 'web', { url: '/' }],
    ['a static asset', 'web', { url: '/assets/app.js' }],
    ['an unknown API path beside the web app', 'web', { url: '/api/nope' }],
    ['a HEAD of the web app', 'web', { method: 'HEAD', url: '/people/1' }],
    ['an API answer', 'bare', { url: '/api/health' }],
    ['a HEAD of an API route', 'bare', { method: 'HEAD', url: '/api/health' }],
    ['an API route without a session', 'bare', { url: '/api/people' }],
    ['an unknown API path', 'bare', { url: '/api/nope' }],
    ['an unknown page path without the web app', 'bare', { url: '/nope' }],
    ['a URL that does not decode', 'bare', { url: '/api/people/%ff' }],
    ['a bad body', 'bare', { method: 'POST', url: '/api/auth/login', payload: { email: 1 } }],
    ['an HTML page of the API', 'bare', { url: '/api/notifications/unsubscribe?token=x' }],
    ['the API docs', 'bare', { url: '/api/docs/json' }],
    ['a profile', 'member', { url: '/api/people/:me' }],
    [
      'a write without the CSRF header',
      'member',
      { method: 'PATCH', url: '/api/people/:me', payload: {}, headers: { 'x-csrf-token': '' } },
    ],
  ]

  it.each(cases)('are unchanged on %s', async (label, on, request) => {
    const res =
      on === 'member'
        ? await member.request({ ...request, url: request.url.replace(':me', member.id) })
        : await (on === 'web' ? web : bare).app.inject(request)
    expect({ status: res.statusCode, headers: stableHeaders(res) }).toEqual(EXPECTED[label])
  })
})
