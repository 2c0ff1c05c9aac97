import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

// Issue 10, defect 6 (in part): on a fresh install the empty Communities page gives the next step, not
// "No community matches."
describe.each(DIALECTS)('browser on %s: first touch, empty states give a next step (issue 10: 6)', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the Communities page of a fresh organisation offers to start the first community', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/communities')
    await expectOneH1(page, 'Communities')
    await page.getByRole('status').getByText('There is no community yet.').waitFor()
    await expect(page.getByText('No community matches.').count()).resolves.toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'empty-communities')
    await page.getByRole('link', { name: 'Start the first one' }).click()
    await expectOneH1(page, /Start a community/)
    // A search that finds nothing still says so, and offers to start what was looked for.
    await page.goto('/communities')
    await page.getByLabel('Search communities').fill('welding')
    await page.getByRole('status').getByText('No community matches.').waitFor()
    await page.getByRole('link', { name: 'start the community' }).waitFor()
    expect(problems).toEqual([])
    await context.close()
  })

  it('notifications, search, learned from and a new community’s feed each say what to do next, with a link', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/notifications')
    await page.getByRole('link', { name: 'Join or follow a community' }).waitFor()
    await page.getByRole('main').getByRole('link', { name: 'ask a question' }).waitFor()
    await screenshot(page, 'empty-notifications')

    await page.goto('/search?q=welding')
    await page.getByRole('status').getByText('Nothing found for “welding”.').waitFor()
    await page.getByRole('link', { name: 'ask it as a question' }).click()
    await expect.poll(() => new URL(page.url()).search, UNTIL_SHOWN).toBe('?q=welding')

    const me = await page.evaluate(async () => (await (await fetch('/api/auth/session')).json()).viewer.id as string)
    await page.goto(`/people/${me}/learned-from`)
    await page.getByRole('link', { name: 'waiting for you' }).waitFor()
    await screenshot(page, 'empty-learned-from')

    await page.goto('/communities/new')
    await page.getByLabel('Name', { exact: true }).fill('Welding')
    await page.getByLabel('Purpose').fill('Joining metal')
    await page.getByRole('button', { name: 'Start the community' }).click()
    await expectOneH1(page, 'Welding')
    await page.getByRole('link', { name: 'Ask the first question' }).click()
    await expectOneH1(page, 'Share in Welding')
    expect(problems).toEqual([])
    await context.close()
  })
})
