import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SCORM_DIR, zipFolder } from '../../scripts/demo/scorm-package.js'
import { DIALECTS, type Client } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

// The learning catalogue is found through search and linked from its community (issue 14): on a phone, a
// learner searches for a word of a lesson's body, opens the lesson from the catalogue results, follows the
// link back to its community and finds the lesson in the community's "Learning" section.
describe.each(DIALECTS)('browser on %s: the catalogue in search and on community pages', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let admin: Client

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    admin = await seedAdmin(server)
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

  it("plays the demo's own SCORM 1.2 package: pages, the check, passed with its score, and resumed where it was left", async () => {
    const upload = await admin.request({
      method: 'POST',
      url: '/api/learning/scorm',
      headers: { 'content-type': 'application/zip' },
      payload: zipFolder(DEMO_SCORM_DIR),
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const id = upload.json<{ id: string }>().id
    const ana = await openPage(browser, server)
    await ana.page.setViewportSize({ width: 390, height: 844 })
    await logIn(ana.page, 'ana@example.com')
    await ana.page.goto(`/learning/${id}`)
    await expectOneH1(ana.page, 'Looking after customer data')
    const course = ana.page.frameLocator('iframe.player-frame')
    await expect.poll(() => course.getByText('Page 1 of 4').isVisible(), UNTIL_SHOWN).toBe(true)
    for (let i = 0; i < 3; i++) await course.getByRole('button', { name: 'Next' }).click()
    await course.getByLabel('Account ids, plans and cancellation dates').check()
    await course.getByLabel('In the analysis workspace').check()
    await course.getByLabel('The ticket number').check()
    await course.getByLabel('Within the hour').check()
    await course.getByRole('button', { name: 'Submit my answers' }).click()
    await expect.poll(() => course.getByRole('status').textContent(), UNTIL_SHOWN).toBe('You scored 100%. Passed: thank you.')
    const attempt = async () =>
      (await (await ana.page.request.get(`/api/learning/modules/${id}/items/0/attempt`)).json()) as Record<string, unknown>
    await expect.poll(async () => (await attempt()).status, UNTIL_SHOWN).toBe('passed')
    expect(await attempt()).toMatchObject({ score: 100, location: '4' })
    // Back later: the module opens on the page it was left at, with the answers kept.
    await ana.page.goto('/learning')
    await ana.page.goto(`/learning/${id}`)
    await expect.poll(() => course.getByText('Page 4 of 4').isVisible(), UNTIL_SHOWN).toBe(true)
    expect(await course.getByLabel('Within the hour').isChecked()).toBe(true)
    expect(ana.problems).toEqual([])
    await ana.context.close()
  })
})
