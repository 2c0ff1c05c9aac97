import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordInteractions, type InteractionInput } from '../../src/server/insights/service.js'
import { DIALECTS } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

const DAY_MS = 86_400_000

/**
 * Three communities of practice in a chain: platform (Morgan and five others, three of them Morgan's reports),
 * design (six) and data (five). One tie links platform to design, one links design to data, so a focus on
 * platform shows design at one step and data at two.
 */
async function seedOrganisation(server: E2eServer) {
  const morgan = await buildPerson(server.app, { name: 'Morgan Manager', email: 'morgan@example.com' })
  const platform = [morgan]
  for (let i = 0; i < 5; i++) platform.push(await buildPerson(server.app, { name: `Platform ${i}`, manager_id: i < 3 ? morgan.id : null }))
  const design = []
  for (let i = 0; i < 6; i++) design.push(await buildPerson(server.app, { name: `Designer ${i}`, email: `designer${i}@example.com` }))
  const data = []
  for (let i = 0; i < 5; i++) data.push(await buildPerson(server.app, { name: `Analyst ${i}` }))
  const ties: InteractionInput[] = []
  const now = Date.now()
  const dense = (group: { id: string }[], topics: string[]) => {
    for (const a of group)
      for (const b of group)
        if (a.id < b.id)
          for (let k = 0; k < 3; k++)
            ties.push({
              actorId: a.id,
              targetId: b.id,
              kind: 'answer',
              communityId: null,
              topics,
              at: new Date(now - (k * 20 + 5) * DAY_MS).toISOString(),
            })
  }
  dense(platform, ['kubernetes', 'terraform'])
  dense(design, ['accessibility', 'typography'])
  dense(data, ['sql', 'dbt'])
  const bridge = (a: { id: string }, b: { id: string }) =>
    ties.push({ actorId: a.id, targetId: b.id, kind: 'thanks', communityId: null, at: new Date(now - 10 * DAY_MS).toISOString() })
  bridge(platform[1]!, design[1]!)
  bridge(design[2]!, data[2]!)
  await recordInteractions(server.app.db, ties)
}

const status = (page: Page) => page.getByRole('status').filter({ hasText: /^Showing/ })

