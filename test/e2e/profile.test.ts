import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonRow } from '../../src/server/people/store.js'
import { buildPerson } from '../helpers/factories.js'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'

// A real 1×1 PNG: the server checks the file signature, not the name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

describe.each(DIALECTS)('browser on %s: my profile, the three questions, photo, export and erasure', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let ada: PersonRow

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    const admin = await seedAdmin(server)
    const manager = await buildPerson(server.app, {
      name: 'Grace Hopper',
      email: 'grace@example.com',
      title: 'Head of Platform',
      department: 'Platform',
    })
    ada = await buildPerson(server.app, {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      title: 'Engineer',
      department: 'Platform',
      location: 'London',
      manager_id: manager.id,
    })
    expect(admin.id).toBeTruthy()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('prompts for the three questions, saves the answers and keeps them after a reload', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'ada@example.com')
    await expectOneH1(page, 'Welcome, Ada')
    await page.getByRole('link', { name: 'Answer the three questions' }).click()
    await expectOneH1(page, 'My profile')
    expect(new URL(page.url()).hash).toBe('#questions')

    await page.getByLabel('Who am I?').fill('I build data pipelines and know our billing system inside out.')
    await page.getByLabel('Who do I want to become?').fill('A mentor for new engineers.')
    await page.getByLabel('Which communities do I want to join?').fill('Data engineering, and the writing circle.')
    const interests = page.getByRole('textbox', { name: 'Community interests', exact: true })
    await interests.fill('data engineering')
    await interests.press('Enter')
    await interests.pressSequentially('writing,')
    const offered = page.getByRole('textbox', { name: 'Skills I offer', exact: true })
    await offered.fill('SQL')
    await offered.press('Enter')
    await offered.fill('Kafka')
    await offered.press('Enter')
    await page.getByRole('textbox', { name: 'Skills I want to learn', exact: true }).fill('Public speaking')
    await page.getByRole('button', { name: 'Remove kafka' }).click()
    await page.getByLabel('Leave me out of people analytics').check()
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByText('Your profile is saved.').waitFor()

    await page.reload()
    await expectOneH1(page, 'My profile')
    await expect(page.getByLabel('Who am I?').inputValue()).resolves.toBe('I build data pipelines and know our billing system inside out.')
    await expect(page.getByLabel('Who do I want to become?').inputValue()).resolves.toBe('A mentor for new engineers.')
    await expect(page.getByLabel('Which communities do I want to join?').inputValue()).resolves.toBe(
      'Data engineering, and the writing circle.',
    )
    await expect
      .poll(() => page.getByRole('list', { name: 'Community interests' }).getByRole('listitem').allTextContents(), UNTIL_SHOWN)
      .toEqual(['data-engineering×', 'writing×'])
    await expect.poll(() => page.getByRole('list', { name: 'Skills I offer' }).getByRole('listitem').count(), UNTIL_SHOWN).toBe(1)
    await expect
      .poll(() => page.getByRole('list', { name: 'Skills I want to learn' }).getByRole('listitem').textContent(), UNTIL_SHOWN)
      .toContain('public-speaking')
    await expect(page.getByLabel('Leave me out of people analytics').isChecked()).resolves.toBe(true)

    // Home no longer asks, and the person page shows the answers to colleagues.
    await page.getByRole('link', { name: 'Home' }).click()
    await expectOneH1(page, 'Welcome, Ada')
    await expect.poll(() => page.getByText('Start with three questions').count(), UNTIL_SHOWN).toBe(0)
    await page.goto(`/people/${ada.id}`)
    await expectOneH1(page, 'Ada Lovelace')
    const main = page.getByRole('main')
    await expect.poll(() => main.textContent(), UNTIL_SHOWN).toContain('A mentor for new engineers.')
    await expect.poll(() => main.getByRole('list', { name: 'Skills offered' }).textContent(), UNTIL_SHOWN).toContain('sql')
    await main.getByRole('link', { name: 'Grace Hopper' }).click()
    await expectOneH1(page, 'Grace Hopper')
    expect(problems).toEqual([])
    await context.close()
  })

  it('previews, uploads and removes a photo', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'ada@example.com')
    await page.goto('/me')
    await expectOneH1(page, 'My profile')
    await page.getByLabel('Choose a photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG })
    await page.getByRole('img', { name: 'Preview of the chosen photo' }).waitFor()
    await page.getByRole('button', { name: 'Upload photo' }).click()
    await page.getByText('Your new photo is saved.').waitFor()
    const photo = page.locator(`img[src^="/api/people/${ada.id}/photo"]`)
    await photo.waitFor()
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth), UNTIL_SHOWN).toBe(1)
    await page.getByRole('button', { name: 'Remove photo' }).click()
    await page.getByText('Your photo was removed.').waitFor()
    await expect.poll(() => photo.count(), UNTIL_SHOWN).toBe(0)
    // A file that is not an image is refused before upload.
    await page.getByLabel('Choose a photo').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
    await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('PNG, JPEG or WebP')
    expect(problems).toEqual([])
    await context.close()
  })

  it('exports my data and requests erasure, which an admin then sees and rejects', async () => {
    const { context, page } = await openPage(browser, server)
    await logIn(page, 'ada@example.com')
    await page.goto('/me')
    await expectOneH1(page, 'My profile')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export my data' }).click()])
    const exported = fs.readFileSync(await download.path(), 'utf8')
    expect(JSON.stringify(JSON.parse(exported))).toContain('ada@example.com')

    await page.getByRole('button', { name: 'Request erasure…' }).click()
    await page.getByLabel('Reason (optional)').fill('Leaving the company')
    await page.getByRole('button', { name: 'Yes, request erasure' }).click()
    await page.getByText('Your erasure request was sent.').waitFor()
    await context.close()

    const admin = await openPage(browser, server)
    await logIn(admin.page, 'admin@example.com')
    await admin.page.goto('/admin?tab=erasures')
    await admin.page.getByRole('tab', { name: 'Erasure requests', selected: true }).waitFor()
    const row = admin.page.getByRole('row', { name: /Ada Lovelace/ })
    await expect.poll(() => row.textContent(), UNTIL_SHOWN).toContain('Leaving the company')
    await row.getByRole('button', { name: 'Reject' }).click()
    await admin.page.getByText('The request from Ada Lovelace was rejected.').waitFor()
    await expect.poll(() => row.textContent(), UNTIL_SHOWN).toContain('rejected')
    await admin.context.close()
  })
})
