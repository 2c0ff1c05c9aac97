import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

const FIXTURES = path.resolve('test/fixtures/scorm')

// Blended learning, e-learning part (issue 14): an admin adds SCORM packages; a learner plays one, leaves, and
// comes back to where they were, with the tracking data intact; bad packages are refused with their reason.
describe.each(DIALECTS)('browser on %s: SCORM packages', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    await loggedInPerson(server.app, { name: 'Lena Learner', email: 'lena@example.com' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('an admin adds the 1.2 and 2004 packages; bad ones are refused with their reason and add nothing', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learning' }).click()
    await expectOneH1(page, 'Learning')
    await expect.poll(() => page.getByText('The catalogue is empty').isVisible(), UNTIL_SHOWN).toBe(true)
    for (const [file, reason] of [
      ['badscorm.zip', /inside the folder "badscorm\/"/],
      ['invalid.zip', /no imsmanifest\.xml/],
      ['validaicc.zip', /AICC/],
      ['traversal.zip', /\.\.\/escaped\.html/],
    ] as const) {
      await page.getByLabel('Package (.zip)').setInputFiles(path.join(FIXTURES, file))
      await page.getByRole('button', { name: 'Add to the catalogue' }).click()
      await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toMatch(reason)
    }
    expect(await page.getByRole('listitem').filter({ hasText: 'SCORM' }).count()).toBe(0)
    for (const file of ['singlesco_scorm12.zip', 'RuntimeBasicCalls_SCORM20043rdEdition.zip']) {
      await page.getByLabel('Package (.zip)').setInputFiles(path.join(FIXTURES, file))
      await page.getByRole('button', { name: 'Add to the catalogue' }).click()
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added' }).isVisible(), UNTIL_SHOWN).toBe(true)
    }
    await expect
      .poll(
        () =>
          page
            .locator('.learning-list')
            .getByRole('link', { name: /^Golf Explained/ })
            .count(),
        UNTIL_SHOWN,
      )
      .toBe(2)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })

  it('a learner plays the SCORM 2004 package, leaves, and resumes where they left with their data intact', async () => {
    const { context, page } = await openPage(browser, server)
    page.on('dialog', (dialog) => void dialog.accept())
    await logIn(page, 'lena@example.com')
    await page.goto('/learning')
    await page.getByRole('link', { name: 'Golf Explained - Run-time Basic Calls' }).click()
    await expectOneH1(page, 'Golf Explained - Run-time Basic Calls')
    const course = page.frameLocator('iframe.player-frame')
    await course.locator('#butNext').click()
    await course.locator('#butNext').click()
    await course.locator('#butNext').click()
    await expect.poll(() => course.locator('#contentFrame').getAttribute('src'), UNTIL_SHOWN).toMatch(/OtherScoring\.html$/)
    // Exit, keeping progress: the content suspends and terminates, and the player saves.
    await course.locator('#butExit').click()
    await expect.poll(() => page.getByTestId('scorm-status').textContent(), UNTIL_SHOWN).toBe('In progress')
    const id = new URL(page.url()).pathname.split('/').pop()!
    const saved = await page.request.get(`/api/learning/modules/${id}/items/0/attempt`)
    expect(await saved.json()).toMatchObject({ status: 'incomplete', location: '3', cmi: { 'cmi.exit': 'suspend' } })

    // Come back later: the content offers to resume (accepted) and opens the page where the learner left.
    await page.goto('/learning')
    await page.getByRole('link', { name: 'Golf Explained - Run-time Basic Calls' }).click()
    await expect.poll(() => course.locator('#contentFrame').getAttribute('src'), UNTIL_SHOWN).toMatch(/OtherScoring\.html$/)
    await course.locator('#butNext').click()
    await expect.poll(() => course.locator('#contentFrame').getAttribute('src'), UNTIL_SHOWN).toMatch(/RulesOfGolf\.html$/)
    await course.locator('#butExit').click()
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`/api/learning/modules/${id}/items/0/attempt`)).json()) as { location: string }).location,
        UNTIL_SHOWN,
      )
      .toBe('4')
    await context.close()
  })

  it('plays the SCORM 1.2 package with its run-time API in place, at phone width too', async () => {
    const { context, page } = await openPage(browser, server)
    await page.setViewportSize({ width: 390, height: 844 })
    await logIn(page, 'lena@example.com')
    await page.goto('/learning')
    await page.getByRole('link', { name: 'Golf Explained - CP Single SCO' }).click()
    await expectOneH1(page, 'Golf Explained - CP Single SCO')
    await expect
      .poll(() => page.frameLocator('iframe.player-frame').getByRole('heading', { level: 1 }).textContent(), UNTIL_SHOWN)
      .toBe('Not implemented yet')
    expect(await page.evaluate(() => typeof (window as unknown as { API?: { LMSInitialize?: unknown } }).API?.LMSInitialize)).toBe(
      'function',
    )
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await context.close()
  })
})
