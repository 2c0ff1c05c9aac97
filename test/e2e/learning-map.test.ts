import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { screenshot } from './knowledge-support.js'
import { expectOneH1, logIn, openPage, seedAdmin, seedStewardWithCommunities } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

async function fitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 })
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), UNTIL_SHOWN).toBeLessThanOrEqual(390)
  expect(await seriousA11yViolations(page)).toEqual([])
  await screenshot(page, 'learning-map-390')
  await page.setViewportSize({ width: 1280, height: 900 })
}

// Learning maps (issue 14): a steward builds a small map of the community's skills from its practices and by
// hand; a learner, placed on it by what they did, picks a goal and sees the path to it drawn.
describe.each(DIALECTS)('browser on %s: see my path on a learning map', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    const sam = await seedStewardWithCommunities(server)
    const ana = await loggedInPerson(server.app, { name: 'Ana Learner', email: 'ana@example.com' })
    await ana.post('/api/communities/data-engineering/join', {})
    const practice = { kind: 'practice', body: 'Do it', fields: { context: 'batch', steps: '1. do', evidence: 'works' } }
    const post = (body: object) => sam.post('/api/communities/data-engineering/posts', body)
    await post({ ...practice, title: 'Idempotent loads', tags: ['pipelines'] })
    await post({ ...practice, title: 'Row-count checks', tags: ['data-quality'] })
    const q = (await post({ kind: 'question', title: 'How do I rerun a day?', body: 'x', tags: ['pipelines'] })).json<{ id: number }>().id
    await ana.post(`/api/posts/${q}/answers`, { body: 'Make the load idempotent and rerun it.' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a steward builds a small map; a learner picks a goal and sees the drawn path', async () => {
    const steward = await openPage(browser, server)
    await logIn(steward.page, 'sam@example.com')
    await steward.page.goto('/communities/data-engineering')
    await steward.page.getByRole('link', { name: 'Learning map' }).click()
    await expectOneH1(steward.page, 'Data engineering: learning map')
    await steward.page.getByText('This community has no learning map yet.').waitFor()
    await steward.page.getByRole('button', { name: 'Suggest nodes from practices' }).click()
    await steward.page.getByText('Added 2.').waitFor()
    const editor = steward.page.getByRole('region', { name: 'Edit the map' })
    await editor.getByLabel('Name').fill('Data platform lead')
    await editor.getByRole('button', { name: 'Add to the map' }).click()
    await steward.page.locator('svg a[aria-label="Data platform lead"]').waitFor()
    await editor.getByLabel('Node to change').selectOption({ label: 'Data platform lead' })
    for (const prerequisite of ['pipelines', 'data-quality']) {
      await editor.getByLabel('Data platform lead builds on').selectOption({ label: prerequisite })
      await editor.getByRole('button', { name: 'Link', exact: true }).click()
      await editor.getByRole('button', { name: `Remove link to ${prerequisite}` }).waitFor()
    }
    expect(await seriousA11yViolations(steward.page)).toEqual([])
    await screenshot(steward.page, 'learning-map-steward')
    await steward.context.close()

    const learner = await openPage(browser, server)
    await logIn(learner.page, 'ana@example.com')
    await learner.page.goto('/learning')
    await learner.page.getByRole('link', { name: 'Data engineering: learning map' }).click()
    await expectOneH1(learner.page, 'Data engineering: learning map')
    // Her answer on #pipelines places her there; a member cannot edit.
    await learner.page.locator('svg a[aria-label="pipelines, where you are"]').waitFor()
    expect(await learner.page.getByRole('region', { name: 'Edit the map' }).count()).toBe(0)
    await learner.page.getByLabel('Who I want to become').selectOption({ label: 'Data platform lead' })
    await learner.page.getByRole('button', { name: 'Set my goal' }).click()
    const drawn = learner.page.locator('svg.lmap-svg')
    await drawn.locator('a[aria-label="1. data-quality, a step on your path, step 1 of 2"]').waitFor()
    await drawn.locator('a[aria-label="2. Data platform lead, your goal, step 2 of 2"]').waitFor()
    expect(await drawn.locator('a[data-state="known"]').count()).toBe(1)
    expect(await drawn.locator('path.lmap-edge-path').count()).toBe(2)
    const steps = learner.page.getByRole('list', { name: 'Your path' }).getByRole('heading', { level: 3 })
    expect(await steps.allTextContents()).toEqual(['data-quality', 'Data platform lead'])
    // Each step links to its resources and the people who know it.
    await learner.page.getByRole('list', { name: 'Your path' }).getByRole('link', { name: 'Row-count checks' }).waitFor()
    // A node chosen on the drawing opens its details.
    await drawn.locator('a[aria-label^="pipelines"]').click()
    await learner.page.getByRole('region', { name: 'pipelines' }).getByText('You are here: 1 answer on #pipelines').waitFor()
    expect(await seriousA11yViolations(learner.page)).toEqual([])
    await screenshot(learner.page, 'learning-map-learner')
    await fitsPhone(learner.page)

    // The goal is saved: it is still there after a reload, and the table says the same as the drawing.
    await learner.page.reload()
    await drawn.locator('a[aria-label="2. Data platform lead, your goal, step 2 of 2"]').waitFor()
    await learner.page.getByText('The map as a table').click()
    const row = learner.page.getByRole('row', { name: /^Data platform lead/ })
    await row.getByText('Your goal; step 2 of 2').waitFor()
    expect(await seriousA11yViolations(learner.page)).toEqual([])
    expect(learner.problems).toEqual([])
  })
})
