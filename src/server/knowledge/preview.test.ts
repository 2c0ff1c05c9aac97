import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, setupAdmin, type Client, type TestApp } from '../../../test/helpers/app.js'

describe.each(DIALECTS)('%s: Markdown preview', (dialect) => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await setupAdmin(t.app)
  })
  afterAll(async () => t.close())

  it('renders what a saved post would show, sanitised the same way', async () => {
    const res = await admin.post('/api/markdown/preview', {
      markdown: '**bold** <script>alert(1)</script> [x](javascript:alert(1)) https://example.com',
    })
    expect(res.statusCode).toBe(200)
    const { html } = res.json<{ html: string }>()
    expect(html).toContain('<strong>bold</strong>')
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toMatch(/<script|href="javascript:/i)
    expect(html).toContain('<a href="https://example.com"')
  })

  it('refuses anonymous callers, a missing CSRF header and bad bodies', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown: 'x' } })).statusCode).toBe(401)
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/markdown/preview', headers: { cookie: admin.cookie }, payload: { markdown: 'x' } }))
        .statusCode,
    ).toBe(403)
    expect((await admin.post('/api/markdown/preview', { markdown: 1 })).statusCode).toBe(400)
    expect((await admin.post('/api/markdown/preview', { markdown: 'x', extra: true })).statusCode).toBe(400)
    expect((await admin.post('/api/markdown/preview', { markdown: 'x'.repeat(100_001) })).statusCode).toBe(400)
  })
})