describe.each(DIALECTS)('browser on %s: the network map and trajectories', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    await seedOrganisation(server)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const doneRuns = async () => (await server.app.db.selectFrom('discovery_run').select('id').where('status', '=', 'done').execute()).length

  it('an admin runs discovery twice, then explores the map: search, focus, time slider, table, axe and 390 px', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
    await expectOneH1(page, 'Insights')
    for (let run = 1; run <= 2; run++) {
      await page.getByRole('button', { name: 'Run discovery' }).click()
      await page.getByRole('progressbar', { name: /^Discover/ }).waitFor()
      await expect.poll(doneRuns, { timeout: 60_000, interval: 100 }).toBe(run)
      await page.getByRole('progressbar', { name: 'Discovery finished' }).waitFor({ timeout: 60_000 })
    }
    await page.getByRole('link', { name: 'Network map' }).click()
    await expectOneH1(page, 'Network map')
    await expect.poll(() => status(page).textContent(), UNTIL_SHOWN).toContain('Showing 3 communities and 0 people')
    // sigma draws on its canvases (WebGL), loaded in their own chunk.
    await expect.poll(() => page.locator('[data-testid="network-map"] canvas').count(), UNTIL_SHOWN).toBeGreaterThan(0)
    await expectAccessible(page)
    await screenshot(page, 'insights-map')

    await page.getByLabel('Search the map').fill('kubernetes')
    await expect.poll(() => status(page).textContent(), UNTIL_SHOWN).toContain('; 1 match.')
    await page.getByLabel('Search the map').fill('')

    // Focus on platform: design is one step away, data two.
    const platformLabel = (await page.getByLabel('Focus on').locator('option').allTextContents()).find((t) => t.includes('kubernetes'))!
    await page.getByLabel('Focus on').selectOption({ label: platformLabel })
    await expect.poll(() => status(page).textContent(), UNTIL_SHOWN).toContain('Showing 2 communities')
    await page.getByLabel('Neighbours within').selectOption('2')
    await expect.poll(() => status(page).textContent(), UNTIL_SHOWN).toContain('Showing 3 communities')
    await page.getByLabel('Focus on').selectOption({ label: 'Everyone' })

    // The time slider goes back to the first run.
    const slider = page.getByLabel(/^Run:/)
    await expect(slider.getAttribute('max')).resolves.toBe('1')
    await slider.fill('0')
    await expect.poll(() => status(page).textContent(), UNTIL_SHOWN).toContain('The first run with a map.')
    await slider.fill('1')
    await expect.poll(() => status(page).textContent(), UNTIL_SHOWN).toContain('0 new, 0 grew, 0 shrank')

    await page.getByRole('tab', { name: 'Table' }).click()
    const table = page.getByRole('table', { name: 'Communities on the map' })
    await expect.poll(() => table.locator('tbody tr').count(), UNTIL_SHOWN).toBe(3)
    await expect(table.locator('tbody tr').filter({ hasText: 'sql' }).locator('td').first().textContent()).resolves.toBe('5')
    const links = page.getByRole('table', { name: 'Links between communities' }).locator('tbody tr')
    await expect(links.count()).resolves.toBe(2)
    // One person on each side carries each link: fewer than the minimum, so no figures, and at risk.
    await expect(links.first().textContent()).resolves.toContain('Fewer than 5')
    await expectAccessible(page)

    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.getByRole('tab', { name: 'Map' }).click()
    await expect.poll(() => page.locator('[data-testid="network-map"] canvas').count(), UNTIL_SHOWN).toBeGreaterThan(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await expectAccessible(page)
    await screenshot(page, 'insights-map-390')
    expect(problems).toEqual([])
    await context.close()
  })

  it("a manager sees themself and their reports on the map, a report's trajectory, and a community's typical path", async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, 'morgan@example.com')
    await page.goto('/insights/map')
    await expectOneH1(page, 'Network map')
    await expect.poll(() => status(page).textContent(), UNTIL_SHOWN).toContain('Showing 3 communities and 4 people')
    await page.getByRole('tab', { name: 'Table' }).click()
    const people = page.getByRole('table', { name: 'You and your direct reports' }).locator('tbody tr')
    await expect.poll(() => people.count(), UNTIL_SHOWN).toBe(4)
    await expect(people.first().textContent()).resolves.toContain('Morgan Manager (you)')
    await people.filter({ hasText: 'Platform 0' }).getByRole('link').click()
    await expectOneH1(page, 'Trajectory of Platform 0')
    const rows = page.getByRole('table', { name: /Position in the community in each run/ }).locator('tbody tr')
    await expect.poll(() => rows.count(), UNTIL_SHOWN).toBe(2)
    await expectAccessible(page)

    await page.goto('/insights')
    await page.getByRole('tab', { name: 'Table' }).click()
    await page
      .getByRole('table', { name: 'Discovered communities of practice' })
      .getByRole('link', { name: /kubernetes/ })
      .click()
    const path = page.getByRole('region', { name: 'Typical path from edge to core' })
    await expect.poll(() => path.textContent(), UNTIL_SHOWN).toContain('Stuck at the edge')
    await expect(path.getByRole('table').locator('tbody tr').count()).resolves.toBe(2)
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })

  it('a member reads their own trajectory from their profile; the map is not found for them', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, 'designer0@example.com')
    await page.goto('/me')
    await page.getByRole('link', { name: 'My trajectory in communities' }).click()
    await expectOneH1(page, 'My trajectory')
    await expect
      .poll(async () => (await page.getByRole('heading', { level: 2 }).allTextContents()).join('|'), UNTIL_SHOWN)
      .toMatch(/accessibility/)
    await expectAccessible(page)
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.goto('/insights/map')
    await expectOneH1(page, 'Page not found')
    expect(problems).toEqual([])
    await context.close()
  })
})
