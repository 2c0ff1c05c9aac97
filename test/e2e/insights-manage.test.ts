import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, login } from '../helpers/app.js'
import { runDiscovery, seedInsightsOrg, type InsightsOrg } from '../helpers/insights-org.js'
import { expectOneH1, logIn, openPage } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

// Insights' manager tools in the browser, on the small organisation of test/helpers/insights-org.ts: Morgan
// makes a one-click introduction that lands in Nia's connections, reads who is left out, simulates two
// reports leaving and reads a practice's spread with its chart, map and tables; an admin moves a department.
// Every page passes axe and fits a 390 px phone.

async function fitsPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expectAccessible(page)
  await screenshot(page, name)
  await page.setViewportSize({ width: 1280, height: 900 })
}

describe.each(DIALECTS)('browser on %s: Insights manager tools', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let org: InsightsOrg

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    org = await seedInsightsOrg(server.app)
    const admin = await login(server.app, org.admin.email)
    await runDiscovery(admin)
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a manager introduces an unconnected report in one click, and the introduction lands in connections', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, org.morgan.email)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
    await page.getByRole('navigation', { name: 'Insights' }).getByRole('link', { name: 'My team' }).click()
    await expectOneH1(page, 'My team')
    const team = page.getByRole('table', { name: "Your team's ties into communities of practice" })
    await expect.poll(() => team.locator('tbody tr').count(), UNTIL_SHOWN).toBe(4)
    await expect(team.locator('tbody tr').filter({ hasText: 'Nia Newcomer' }).textContent()).resolves.toContain('No ties yet')
    expect(await page.getByText('Oscar').count()).toBe(0)
    await expectAccessible(page)
    await fitsPhone(page, 'insights-team-390')

    await page.getByRole('button', { name: 'Introduce Nia Newcomer to Platform 0' }).click()
    await page.getByText('Introduced: both will find it in Connections.').first().waitFor()
    await page.getByRole('status').filter({ hasText: 'Introduction made' }).waitFor()
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()

    const nia = await openPage(browser, server)
    await logIn(nia.page, org.nia.email)
    await nia.page.goto('/connections')
    const matches = nia.page.getByRole('region', { name: 'My matches' })
    await expect.poll(() => matches.textContent(), UNTIL_SHOWN).toContain('Platform 0')
    await expect(matches.textContent()).resolves.toContain('Platform Guild')
    expect(nia.problems).toEqual([])
    await nia.context.close()
  })

  it('a manager reads who is left out, with filters that withhold small groups', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, org.morgan.email)
    await page.goto('/insights/exclusion')
    await expectOneH1(page, 'Who is left out')
    const figures = page.getByRole('table', { name: 'Signs of exclusion' })
    await expect.poll(() => figures.textContent(), UNTIL_SHOWN).toContain('still unconnected after 8 weeks')
    await expect(page.getByRole('region', { name: 'Your reports with no ties yet' }).textContent()).resolves.toContain('Nia Newcomer')
    await expect(
      page.getByRole('region', { name: 'Communities where no newcomer became a member in six months' }).textContent(),
    ).resolves.toContain('Sales Desk: 6 newcomers')
    await page.getByRole('combobox', { name: 'Department' }).selectOption('Engineering')
    const engineering = page.getByRole('table', { name: 'Signs of exclusion in Engineering' })
    await expect.poll(() => engineering.locator('tr').nth(1).textContent(), UNTIL_SHOWN).toContain('fewer than 5')
    await expectAccessible(page)
    await fitsPhone(page, 'insights-exclusion-390')
    expect(problems).toEqual([])
    await context.close()
  })

  it('a manager simulates two reports leaving and sees the topic that loses its last answerers', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, org.morgan.email)
    await page.goto('/insights/reorg')
    await expectOneH1(page, 'Reorg simulation')
    await page.getByRole('checkbox', { name: /Platform 1/ }).check()
    await page.getByRole('checkbox', { name: /Platform 2/ }).check()
    await page.getByRole('button', { name: 'Simulate' }).click()
    const topics = page.getByRole('table', { name: 'Topics that lose their answerers' })
    await expect.poll(() => topics.locator('tbody tr').filter({ hasText: 'terraform' }).textContent(), UNTIL_SHOWN).toContain('None left')
    const shape = page.getByRole('table', { name: 'The network before and after' })
    await expect(shape.locator('tbody tr').first().textContent()).resolves.toMatch(/People\d+\d+/)
    await expectAccessible(page)
    await fitsPhone(page, 'insights-reorg-390')
    expect(problems).toEqual([])
    await context.close()
  })

  it('an admin moves a department: the community loses its core and its links break', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, org.admin.email)
    await page.goto('/insights/reorg')
    await page.getByRole('checkbox', { name: /^Design \(7\)/ }).check()
    await page.getByRole('button', { name: 'Simulate' }).click()
    const communities = page.getByRole('table', { name: 'Communities affected' })
    const design = communities.locator('tbody tr').filter({ hasText: 'accessibility' })
    await expect.poll(() => design.textContent(), UNTIL_SHOWN).toContain('Yes')
    await expect(page.getByRole('table', { name: 'Links between communities that break' }).locator('tbody tr').count()).resolves.toBe(2)
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })

  it("a practice's spread: a curve and a map, each with its table, and where it could go next", async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, org.morgan.email)
    await page.goto('/insights/practices')
    await expectOneH1(page, 'Practice spread')
    await page.getByRole('link', { name: 'Blue-green deploys' }).click()
    await expectOneH1(page, 'Spread: Blue-green deploys')
    await page.locator('.recharts-line').first().waitFor()
    // The map: one tile per community shown, adopted ones dark (platform and design).
    await expect.poll(() => page.locator('.spread-tile').count(), UNTIL_SHOWN).toBe(3)
    await expect(page.locator('.spread-tile-adopted').count()).resolves.toBe(2)
    const curve = page.getByRole('table', { name: 'Adoption by month' })
    await expect.poll(() => curve.locator('tbody tr').count(), UNTIL_SHOWN).toBeGreaterThanOrEqual(3)
    await expect(curve.locator('tbody tr').last().textContent()).resolves.toMatch(/26$/)
    const communities = page.getByRole('table', { name: 'Communities and the practice' })
    await expect(communities.locator('tbody tr').filter({ hasText: 'accessibility' }).textContent()).resolves.toContain('fewer than 5')
    await expect(page.getByRole('region', { name: 'Most likely to benefit next' }).textContent()).resolves.toContain('sql')
    await expectAccessible(page)
    await fitsPhone(page, 'insights-spread-390')
    expect(problems).toEqual([])
    await context.close()
  })
})
