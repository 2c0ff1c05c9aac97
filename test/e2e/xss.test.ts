import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DIALECTS } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { collectDialogs, expectInert, installTraps, loadPayloads } from './xss-support.js'

const PAYLOADS = loadPayloads()
const LONG = 240_000

describe.each(DIALECTS)('browser on %s: an XSS corpus posted everywhere text goes in stays inert when rendered', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let ana: Client
  let raj: Client
  const posts: { id: number; title: string; payload: string }[] = []

  beforeAll(async () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(50)
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    ana = await loggedInPerson(server.app, { name: 'Ana Author', email: 'ana@example.com' })
    raj = await loggedInPerson(server.app, { name: 'Raj Reader', email: 'raj@example.com' })
    expect((await ana.post('/api/communities', { name: 'XSS lab', purpose: 'Payloads', visibility: 'open' })).statusCode).toBe(201)
    // Community names and purposes too, for the directory and the community pages.
    for (const payload of PAYLOADS.slice(0, 8)) {
      const res = await ana.post('/api/communities', {
        name: `C ${payload}`.slice(0, 100),
        purpose: payload,
        tags: [payload.slice(0, 60)],
        visibility: 'open',
      })
      expect(res.statusCode, res.body).toBe(201)
    }
    for (const [i, payload] of PAYLOADS.entries()) {
      const title = `P${i + 1} ${payload}`.slice(0, 300)
      const fields = { context: payload, steps: payload, evidence: payload }
      const res = await ana.post('/api/communities/xss-lab/posts', {
        kind: 'practice',
        title,
        body: payload,
        tags: [payload.slice(0, 60), 'xss'],
        fields,
      })
      expect(res.statusCode, res.body).toBe(201)
      const id = res.json<{ id: number }>().id
      posts.push({ id, title: title.trim(), payload })
      // A comment (which notifies Ana, with an excerpt) and a thanks note (shown on learned-from pages).
      expect((await raj.post(`/api/posts/${id}/comments`, { body: payload })).statusCode).toBe(201)
      expect((await raj.post(`/api/posts/${id}/thanks`, { kind: 'learned', note: payload.slice(0, 2000) })).statusCode).toBe(201)
    }
    // An edit keeps the payload in the history, which is shown as text.
    expect((await ana.patch(`/api/posts/${posts[0]!.id}`, { body: PAYLOADS.join('\n\n') })).statusCode).toBe(200)
  }, LONG)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function session(email: string): Promise<{ context: BrowserContext; page: Page; dialogs: string[]; problems: string[] }> {
    const opened = await openPage(browser, server)
    await installTraps(opened.context)
    const dialogs = collectDialogs(opened.page)
    await logIn(opened.page, email)
    return { ...opened, dialogs }
  }

  it('catches a payload that does get into the page (the traps themselves are checked)', async () => {
    const { context, page, dialogs } = await session('raj@example.com')
    await page.goto(`/posts/${posts[0]!.id}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await expectInert(page, dialogs, 'before')
    // Markup inserted as HTML, as a missing sanitiser would: the CSP blocks the handler and the trap sees it.
    await page.evaluate(() => document.querySelector('.prose')?.insertAdjacentHTML('beforeend', '<img src=x onerror=__xss(0)>'))
    await expect(expectInert(page, dialogs, 'inserted handler')).rejects.toThrow(/inserted handler: payloads ran/)
    await page.evaluate(() => document.querySelector('.prose img[onerror]')?.remove())
    await page.evaluate(() => document.querySelector('.prose')?.insertAdjacentHTML('beforeend', '<a href="javascript:__xss(0)">x</a>'))
    await expect(expectInert(page, dialogs, 'inserted link')).rejects.toThrow(/inserted link: dangerous markup/)
    await page.evaluate(() => document.querySelector('.prose a[href^="javascript"]')?.remove())
    // Code that does run (here, through the test's own hands) is reported by the trap.
    await page.evaluate(() => (window as unknown as { __xss: (n: number) => void }).__xss(0))
    await expect(expectInert(page, dialogs, 'ran')).rejects.toThrow(/ran: payloads ran/)
    await context.close()
  })

  it(
    'renders every payload as a thread (title, body, practice fields, tags, comment), with its history',
    async () => {
      const { context, page, dialogs, problems } = await session('ana@example.com')
      for (const post of posts) {
        await page.goto(`/posts/${post.id}`)
        const h1 = page.getByRole('heading', { level: 1 })
        await h1.waitFor()
        // The title is shown exactly as written: as text, neither run nor stripped.
        await expect.poll(() => h1.textContent(), UNTIL_SHOWN).toBe(post.title)
        await expect.poll(() => page.getByRole('list', { name: 'Comments' }).count(), UNTIL_SHOWN).toBe(1)
        await expectInert(page, dialogs, `thread of payload ${post.title}`)
      }
      await page.goto(`/posts/${posts[0]!.id}`)
      await page.getByRole('button', { name: 'History' }).click()
      await page.getByRole('region', { name: /Earlier versions/ }).waitFor()
      await expectInert(page, dialogs, 'revision history')
      expect(problems).toEqual([])
      await context.close()
    },
    LONG,
  )

  it(
    'searches for every payload: the query, the snippets, titles and tags stay text',
    async () => {
      const { context, page, dialogs, problems } = await session('raj@example.com')
      for (const payload of PAYLOADS) {
        await page.goto(`/search?q=${encodeURIComponent(payload.slice(0, 200))}`)
        await page
          .getByRole('status')
          .filter({ hasText: /result|Nothing found/ })
          .waitFor()
        // A one-line input drops line breaks; everything else is kept as typed.
        await expect(page.getByLabel('Search for').inputValue()).resolves.toBe(payload.slice(0, 200).replace(/[\r\n]/g, ''))
        await expectInert(page, dialogs, `search for ${payload}`)
      }
      // Broad words hit many payload posts at once: their snippets are server-escaped text with <mark>.
      for (const q of ['script xss', 'javascript', 'img onerror', 'svg', 'iframe', 'style']) {
        await page.goto(`/search?q=${encodeURIComponent(q)}`)
        await page.getByRole('list', { name: 'Results' }).waitFor()
        await expect.poll(() => page.locator('.snippet mark').count(), UNTIL_SHOWN).toBeGreaterThan(0)
        await expectInert(page, dialogs, `search for ${q}`)
      }
      // The header's suggestions list payload titles.
      const box = page.getByRole('combobox', { name: 'Search questions, stories, practices and lessons' })
      for (const q of ['script', 'img', 'javascript', 'click']) {
        await box.fill(q)
        await page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().waitFor()
        await expectInert(page, dialogs, `suggestions for ${q}`)
      }
      expect(problems).toEqual([])
      await context.close()
    },
    LONG,
  )

  it(
    'previews every payload in the editor',
    async () => {
      const { context, page, dialogs, problems } = await session('ana@example.com')
      await page.goto('/communities/xss-lab/new?kind=practice')
      const body = page.getByLabel('The practice in short', { exact: true })
      const preview = page.getByRole('region', { name: 'Preview of The practice in short' })
      for (const payload of PAYLOADS) {
        const rendered = page.waitForResponse(
          (r) => r.url().endsWith('/api/markdown/preview') && r.request().postDataJSON()?.markdown === payload,
        )
        await body.fill(payload)
        await rendered
        await preview.locator('.prose').waitFor()
        await expectInert(page, dialogs, `preview of ${payload}`)
      }
      expect(problems).toEqual([])
      await context.close()
    },
    LONG,
  )

  it(
    'shows payloads in community pages, notifications and learned-from pages',
    async () => {
      const { context, page, dialogs, problems } = await session('ana@example.com')
      await page.goto('/communities')
      await page.getByRole('list', { name: 'Communities', exact: true }).waitFor()
      await expectInert(page, dialogs, 'directory')
      const slugs = await page
        .getByRole('list', { name: 'Communities', exact: true })
        .locator('a.community-card-name')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
      expect(slugs.length).toBe(9)
      for (const href of slugs) {
        await page.goto(href)
        await page.getByRole('heading', { level: 1 }).waitFor()
        await page.getByRole('heading', { name: 'Purpose' }).waitFor()
        await expectInert(page, dialogs, `community ${href}`)
        await page.goto(`${href}/members`)
        await page.getByRole('table').waitFor()
        await expectInert(page, dialogs, `members of ${href}`)
      }
      await page.goto('/communities/xss-lab')
      await page.getByRole('list', { name: 'Practices' }).waitFor()
      await expectInert(page, dialogs, 'community home with payload titles')
      // The home lists posts with plain-text excerpts of their (payload) bodies: shown as text, exactly as
      // the API gives them, with no element inside.
      const home = (await ana.get('/api/communities/xss-lab/home')).json<{ practices: { excerpt: string }[] }>()
      const excerpts = page.getByRole('list', { name: 'Practices' }).locator('.post-summary-excerpt')
      await expect.poll(() => excerpts.allTextContents(), UNTIL_SHOWN).toEqual(home.practices.map((p) => p.excerpt).filter(Boolean))
      await expect.poll(() => excerpts.count(), UNTIL_SHOWN).toBeGreaterThan(0)
      expect(await excerpts.evaluateAll((els) => els.filter((e) => e.children.length > 0).length)).toBe(0)

      await page.goto('/notifications')
      const list = page.getByRole('list', { name: 'Notifications' })
      await list.waitFor()
      await list.getByRole('listitem').first().waitFor()
      while (await page.getByRole('button', { name: 'Show older' }).isVisible()) {
        const before = await list.getByRole('listitem').count()
        await page.getByRole('button', { name: 'Show older' }).click()
        await expect.poll(() => list.getByRole('listitem').count(), UNTIL_SHOWN).toBeGreaterThan(before)
      }
      await expect.poll(() => list.getByRole('listitem').count(), UNTIL_SHOWN).toBeGreaterThanOrEqual(PAYLOADS.length)
      await expectInert(page, dialogs, 'notifications')

      await page.goto(`/people/${ana.id}/learned-from`)
      await page.getByRole('region', { name: 'Whom Ana Author helped' }).waitFor()
      await expect.poll(() => page.locator('.learned-from-entry').count(), UNTIL_SHOWN).toBe(PAYLOADS.length)
      await expectInert(page, dialogs, 'learned-from page')
      expect(problems).toEqual([])
      await context.close()
    },
    LONG,
  )
})
