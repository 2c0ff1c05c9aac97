import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, startE2eServer, WEB_DIR, type E2eServer } from './harness.js'
import { openPage } from './flows.js'

// What a real browser gets for the built app (issue 10, item 9): the script compressed, fingerprinted assets
// cached for good, and no public source map.
describe.each(DIALECTS)('browser on %s: serving the web app', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('gets the script compressed and immutable, and no source map', async () => {
    const { context, page } = await openPage(browser, server)
    const scripts: Response[] = []
    page.on('response', (r) => {
      if (r.url().includes('/assets/') && r.url().endsWith('.js')) scripts.push(r)
    })
    await page.goto('/setup')
    await page.waitForLoadState('networkidle')
    expect(scripts.length).toBeGreaterThan(0)
    for (const r of scripts) {
      const headers = await r.allHeaders()
      expect(['br', 'gzip']).toContain(headers['content-encoding'])
      expect(headers['cache-control']).toBe('public, max-age=31536000, immutable')
      const map = await page.request.get(`${r.url()}.map`)
      expect(map.status()).not.toBe(200)
      expect(await map.text()).not.toMatch(/"sources"/)
    }
    await context.close()
  })
})

// The real build (browser tests need it, and npm test makes it first): every script has compressed copies and
// no public map link.
describe('the web build', () => {
  it('writes .br and .gz beside each script and links no source map', () => {
    const dir = path.join(WEB_DIR, 'assets')
    const scripts = fs.readdirSync(dir).filter((f) => f.endsWith('.js'))
    expect(scripts.length).toBeGreaterThan(0)
    for (const f of scripts) {
      const body = fs.readFileSync(path.join(dir, f))
      if (body.length >= 1024) {
        expect(fs.existsSync(path.join(dir, `${f}.gz`))).toBe(true)
        expect(fs.existsSync(path.join(dir, `${f}.br`))).toBe(true)
      }
      expect(body.toString()).not.toMatch(/sourceMappingURL/)
    }
  })
})
