import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonRow } from '../../src/server/people/store.js'
import { buildPerson } from '../helpers/factories.js'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'

describe.each(DIALECTS)('browser on %s: the directory and the org chart', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let page: Page
  let ceo: PersonRow
  let zed: PersonRow
  const chain: PersonRow[] = []

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    // A chart four levels deep: Maria (CEO) > Victor (VP) > Lena (lead) > Zed; plus two more VPs and 26 engineers.
    ceo = await buildPerson(server.app, { name: 'Maria Chief', title: 'Chief Executive', department: 'Office' })
    const victor = await buildPerson(server.app, {
      name: 'Victor Vance',
      title: 'VP Engineering',
      department: 'Engineering',
      manager_id: ceo.id,
    })
    await buildPerson(server.app, { name: 'Sofia Sales', title: 'VP Sales', department: 'Sales', manager_id: ceo.id })
    await buildPerson(server.app, { name: 'Oscar Ops', title: 'VP Operations', department: 'Operations', manager_id: ceo.id })
    const lena = await buildPerson(server.app, { name: 'Lena Lead', title: 'Team lead', department: 'Engineering', manager_id: victor.id })
    zed = await buildPerson(server.app, {
      name: 'Zed Zimmer',
      title: 'Data engineer',
      department: 'Engineering',
      location: 'Porto',
      manager_id: lena.id,
    })
    chain.push(ceo, victor, lena, zed)
    for (let i = 1; i <= 26; i++) {
      await buildPerson(server.app, {
        name: `Engineer ${String(i).padStart(2, '0')}`,
        title: 'Engineer',
        department: 'Engineering',
        manager_id: lena.id,
      })
    }
    const opened = await openPage(browser, server)
    page = opened.page
    await logIn(page, 'admin@example.com')
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('searches as you type, filters by department and pages through the results', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).click()
    await expectOneH1(page, 'Directory')
    await page.getByText('Showing 1–24 of 33 people.').waitFor()
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByText('Showing 25–33 of 33 people.').waitFor()
    await expect.poll(() => page.getByText('Page 2 of 2').count(), UNTIL_SHOWN).toBe(1)

    await page.getByLabel('Search people').pressSequentially('zimm')
    await page.getByText('Showing 1–1 of 1 person.').waitFor()
    expect(new URL(page.url()).searchParams.get('q')).toBe('zimm')
    await page.getByLabel('Search people').fill('')
    await page.getByText('Showing 1–24 of 33 people.').waitFor()

    await page.getByLabel('Department').selectOption('Sales')
    await page.getByText('Showing 1–1 of 1 person.').waitFor()
    await expect.poll(() => page.getByRole('list', { name: 'People' }).textContent(), UNTIL_SHOWN).toContain('Sofia Sales')
    await page.getByLabel('Department').selectOption('')
    await page.getByLabel('Search people').fill('porto')
    await page.getByText('Showing 1–1 of 1 person.').waitFor()
    await page.getByRole('link', { name: 'Zed Zimmer' }).click()
    await expectOneH1(page, 'Zed Zimmer')
    await expect.poll(() => page.getByRole('main').textContent(), UNTIL_SHOWN).toContain('Reports to Lena Lead')
  })

  it('expands managers with the mouse and the keyboard, showing report counts', async () => {
    await page.goto('/org')
    await expectOneH1(page, 'Org chart')
    const chart = page.getByRole('list', { name: 'Org chart' })
    await chart.getByRole('link', { name: 'Maria Chief' }).waitFor()
    await expect.poll(() => chart.getByRole('link', { name: 'Priya Admin' }).count(), UNTIL_SHOWN).toBe(1)
    const toggle = page.getByRole('button', { name: 'Reports of Maria Chief' })
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect.poll(() => chart.textContent(), UNTIL_SHOWN).toContain('3 reports')
    await toggle.click()
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true')
    const vps = page.getByRole('list', { name: 'Reports of Maria Chief' })
    await vps.getByRole('link', { name: 'Victor Vance' }).waitFor()
    await expect.poll(() => vps.getByRole('listitem').count(), UNTIL_SHOWN).toBe(3)

    // Keyboard: the toggles are buttons, reached with Tab and opened with Enter or Space.
    const victorToggle = page.getByRole('button', { name: 'Reports of Victor Vance' })
    await victorToggle.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('link', { name: 'Lena Lead' }).waitFor()
    await page.keyboard.press('Space')
    await expect(victorToggle.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect.poll(() => page.getByRole('link', { name: 'Lena Lead' }).count(), UNTIL_SHOWN).toBe(0)
    await toggle.click()
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false')
  })

  it('reveals a searched person by opening their management chain, and focuses them', async () => {
    await page.goto('/org')
    await expectOneH1(page, 'Org chart')
    await page.getByLabel('Find someone in the chart').pressSequentially('Zed')
    await page.getByRole('button', { name: /Zed Zimmer/ }).click()
    const zedLink = page.getByRole('link', { name: 'Zed Zimmer' })
    await zedLink.waitFor()
    expect(new URL(page.url()).searchParams.get('focus')).toBe(zed.id)
    for (const manager of chain.slice(0, -1)) {
      await expect(page.getByRole('button', { name: `Reports of ${manager.name}` }).getAttribute('aria-expanded')).resolves.toBe('true')
    }
    await expect(zedLink.getAttribute('aria-current')).resolves.toBe('true')
    await page.waitForFunction(() => document.activeElement?.textContent === 'Zed Zimmer')
  })

  it('opens on a person from ?focus=, reached from their page', async () => {
    const fresh = await openPage(browser, server)
    await logIn(fresh.page, 'admin@example.com')
    await fresh.page.goto(`/people/${zed.id}`)
    await fresh.page.getByRole('link', { name: 'Show in the org chart' }).click()
    await expectOneH1(fresh.page, 'Org chart')
    await fresh.page.getByRole('link', { name: 'Zed Zimmer' }).waitFor()
    await expect
      .poll(() => fresh.page.getByRole('list', { name: 'Reports of Lena Lead' }).getByRole('listitem').count(), UNTIL_SHOWN)
      .toBe(27)
    expect(fresh.problems).toEqual([])
    await fresh.context.close()
  })

  it('grants and removes roles from the admin page, and refuses to demote the last admin', async () => {
    await page.goto('/admin')
    await expectOneH1(page, 'Admin')
    const victorAdmin = page.getByRole('checkbox', { name: 'Victor Vance is an admin' })
    await victorAdmin.check()
    const victorManager = page.getByRole('checkbox', { name: 'Victor Vance has the manager role' })
    await victorManager.check()
    await page.reload()
    await expect(victorAdmin.isChecked()).resolves.toBe(true)
    await expect(victorManager.isChecked()).resolves.toBe(true)
    await victorAdmin.uncheck()
    await victorManager.uncheck()
    await page.reload()
    await expect(victorAdmin.isChecked()).resolves.toBe(false)
    await expect(victorManager.isChecked()).resolves.toBe(false)

    // A plain click: the box may spring back before a check of its state could see it change.
    await page.getByRole('checkbox', { name: 'Priya Admin is an admin' }).click()
    await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('at least one admin')
    await expect.poll(() => page.getByRole('checkbox', { name: 'Priya Admin is an admin' }).isChecked(), UNTIL_SHOWN).toBe(true)
  })

  it('lets an admin change the HR details of a profile, including the manager', async () => {
    await page.goto(`/people/${zed.id}`)
    await expectOneH1(page, 'Zed Zimmer')
    await page.getByLabel('Title').fill('Senior data engineer')
    await page.getByLabel('Start date').fill('2022-05-02')
    await page.getByLabel('Find a new manager').pressSequentially('Victor')
    await page.getByRole('button', { name: /Victor Vance/ }).click()
    await page.getByRole('button', { name: 'Save work details' }).click()
    await page.getByText('Work details saved.').waitFor()
    await page.reload()
    await expectOneH1(page, 'Zed Zimmer')
    const main = page.getByRole('main')
    await expect.poll(() => main.textContent(), UNTIL_SHOWN).toContain('Senior data engineer')
    await expect.poll(() => main.textContent(), UNTIL_SHOWN).toContain('Reports to Victor Vance')
    await expect.poll(() => main.textContent(), UNTIL_SHOWN).toContain('Started 2022-05-02')
  })
})
