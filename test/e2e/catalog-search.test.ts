import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

// The learning catalogue is found through search and linked from its community (issue 14): on a phone, a
// learner searches for a word of a lesson's body, opens the lesson from the catalogue results, follows the
// link back to its community and finds the lesson in the community's "Learning" section.
describe.each(DIALECTS)('browser on %s: the catalogue in search and on community pages', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    const mia = await loggedInPerson(server.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    await loggedInPerson(server.app, { name: 'Ana Learner', email: 'ana@example.com' })
    expect(
      (await mia.post('/api/communities', { name: 'Harbour pilots', purpose: 'Bringing ships in', visibility: 'open' })).statusCode,
    ).toBe(201)
    const lesson = await mia.post('/api/learning/lessons', {
      title: 'Berthing in a crosswind',
      description: 'How our pilots bring a ship alongside when the wind is on the beam.',
      pages: [{ title: 'The approach', body: 'Order the **tugboat** early, and make the approach slower than feels right.' }],
      community: 'harbour-pilots',
    })
    expect(lesson.statusCode, lesson.body).toBe(201)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('finds a lesson by a word of its body at 390 px, and links it with its community both ways', async () => {
    const ana = await openPage(browser, server)
    await ana.page.setViewportSize({ width: 390, height: 844 })
    await logIn(ana.page, 'ana@example.com')
    const box = ana.page.getByRole('combobox', { name: 'Search questions, stories, practices and lessons' })
    await box.fill('tugboat')
    await box.press('Enter')
    await expectOneH1(ana.page, 'Search')
    const results = ana.page.getByRole('list', { name: 'Learning catalogue results' })
    await expect.poll(() => results.getByRole('link', { name: 'Berthing in a crosswind' }).isVisible(), UNTIL_SHOWN).toBe(true)
    expect(await results.getByText('Lesson', { exact: true }).isVisible()).toBe(true)
    expect(await results.getByRole('link', { name: 'Harbour pilots' }).isVisible()).toBe(true)
    expect(await ana.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await seriousA11yViolations(ana.page)).toEqual([])

    await results.getByRole('link', { name: 'Berthing in a crosswind' }).click()
    await expectOneH1(ana.page, 'Berthing in a crosswind')
    await ana.page.getByRole('link', { name: 'Harbour pilots' }).click()
    await expectOneH1(ana.page, 'Harbour pilots')
    const learning = ana.page.getByRole('list', { name: 'This community’s learning' })
    await expect.poll(() => learning.getByRole('link', { name: 'Berthing in a crosswind' }).isVisible(), UNTIL_SHOWN).toBe(true)
    expect(await ana.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await seriousA11yViolations(ana.page)).toEqual([])
    expect(ana.problems).toEqual([])
    await ana.context.close()
  })
})
