import type { Browser, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, startE2eServer, type E2eServer } from './harness.js'
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
