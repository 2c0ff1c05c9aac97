import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonRow } from '../../src/server/people/store.js'
import type { Client } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer } from './harness.js'
import { expectOneH1, linkFromOutbox, logIn, openPage, seedAdmin } from './flows.js'

/** Asserts that axe finds no serious or critical violation, naming them (and their elements) if it does. */
async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousA11yViolations(page)
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

describe.each(DIALECTS)('browser on %s: every page passes axe-core with no serious or critical violations', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let admin: Client
  let person: PersonRow

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('setup', async () => {
    const { context, page } = await openPage(browser, server)
    await page.goto('/')
    await expectOneH1(page, 'Set up Wellspring')
    await expectAccessible(page)
    await context.close()

    admin = await seedAdmin(server)
    const boss = await buildPerson(server.app, {
      name: 'Grace Hopper',
      title: 'Head of Platform',
      department: 'Platform',
      location: 'Lisbon',
    })
    person = await buildPerson(server.app, {
      name: 'Ada Lovelace',
      title: 'Engineer',
      department: 'Platform',
      location: 'London',
      manager_id: boss.id,
      who_am_i: 'I build data pipelines.',
      skills_offered: JSON.stringify(['SQL', 'Kafka']),
    })
    expect((await admin.post('/api/admin/invitations', { email: 'noor@example.com', name: 'Noor Haddad' })).statusCode).toBe(201)
    expect(
      (await server.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'admin@example.com' } }))
        .statusCode,
    ).toBe(202)
    expect((await admin.post('/api/me/erasure', { reason: 'testing the list' })).statusCode).toBe(201)
  })

  it('logged-out pages: login (also with an error shown), forgot, reset and invite', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await page.goto('/login')
    await expectOneH1(page, 'Log in')
    await expectAccessible(page)
    await page.getByLabel('Email').fill('nobody@example.com')
    await page.getByLabel('Password').fill('wrong password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('alert').waitFor()
    await expectAccessible(page)

    await page.goto('/forgot')
    await expectOneH1(page, 'Reset your password')
    await expectAccessible(page)

    await page.goto(await linkFromOutbox(server, 'reset', 'admin@example.com'))
    await expectOneH1(page, 'Choose a new password')
    await expectAccessible(page)

    await page.goto(await linkFromOutbox(server, 'invite', 'noor@example.com'))
    await expectOneH1(page, 'Join Wellspring')
    await page.getByText('noor@example.com').waitFor()
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })

  it('logged-in pages: home, my profile, a person, the directory, the org chart and every admin tab', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.getByText('Start with three questions').waitFor()
    await expectAccessible(page)

    await page.goto('/me')
    await expectOneH1(page, 'My profile')
    await page.getByLabel('Who am I?').waitFor()
    await page.getByRole('button', { name: 'Request erasure…' }).click()
    await expectAccessible(page)

    await page.goto(`/people/${person.id}`)
    await expectOneH1(page, 'Ada Lovelace')
    await page.getByLabel('Find a new manager').pressSequentially('Gra')
    await page.getByRole('button', { name: /Grace Hopper/ }).waitFor()
    await expectAccessible(page)

    await page.goto('/directory')
    await expectOneH1(page, 'Directory')
    await page.getByRole('link', { name: 'Ada Lovelace' }).waitFor()
    await expectAccessible(page)

    await page.goto(`/org?focus=${person.id}`)
    await expectOneH1(page, 'Org chart')
    await page.getByRole('link', { name: 'Ada Lovelace' }).waitFor()
    await page.getByLabel('Find someone in the chart').pressSequentially('Ada')
    await page.getByRole('button', { name: /Ada Lovelace/ }).waitFor()
    await expectAccessible(page)

    await page.goto('/admin')
    await expectOneH1(page, 'Admin')
    await page.getByRole('row', { name: /Ada Lovelace/ }).waitFor()
    await expectAccessible(page)
    await page.getByRole('tab', { name: 'People' }).focus()
    await page.keyboard.press('ArrowRight')
    await page.getByRole('tab', { name: 'Roster import', selected: true }).waitFor()
    await page.getByRole('heading', { name: 'Roster import', level: 2 }).waitFor()
    await expectAccessible(page)
    await page.keyboard.press('ArrowRight')
    await page.getByRole('tab', { name: 'Q&A import', selected: true }).waitFor()
    await expectAccessible(page)
    await page.keyboard.press('ArrowRight')
    await page.getByRole('tab', { name: 'Slack import', selected: true }).waitFor()
    await expectAccessible(page)
    await page.keyboard.press('ArrowRight')
    await page.getByRole('tab', { name: 'Email & CSV import', selected: true }).waitFor()
    await expectAccessible(page)
    await page.keyboard.press('ArrowRight')
    await page.getByRole('row', { name: /Priya Admin/ }).waitFor()
    await expectAccessible(page)
    await page.keyboard.press('ArrowRight')
    await page.getByRole('tab', { name: 'Setup', selected: true }).waitFor()
    await page.getByRole('heading', { name: 'Set up Wellspring' }).waitFor()
    await expectAccessible(page)

    await page.goto('/no/such/page')
    await expectOneH1(page, 'Page not found')
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })

  it('has a skip link as the first tab stop, which moves focus to the main content', async () => {
    const { context, page } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/directory')
    await expectOneH1(page, 'Directory')
    await page.keyboard.press('Tab')
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to main content')
    await page.keyboard.press('Enter')
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main')
    await context.close()
  })

  it('fits a phone screen without sideways scrolling, and stays accessible there', async () => {
    const { context, page } = await openPage(browser, server)
    await page.setViewportSize({ width: 375, height: 740 })
    await logIn(page, 'admin@example.com')
    for (const path of ['/', '/me', '/directory', '/org', '/admin']) {
      await page.goto(path)
      await page.locator('h1').waitFor()
      await page.waitForLoadState('networkidle')
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375)
    }
    await expectAccessible(page)
    await context.close()
  })
})
