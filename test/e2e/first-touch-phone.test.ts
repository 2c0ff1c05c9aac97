import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { EXISTING, PEOPLE, seedAskWorld } from './ask-support.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

// Issue 10, defect 3: on a phone (390 × 844) the ask flow's suggestions show while typing, and the
// navigation folds behind a Menu button instead of taking the top of every page.
const PHONE = { width: 390, height: 844 }

/** The element's top and bottom relative to the window, as the person sees it now (no scrolling done). */
const boxOf = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect()
    return r ? { top: r.top, bottom: r.bottom } : null
  }, selector)

describe.each(DIALECTS)('browser on %s: first touch on a phone (issue 10: 3)', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    await seedAskWorld(server)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows a suggestion in the viewport while the question is typed', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await page.setViewportSize(PHONE)
    await logIn(page, PEOPLE.ana.email)
    await page.goto('/ask')
    await expectOneH1(page, 'Ask a question')
    const question = page.getByLabel('Question', { exact: true })
    await question.click()
    await question.pressSequentially('How do we backfill a partition safely?', { delay: 10 })
    const hit = page
      .getByRole('list', { name: 'Existing answers and similar questions' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: new RegExp(EXISTING) }) })
    await hit.waitFor()
    // The first suggestion is on screen with the field being typed in: both inside the window.
    await expect.poll(() => boxOf(page, '.ask-hit'), UNTIL_SHOWN).toMatchObject({ top: expect.any(Number) })
    const first = await boxOf(page, '.ask-hit')
    const field = await question.boundingBox()
    expect(field!.y).toBeGreaterThanOrEqual(0)
    expect(first!.top).toBeGreaterThan(0)
    expect(first!.bottom).toBeLessThanOrEqual(PHONE.height)
    // The suggestion comes before the rest of the form (details, tags, "Post my question").
    const post = await page.getByRole('button', { name: 'Post my question' }).boundingBox()
    expect(post!.y).toBeGreaterThan(first!.top)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await expectAccessible(page)
    await screenshot(page, 'phone-ask-typing')
    expect(problems).toEqual([])
    await context.close()
  })

  it('folds the navigation behind a Menu button that opens it, and closes it on the way to a page', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await page.setViewportSize(PHONE)
    await logIn(page, PEOPLE.ana.email)
    const nav = page.getByRole('navigation', { name: 'Main' })
    const menu = page.getByRole('button', { name: 'Menu' })
    await expect(nav.isVisible()).resolves.toBe(false)
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false')
    // The page starts near the top: the heading is within the first 200 px.
    const h1 = await page.locator('h1').boundingBox()
    expect(h1!.y).toBeLessThan(200)
    await menu.click()
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true')
    await nav.getByRole('link', { name: 'Communities' }).click()
    await expectOneH1(page, 'Communities')
    await expect.poll(() => nav.isVisible(), UNTIL_SHOWN).toBe(false)
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false')
    await expectAccessible(page)
    // On a wide screen there is no Menu button: the navigation is always there.
    await page.setViewportSize({ width: 1280, height: 900 })
    await expect(menu.isVisible()).resolves.toBe(false)
    await expect(nav.isVisible()).resolves.toBe(true)
    expect(problems).toEqual([])
    await context.close()
  })
})
