import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSlackExport, FIXTURE_EMAILS, zipFiles } from '../../scripts/slack-fixture.js'
import { DIALECTS } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

const DAY_MS = 86_400_000

/** Records the labels of the import job's progress bars as they appear (the job itself may be quick). */
async function watchJobBars(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { __jobBars: string[] }).__jobBars = seen
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('progress')) {
        const label = document.getElementById(bar.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''
        if (label.startsWith('Importing ')) seen.push(label)
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  })
}

const counts = (page: Page, region: string) =>
  page
    .getByRole('region', { name: region })
    .locator('.count')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((el) => [el.querySelector('dt')?.textContent, Number(el.querySelector('dd')?.textContent)])),
    )

async function fitsPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expectAccessible(page)
  await screenshot(page, name)
  await page.setViewportSize({ width: 1280, height: 900 })
}

describe.each(DIALECTS)('browser on %s: an admin imports Slack and CSV collaboration metadata', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let dir: string

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    for (const [name, email] of Object.entries(FIXTURE_EMAILS))
      await buildPerson(server.app, { email, name: `${name[0]?.toUpperCase()}${name.slice(1)} Person` })
    await buildPerson(server.app, { email: 'mo.real@example.com', name: 'Mo Real' })
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-collab-e2e-'))
    // The generated export, its messages in the last weeks, so that discovery's window holds them.
    fs.writeFileSync(
      path.join(dir, 'acme-export.zip'),
      zipFiles(buildSlackExport({ start: Math.floor((Date.now() - 30 * DAY_MS) / 1000) })),
    )
    const day = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10)
    const e = (n: string) => FIXTURE_EMAILS[n] as string
    fs.writeFileSync(
      path.join(dir, 'bad-calls.csv'),
      `who,whom,when,what\n${e('ana')},${e('gus')},${day(3)},call\n${e('ana')},nobody,someday,call\n`,
    )
    fs.writeFileSync(
      path.join(dir, 'calls.csv'),
      `who,whom,when,what\n${e('ana')},${e('gus')},${day(3)},call\n${e('hal')},${e('ben')},${day(2)},lunch\n`,
    )
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('imports a Slack export with its progress bar, links a placeholder, maps a CSV, and discovery shows the new ties', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/admin?tab=slack')
    await page.getByRole('tab', { name: 'Slack import', selected: true }).waitFor()
    await page.getByText('Every imported account is matched.').waitFor()
    await expectAccessible(page)

    await page.getByLabel('Slack export (.zip)').setInputFiles(path.join(dir, 'acme-export.zip'))
    await watchJobBars(page)
    await page.getByRole('button', { name: 'Upload and import' }).click()
    const report = page.getByRole('region', { name: 'Imported acme-export.zip' })
    await report.waitFor({ timeout: 60_000 })
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __jobBars: string[] }).__jobBars[0]), UNTIL_SHOWN)
      .toMatch(/^Importing acme-export\.zip/)
    const slack = await counts(page, 'Imported acme-export.zip')
    expect(slack).toMatchObject({ Conversations: 6, 'Matched by email': 12, 'New placeholders': 2 })
    expect(slack['New interactions']).toBeGreaterThan(100)
    await page.getByText(`The Slack import is done: ${slack['New interactions']} new interactions.`).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'collab-import-slack')

    // Mo had no email in Slack: the admin says who Mo is.
    const accounts = page.getByRole('list', { name: 'Accounts without a person' })
    await expect.poll(() => accounts.getByRole('listitem').count(), UNTIL_SHOWN).toBe(2)
    await page.getByRole('button', { name: 'Link Mo Example to a person' }).click()
    await page.getByLabel('Who is Mo Example?').fill('Mo Real')
    await page.getByRole('button', { name: /Mo Real/ }).click()
    await page.getByText(/^Mo Example is Mo Real: \d+ interactions moved\.$/).waitFor()
    await expect.poll(() => accounts.getByRole('listitem').count(), UNTIL_SHOWN).toBe(1)
    await expectAccessible(page)
    await fitsPhone(page, 'collab-import-slack-390')

    await page.getByRole('tab', { name: 'Email & CSV import' }).click()
    await page.getByLabel('Generic interaction log').check()
    await page.getByLabel('CSV file').setInputFiles(path.join(dir, 'bad-calls.csv'))
    await page.getByRole('button', { name: 'Upload and preview' }).click()
    await page.getByRole('table', { name: /^The first 2 of 2 rows/ }).waitFor()
    await page.getByLabel('from (required)').selectOption('who')
    await page.getByLabel('to (required)').selectOption('whom')
    await page.getByLabel('at (required)').selectOption('when')
    await page.getByLabel('kind (optional)').selectOption('what')
    await page.getByRole('button', { name: 'Check rows' }).click()
    const errors = page.getByRole('list', { name: 'Row errors' })
    await errors.waitFor()
    await expect(errors.textContent()).resolves.toContain('Line 3, to:')
    await expect(page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).resolves.toBe(true)
    await expectAccessible(page)

    await page.getByLabel('CSV file').setInputFiles(path.join(dir, 'calls.csv'))
    await page.getByRole('button', { name: 'Upload and preview' }).click()
    await expect.poll(() => page.getByRole('list', { name: 'Row errors' }).count(), UNTIL_SHOWN).toBe(0)
    for (const [field, column] of [
      ['from', 'who'],
      ['to', 'whom'],
      ['at', 'when'],
      ['kind', 'what'],
    ] as const)
      await page.getByLabel(new RegExp(`^${field} \\(`)).selectOption(column)
    await page.getByRole('button', { name: 'Check rows' }).click()
    await page.getByText('2 rows, 2 interactions, 0 errors.').waitFor()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByRole('region', { name: 'Imported calls.csv' }).waitFor({ timeout: 60_000 })
    expect(await counts(page, 'Imported calls.csv')).toMatchObject({ Rows: 2, 'New interactions': 2 })
    await expectAccessible(page)
    await fitsPhone(page, 'collab-import-csv-390')

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
    await expectOneH1(page, 'Insights')
    await page.getByRole('button', { name: 'Run discovery' }).click()
    await page.getByText('Discovery is done: the communities below are up to date.').waitFor({ timeout: 60_000 })
    await page.getByRole('tab', { name: 'Table' }).click()
    const table = page.getByRole('table', { name: 'Discovered communities of practice' })
    await expect.poll(() => table.locator('tbody tr').filter({ hasText: 'backend' }).count(), UNTIL_SHOWN).toBe(1)
    await expectAccessible(page)
    await screenshot(page, 'collab-import-discovery')
    expect(problems).toEqual([])
    await context.close()
  })
})
