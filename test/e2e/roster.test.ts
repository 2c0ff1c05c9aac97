import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'

const HEADER = 'email,name,title,department,manager_email,location,start_date'

const BAD_CSV = [
  HEADER,
  'lin.wei@example.com,Lin Wei,Finance lead,Finance,,Berlin,2024-01-15',
  'not-an-email,Bad Address,,,,,',
  'kai.moreno@example.com,Kai Moreno,Engineer,Engineering,nobody@example.com,Lisbon,2024-02-30',
  '',
].join('\n')

/** Lin Wei leads Finance; Kai Moreno reports to her; 240 more people make the job long enough to show progress. */
function goodCsv(): string {
  const rows = [
    HEADER,
    'lin.wei@example.com,Lin Wei,Finance lead,Finance,,Berlin,2024-01-15',
    'kai.moreno@example.com,Kai Moreno,Analyst,Finance,lin.wei@example.com,Lisbon,2024-02-01',
  ]
  for (let i = 1; i <= 240; i++)
    rows.push(`clerk${i}@example.com,Clerk ${String(i).padStart(3, '0')},Clerk,Finance,lin.wei@example.com,Berlin,`)
  return rows.join('\n') + '\n'
}

/** Records whether a <progress> bar was ever on the page, even if the job finishes between two looks. */
async function watchProgressBars(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { progressSeen: number }
    w.progressSeen = 0
    new MutationObserver(() => {
      w.progressSeen += document.querySelectorAll('progress').length
    }).observe(document.body, { childList: true, subtree: true, attributes: true })
  })
}

async function progressSeen(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { progressSeen: number }).progressSeen)
}

describe.each(DIALECTS)('browser on %s: roster import with preview, row errors, progress and apply', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let page: Page
  let problems: string[]

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    const opened = await openPage(browser, server)
    page = opened.page
    problems = opened.problems
    await logIn(page, 'admin@example.com')
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('offers the CSV template for download', async () => {
    await page.goto('/admin')
    await page.getByRole('tab', { name: 'Roster import' }).click()
    await page.getByRole('heading', { name: 'Roster import', level: 2 }).waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the CSV template' }).click(),
    ])
    const template = fs.readFileSync(await download.path(), 'utf8')
    expect(template.split('\n')[0]).toBe(HEADER)
  })

  it('previews a file with bad rows: shows each error with its line, and keeps Apply disabled', async () => {
    await page.goto('/admin?tab=roster')
    const apply = page.getByRole('button', { name: 'Apply' })
    await expect(apply.isDisabled()).resolves.toBe(true)
    await page.getByLabel('Roster file (CSV)').setInputFiles({ name: 'bad-roster.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) })
    await watchProgressBars(page)
    await page.getByRole('button', { name: 'Preview' }).click()
    await page.getByRole('heading', { name: 'Preview of bad-roster.csv' }).waitFor()
    expect(await progressSeen(page)).toBeGreaterThan(0)

    const table = page.getByRole('table', { name: /Rows with errors/ })
    const rows = await table.locator('tbody tr').allTextContents()
    expect(rows.length).toBeGreaterThanOrEqual(3)
    const cells = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))
    expect(cells).toContainEqual(['3', 'not-an-email', 'email', expect.stringContaining('not a valid email') as string])
    expect(cells).toContainEqual(['4', 'kai.moreno@example.com', 'start_date', expect.stringContaining('not a real date') as string])
    expect(cells).toContainEqual(['4', 'kai.moreno@example.com', 'manager_email', expect.stringContaining('nobody@example.com') as string])
    await expect.poll(() => page.locator('.count-bad dd').textContent(), UNTIL_SHOWN).toBe(String(cells.length))
    await expect(apply.isDisabled()).resolves.toBe(true)
    await page.getByText('Apply is available once the preview has no errors.').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
  })

  it('previews and applies a clean file with a progress bar, after which the people are in the directory', async () => {
    await page.goto('/admin?tab=roster')
    await page.getByLabel('Roster file (CSV)').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(goodCsv()) })
    await page.getByRole('button', { name: 'Preview' }).click()
    await page.getByRole('heading', { name: 'Preview of roster.csv' }).waitFor()
    const counts = page.locator('.counts')
    await expect.poll(() => counts.locator('.count', { hasText: 'To create' }).locator('dd').textContent(), UNTIL_SHOWN).toBe('242')
    await expect.poll(() => counts.locator('.count', { hasText: 'Errors' }).locator('dd').textContent(), UNTIL_SHOWN).toBe('0')
    await expect.poll(() => page.getByRole('table', { name: /Rows with errors/ }).count(), UNTIL_SHOWN).toBe(0)

    const apply = page.getByRole('button', { name: 'Apply' })
    await expect(apply.isEnabled()).resolves.toBe(true)
    await watchProgressBars(page)
    await apply.click()
    await page.getByRole('heading', { name: 'Applied roster.csv' }).waitFor()
    expect(await progressSeen(page)).toBeGreaterThan(0)
    await expect.poll(() => page.locator('.counts .count', { hasText: 'Created' }).locator('dd').textContent(), UNTIL_SHOWN).toBe('242')
    await page.getByText('The roster was applied: 242 created, 0 updated.').waitFor()
    await expect(apply.isDisabled()).resolves.toBe(true)

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).click()
    await expectOneH1(page, 'Directory')
    await page.getByLabel('Search people').pressSequentially('Kai Moreno')
    await page.getByText('Showing 1–1 of 1 person.').waitFor()
    await page.getByRole('link', { name: 'Kai Moreno' }).click()
    await expectOneH1(page, 'Kai Moreno')
    await expect.poll(() => page.getByRole('main').textContent(), UNTIL_SHOWN).toContain('Reports to Lin Wei')
    expect(problems).toEqual([])
  })
})
