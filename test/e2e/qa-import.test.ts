import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseRow } from '../../src/server/imports/se-xml.js'
import { type Client, DIALECTS } from '../helpers/app.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

const FIXTURE = path.resolve('test/fixtures/stackexchange/beer-slice')
const FILES = ['Posts.xml', 'Users.xml', 'Comments.xml', 'Votes.xml', 'PostLinks.xml']

/** Questions and answers in the slice, counted here rather than by the importer. */
function expected() {
  const posts = fs
    .readFileSync(path.join(FIXTURE, 'Posts.xml'), 'utf8')
    .split('\n')
    .map(parseRow)
    .filter((r) => r !== undefined)
  return { questions: posts.filter((r) => r.PostTypeId === '1').length, answers: posts.filter((r) => r.PostTypeId === '2').length }
}

describe.each(DIALECTS)('browser on %s: an admin imports a Stack Exchange dump from the Admin page', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let admin: Client

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    admin = await seedAdmin(server)
    expect((await admin.post('/api/communities', { name: 'Beer', purpose: 'Brewing and tasting', visibility: 'open' })).statusCode).toBe(
      201,
    )
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('uploads the XML files with a progress bar, follows the job, shows the report, and keeps attribution on each post', async () => {
    const want = expected()
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/admin?tab=qa')
    await page.getByRole('tab', { name: 'Q&A import', selected: true }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Community').selectOption({ label: 'Beer' })
    await page.getByLabel('Site (optional)').fill('beer.stackexchange.com')
    await page.getByLabel('Dump files (.7z or .xml)').setInputFiles(FILES.map((f) => path.join(FIXTURE, f)))
    // A slow uplink, so the upload's progress bar is seen.
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 10,
      downloadThroughput: -1,
      uploadThroughput: 200 * 1024,
    })
    // Records whether the job's own progress bar was shown (the import itself may be quick).
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
    await page.getByRole('button', { name: 'Upload and import' }).click()
    const uploadBar = page.getByRole('progressbar', { name: /^Uploading / })
    await uploadBar.waitFor()
    const total = FILES.reduce((sum, f) => sum + fs.statSync(path.join(FIXTURE, f)).size, 0)
    await expect(uploadBar.getAttribute('max')).resolves.toBe(String(total))
    await screenshot(page, 'qa-import-upload')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })

    const report = page.getByRole('region', { name: /^Imported beer\.stackexchange\.com into Beer/ })
    await report.waitFor({ timeout: 60_000 })
    const counts = Object.fromEntries(
      await report
        .locator('.count')
        .evaluateAll((els) => els.map((el) => [el.querySelector('dt')?.textContent, Number(el.querySelector('dd')?.textContent)])),
    )
    expect(counts).toMatchObject({ Questions: want.questions, Answers: want.answers })
    expect(counts.Accepted).toBeGreaterThan(0)
    expect(counts.Comments).toBeGreaterThan(0)
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __jobBars: string[] }).__jobBars[0]), UNTIL_SHOWN)
      .toMatch(/^Importing beer\.stackexchange\.com/)
    await page.getByText(`The import is done: ${want.questions} questions, ${want.answers} answers.`).waitFor()
    await expectAccessible(page)
    await screenshot(page, 'qa-import-report')

    await report.getByRole('link', { name: 'Beer' }).click()
    await expectOneH1(page, 'Beer')
    await page.getByRole('list', { name: 'What’s new' }).getByRole('link').first().click()
    const attribution = page.locator('.attribution')
    await attribution.waitFor()
    await expect.poll(() => attribution.textContent(), UNTIL_SHOWN).toBe('Originally on beer.stackexchange.com — CC BY-SA')
    await expect(attribution.getByRole('link', { name: 'beer.stackexchange.com' }).getAttribute('href')).resolves.toMatch(
      /^https:\/\/beer\.stackexchange\.com\/q\/\d+$/,
    )
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })
})
