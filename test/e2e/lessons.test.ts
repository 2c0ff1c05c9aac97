import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

// A 1×1 PNG, to embed in a page.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

// Markdown lessons (issue 14, "take a module"): a manager writes one with an image, a learner reads it page by
// page, leaves, and comes back where they left off; the last page finishes it.
describe.each(DIALECTS)('browser on %s: Markdown lessons', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    await loggedInPerson(server.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    await loggedInPerson(server.app, { name: 'Ana Learner', email: 'ana@example.com' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('is written with media by a manager, and read, left and resumed by a learner', async () => {
    const mia = await openPage(browser, server)
    await logIn(mia.page, 'mia@example.com')
    await mia.page.goto('/learning')
    await mia.page.getByRole('link', { name: 'Write a lesson' }).click()
    await expectOneH1(mia.page, 'Write a lesson')
    await mia.page.getByLabel('Title', { exact: true }).fill('Running an incident review')
    await mia.page.getByLabel('Page title').fill('Why we review')
    await mia.page.getByLabel('Content (Markdown)').fill('We look for **causes**, not culprits.')
    await mia.page.getByRole('button', { name: 'Add a page' }).click()
    await mia.page.getByLabel('Page title').nth(1).fill('The timeline')
    await mia.page.getByLabel('Content (Markdown)').nth(1).fill('Write the timeline first, from logs and chat.')
    await mia.page.getByRole('button', { name: 'Add a page' }).click()
    await mia.page.getByLabel('Page title').nth(2).fill('Actions')
    await mia.page.getByLabel('Content (Markdown)').nth(2).fill('Every action has one owner and a date.')
    await mia.page.getByRole('button', { name: 'Save and add media' }).click()
    await expectOneH1(mia.page, 'Edit the lesson')
    await mia.page
      .getByLabel('Add an image, audio or video file to this page')
      .nth(1)
      .setInputFiles({ name: 'Timeline board.png', mimeType: 'image/png', buffer: PNG })
    await expect.poll(() => mia.page.getByText('Added timeline-board.png at the end of the page.').isVisible(), UNTIL_SHOWN).toBe(true)
    expect(await mia.page.getByLabel('Content (Markdown)').nth(1).inputValue()).toContain('![timeline-board.png](media/timeline-board.png)')
    expect(await seriousA11yViolations(mia.page)).toEqual([])
    await mia.page.getByRole('button', { name: 'Save the lesson' }).click()
    await expectOneH1(mia.page, 'Running an incident review')
    expect(mia.problems).toEqual([])
    const url = new URL(mia.page.url()).pathname
    await mia.context.close()

    const ana = await openPage(browser, server)
    await logIn(ana.page, 'ana@example.com')
    await ana.page.goto('/learning')
    await ana.page.getByRole('link', { name: 'Running an incident review' }).click()
    await expectOneH1(ana.page, 'Running an incident review')
    await expect.poll(() => ana.page.getByRole('heading', { name: 'Why we review' }).isVisible(), UNTIL_SHOWN).toBe(true)
    expect(await ana.page.locator('.lesson-body strong').textContent()).toBe('causes')
    await ana.page.getByRole('button', { name: 'Next' }).click()
    await expect.poll(() => ana.page.getByText('1 of 3 pages read').isVisible(), UNTIL_SHOWN).toBe(true)
    // The embedded image loads from the lesson's own media.
    const image = ana.page.getByRole('img', { name: 'timeline-board.png' })
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), UNTIL_SHOWN).toBe(1)
    expect(await seriousA11yViolations(ana.page)).toEqual([])
    await ana.context.close()

    // Back later, on a phone: the lesson reopens on the page she left it at.
    const again = await openPage(browser, server)
    await again.page.setViewportSize({ width: 390, height: 844 })
    await logIn(again.page, 'ana@example.com')
    await again.page.goto(url)
    await expect.poll(() => again.page.getByRole('heading', { name: 'The timeline' }).isVisible(), UNTIL_SHOWN).toBe(true)
    expect(await again.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await again.page.getByRole('button', { name: 'Next' }).click()
    await again.page.getByRole('button', { name: 'Finish the lesson' }).click()
    await expect.poll(() => again.page.getByText('You finished this lesson.').isVisible(), UNTIL_SHOWN).toBe(true)
    expect(await again.page.getByText('3 of 3 pages read · finished').isVisible()).toBe(true)
    expect(again.problems).toEqual([])
  })
})
