import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordInteractions, type InteractionInput } from '../../src/server/insights/service.js'
import { DIALECTS } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

const DAY_MS = 86_400_000

/**
 * A small organisation with two communities of practice that the org chart does not show: six people who help
 * each other on kubernetes and terraform (five in Engineering, one in Sales, three of them Morgan's reports),
 * and six designers on accessibility and typography; one tie bridges the two.
 */
async function seedOrganisation(server: E2eServer) {
  const morgan = await buildPerson(server.app, { name: 'Morgan Manager', email: 'morgan@example.com', department: 'Engineering' })
  const platform = [morgan]
  for (let i = 0; i < 5; i++) {
    const department = i === 4 ? 'Sales' : 'Engineering'
    platform.push(await buildPerson(server.app, { name: `Platform ${i}`, department, manager_id: i < 3 ? morgan.id : null }))
  }
  const design = []
  for (let i = 0; i < 6; i++)
    design.push(await buildPerson(server.app, { name: `Designer ${i}`, email: `designer${i}@example.com`, department: 'Design' }))
  const ties: InteractionInput[] = []
  const now = Date.now()
  const helpEachOther = (group: { id: string }[], topics: string[]) => {
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
  helpEachOther(platform, ['kubernetes', 'terraform'])
  helpEachOther(design, ['accessibility', 'typography'])
  ties.push({
    actorId: platform[1]!.id,
    targetId: design[1]!.id,
    kind: 'thanks',
    communityId: null,
    at: new Date(now - 10 * DAY_MS).toISOString(),
  })
  await recordInteractions(server.app.db, ties)
}

describe.each(DIALECTS)('browser on %s: Insights, the discovered communities of practice', (dialect) => {
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

  it('an admin runs discovery with a progress bar, reads the communities as cards and as a table, and opens one', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
    await expectOneH1(page, 'Insights')
    await page.getByText('No discovery has run yet.').waitFor()
    await expectAccessible(page)

    await page.getByLabel('Window').selectOption({ label: 'Last 6 months' })
    await page.getByRole('button', { name: 'Run discovery' }).click()
    const bar = page.getByRole('progressbar', { name: /^Discover/ })
    await bar.waitFor()
    // The bar stays, full, once the job is done.
    await page.getByRole('progressbar', { name: 'Discovery finished' }).waitFor({ timeout: 60_000 })
    await expect(bar.getAttribute('max')).resolves.toBe('6')
    await expect(bar.getAttribute('value')).resolves.toBe('6')
    await page.getByText('Discovery is done: the communities below are up to date.').waitFor()
    // Automatic by default: the page says which resolution the run chose and how stable it was.
    const summary = page.getByText(/^Resolution chosen automatically: \d+(\.\d+)? \(stability [01]\.\d\d\)\.$/)
    await summary.waitFor()
    const chosenResolution = /automatically: ([\d.]+) /.exec((await summary.textContent()) ?? '')![1]
    // Every candidate the run tried, folded away until asked for, with the chosen one marked.
    const candidates = page.getByRole('table', { name: 'Candidate resolutions of this run' })
    await expect(candidates.isVisible()).resolves.toBe(false)
    await page.getByText(/^How the resolution was chosen \(6 candidates\)$/).click()
    await candidates.waitFor()
    await expect(candidates.locator('tbody tr').allTextContents()).resolves.toHaveLength(6)
    const marked = candidates.locator('tbody tr').filter({ hasText: 'chosen' })
    await expect(marked.count()).resolves.toBe(1)
    await expect(marked.locator('th').textContent()).resolves.toBe(`${chosenResolution} chosen`)
    await expect(marked.locator('td').first().textContent()).resolves.toMatch(/^[01]\.\d{3}$/)
    await expectAccessible(page)

    const cards = page
      .getByRole('tabpanel', { name: 'Cards' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3 }) })
    await expect.poll(() => cards.count(), UNTIL_SHOWN).toBe(2)
    const platform = cards.filter({ hasText: 'kubernetes' })
    await expect(platform.textContent()).resolves.toContain('6 people')
    // Five in Engineering are named; the one in Sales is below the minimum and only counted.
    await expect(platform.textContent()).resolves.toContain('Engineering (5), 1 other')
    await expect(platform.textContent()).resolves.toContain('It crosses departments')
    await expectAccessible(page)

    await page.getByRole('tab', { name: 'Table' }).click()
    const table = page.getByRole('table', { name: 'Discovered communities of practice' })
    await table.waitFor()
    const rows = table.locator('tbody tr')
    await expect.poll(() => rows.count(), UNTIL_SHOWN).toBe(2)
    const design = rows.filter({ hasText: 'accessibility' })
    await expect(design.locator('td').first().textContent()).resolves.toBe('6')
    await expect(design.locator('td').nth(3).textContent()).resolves.toBe('Design (6)')
    await expectAccessible(page)
    await screenshot(page, 'insights-table')

    // At phone width nothing overflows sideways but the table's own scroller.
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await expectAccessible(page)
    await screenshot(page, 'insights-390')
    await page.setViewportSize({ width: 1280, height: 900 })

    await design.getByRole('link', { name: /accessibility/ }).click()
    await expectOneH1(page, /^accessibility · typography|^typography · accessibility/)
    const actions = page.getByRole('region', { name: 'Suggested actions' })
    await expect.poll(() => actions.textContent(), UNTIL_SHOWN).toContain('This community of practice has no home here')
    await expect(actions.getByRole('link', { name: 'start one' }).getAttribute('href')).resolves.toBe('/communities/new')
    const counts = Object.fromEntries(
      await page
        .locator('.count')
        .evaluateAll((els) => els.map((el) => [el.querySelector('dt')?.textContent, Number(el.querySelector('dd')?.textContent)])),
    )
    expect(counts).toMatchObject({ People: 6, Departments: 1 })
    await expect(
      page.getByRole('table', { name: 'Size of the community in each discovery run' }).locator('tbody tr').count(),
    ).resolves.toBe(1)
    await expectAccessible(page)
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'insights-community-390')
    expect(problems).toEqual([])
    await context.close()
  })

  it('a manager reads the report and their own team, without the button to run discovery', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, 'morgan@example.com')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
    await expectOneH1(page, 'Insights')
    await page.getByRole('heading', { name: 'Communities found' }).waitFor()
    expect(await page.getByRole('button', { name: 'Run discovery' }).count()).toBe(0)
    const team = page.getByRole('table', { name: 'Where your direct reports take part' })
    await team.waitFor()
    await expect(team.locator('tbody tr').count()).resolves.toBe(3)
    await expect(team.textContent()).resolves.toContain('kubernetes')
    await expect(page.getByText(/^You: (core|member|bridge) in kubernetes/).count()).resolves.toBe(1)
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })

  it('a plain member has no Insights link, and the pages are not found for them', async () => {
    const { page, problems, context } = await openPage(browser, server)
    await logIn(page, 'designer0@example.com')
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Home' }).waitFor()
    expect(await nav.getByText('Insights').count()).toBe(0)
    await page.goto('/insights')
    await expectOneH1(page, 'Page not found')
    await page.goto('/insights/communities/anything')
    await expectOneH1(page, 'Page not found')
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })
})
