import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

// Issue 10, defects 5 and 6: after a roster import everyone showed "active" though no one had a password or had
// logged in, there was no way to invite them in bulk, and the admin got no day-zero guidance.

const POSTS = path.resolve('test/fixtures/stackexchange/beer-slice/Posts.xml')
const PEOPLE = 12

function rosterCsv(): string {
  const rows = [
    'email,name,title,department,manager_email,location,start_date',
    'lin.wei@example.com,Lin Wei,Finance lead,Finance,,Berlin,',
  ]
  rows.push('kai.moreno@example.com,Kai Moreno,Analyst,Finance,lin.wei@example.com,Lisbon,')
  for (let i = 1; i <= PEOPLE - 2; i++)
    rows.push(`clerk${i}@example.com,Clerk ${String(i).padStart(2, '0')},Clerk,Finance,lin.wei@example.com,Berlin,`)
  return rows.join('\n') + '\n'
}

const linkOf = (mail: ReceivedMail) => new URL(/https?:\/\/\S+\/invite\/\S+/.exec(mail.text)?.[0] ?? 'http://x/none').pathname
const mailsTo = (smtp: TestSmtpServer, email: string) => smtp.messages.filter((m) => m.to.includes(email))

/** Records whether a <progress> bar was ever on the page, even if the job finishes between two looks. */
async function watchProgressBars(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { progressSeen: number }
    w.progressSeen = 0
    new MutationObserver(() => {
      w.progressSeen += document.querySelectorAll('.bulk-invite progress').length
    }).observe(document.body, { childList: true, subtree: true, attributes: true })
  })
}

/**
 * Expects a person's State cell (the second td: after the checkbox; the name is the row's th) in Admin → People, found by searching for them, to come to match `want`: the
 * table may show the page it had before the refetch for a moment.
 */
async function expectState(page: Page, name: string, want: string | RegExp): Promise<void> {
  await page.getByLabel('Search people').fill(name)
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) })
  await expect.poll(async () => ((await row.count()) === 1 ? await row.locator('td').nth(1).textContent() : ''), UNTIL_SHOWN).toMatch(want)
}

describe.each(DIALECTS)(
  'browser on %s: first touch, onboarding states, bulk invitations and the setup checklist (issue 10: 5, 6)',
  (dialect) => {
    let smtp: TestSmtpServer
    let server: E2eServer
    let browser: Browser

    beforeAll(async () => {
      smtp = await startSmtpServer()
      server = await startE2eServer(dialect, {
        smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined },
        mailFrom: 'Wellspring <wellspring@example.com>',
      })
      browser = await launchBrowser()
      await seedAdmin(server)
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
      await smtp?.close()
    })

    it('shows the admin a setup checklist on a fresh install, with a link for each step', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, 'admin@example.com')
      const checklist = page.getByRole('region', { name: 'Set up Wellspring' })
      await checklist.getByText('0 of 5 done.').waitFor()
      await checklist.getByRole('link', { name: 'Import the roster' }).waitFor()
      await checklist.getByRole('link', { name: 'Start a community' }).waitFor()
      await checklist.getByRole('link', { name: 'Import Q&A' }).waitFor()
      await checklist.getByText(/Not configured \(optional\)/).waitFor()
      await expect(checklist.getByRole('button', { name: 'Dismiss the checklist' }).count()).resolves.toBe(0)
      await expectAccessible(page)
      await screenshot(page, 'setup-checklist-fresh')
      await checklist.getByRole('link', { name: 'Import the roster' }).click()
      await page.getByRole('tab', { name: 'Roster import', selected: true }).waitFor()
      expect(problems).toEqual([])
      await context.close()
    })

    it('imports a roster whose people are never invited, invites them all with progress, and one joins', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, 'admin@example.com')
      await page.goto('/admin?tab=roster')
      await page
        .getByLabel('Roster file (CSV)')
        .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(rosterCsv()) })
      await page.getByRole('button', { name: 'Preview' }).click()
      await page.getByRole('heading', { name: 'Preview of roster.csv' }).waitFor()
      await page.getByRole('button', { name: 'Apply' }).click()
      await page.getByRole('heading', { name: 'Applied roster.csv' }).waitFor()

      await page.goto('/admin')
      await expectState(page, 'Kai Moreno', /^Never invited$/)
      await expectState(page, 'Priya Admin', /^Active · last login (just now|\d+ minutes? ago)$/)
      await page.getByLabel('Search people').fill('')
      await page.getByLabel('Show').selectOption({ label: 'Never invited' })
      await expect.poll(() => page.getByRole('row').count(), UNTIL_SHOWN).toBe(PEOPLE + 1)
      await expectAccessible(page)

      await watchProgressBars(page)
      await page.getByRole('button', { name: `Invite everyone never invited (${PEOPLE})` }).click()
      await page.getByRole('status').getByText(`Invitations sent: ${PEOPLE} of ${PEOPLE}.`).waitFor({ timeout: 60_000 })
      expect(await page.evaluate(() => (window as unknown as { progressSeen: number }).progressSeen)).toBeGreaterThan(0)
      await smtp.waitFor((m) => m.to.includes('clerk10@example.com'))
      for (const email of ['lin.wei@example.com', 'kai.moreno@example.com', 'clerk1@example.com'])
        expect(mailsTo(smtp, email)).toHaveLength(1)
      expect(smtp.messages.filter((m) => /invited you to Wellspring/.test(m.subject))).toHaveLength(PEOPLE)
      // The filter is "never invited": no one is left in it.
      await page.getByText('No one is in the state “Never invited”.').waitFor()
      await page.getByLabel('Show').selectOption({ label: 'Everyone' })
      await expectState(page, 'Kai Moreno', /^Invited (just now|\d+ minutes? ago) · never logged in$/)
      const invitedAt = page.getByRole('row').filter({ hasText: 'Kai Moreno' }).locator('time')
      await expect(invitedAt.getAttribute('title')).resolves.toMatch(/\d/)
      await screenshot(page, 'admin-people-invited')

      const lin = await openPage(browser, server)
      await lin.page.goto(linkOf(mailsTo(smtp, 'lin.wei@example.com')[0]!))
      await expectOneH1(lin.page, 'Join Wellspring')
      await lin.page.getByLabel('New password').fill('lin has a good passphrase')
      await lin.page.getByLabel('Repeat the password').fill('lin has a good passphrase')
      await lin.page.getByRole('button', { name: 'Join Wellspring' }).click()
      await expectOneH1(lin.page, 'Welcome, Lin')
      await lin.context.close()

      await page.reload()
      await expectState(page, 'Lin Wei', /^Active · last login (just now|\d+ minutes? ago)$/)
      await expectState(page, 'Kai Moreno', /^Invited/)
      await page.getByLabel('Search people').fill('')
      await page.getByLabel('Show').selectOption({ label: 'Active' })
      await expect.poll(() => page.getByRole('row').count(), UNTIL_SHOWN).toBe(3)
      expect(problems).toEqual([])
      await context.close()
    })

    it('resends to one person: a new link that works, and the old one fails', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, 'admin@example.com')
      await page.goto('/admin')
      const oldLink = linkOf(mailsTo(smtp, 'kai.moreno@example.com')[0]!)
      await page.getByLabel('Search people').fill('Kai Moreno')
      await expect.poll(() => page.getByRole('row').count(), UNTIL_SHOWN).toBe(2)
      await page.getByRole('checkbox', { name: 'Select Kai Moreno' }).check()
      await page.getByRole('button', { name: 'Invite the person selected' }).click()
      await page.getByRole('status').getByText('Invitations sent: 1 of 1.').waitFor({ timeout: 60_000 })
      await expect.poll(() => mailsTo(smtp, 'kai.moreno@example.com').length, UNTIL_SHOWN).toBe(2)
      const newLink = linkOf(mailsTo(smtp, 'kai.moreno@example.com')[1]!)
      expect(newLink).not.toBe(oldLink)

      const kai = await openPage(browser, server)
      await kai.page.goto(oldLink)
      await kai.page
        .getByRole('alert')
        .getByText(/invalid or has expired/)
        .waitFor()
      await kai.page.goto(newLink)
      await kai.page.getByLabel('New password').fill('kai has a good passphrase')
      await kai.page.getByLabel('Repeat the password').fill('kai has a good passphrase')
      await kai.page.getByRole('button', { name: 'Join Wellspring' }).click()
      await expectOneH1(kai.page, 'Welcome, Kai')
      await kai.context.close()
      expect(problems).toEqual([])
      await context.close()
    })

    it('imports Q&A into a community it starts, and the checklist advances until it can be dismissed', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, 'admin@example.com')
      const checklist = page.getByRole('region', { name: 'Set up Wellspring' })
      // Roster applied; invitations sent to everyone (3 of 13 joined).
      await checklist.getByText('2 of 5 done.').waitFor()
      await checklist.getByText('3 of 13 people joined; 10 invited and not joined yet; 0 never invited.').waitFor()

      await checklist.getByRole('link', { name: 'Import Q&A' }).click()
      await page.getByRole('tab', { name: 'Q&A import', selected: true }).waitFor()
      // A fresh install has no community: the import offers to start one.
      // (The choice is made once the communities have loaded: poll, don't read once.)
      await expect.poll(() => page.getByLabel('Community', { exact: true }).inputValue()).toBe('__new__')
      await page.getByLabel('Name of the new community').fill('Beer brewing')
      await page.getByLabel('Site (optional)').fill('beer.stackexchange.com')
      await page.getByLabel('Dump files (.7z or .xml)').setInputFiles([POSTS])
      await expectAccessible(page)
      await page.getByRole('button', { name: 'Upload and import' }).click()
      await page.getByRole('heading', { name: /Imported beer\.stackexchange\.com into Beer brewing/ }).waitFor({ timeout: 30_000 })
      await page.getByRole('link', { name: 'Beer brewing' }).click()
      await expectOneH1(page, 'Beer brewing')

      await page.goto('/')
      await checklist.getByText('4 of 5 done: everything needed is in place.').waitFor()
      await screenshot(page, 'setup-checklist-complete')
      await checklist.getByRole('button', { name: 'Dismiss the checklist' }).click()
      await expect.poll(() => checklist.count(), UNTIL_SHOWN).toBe(0)
      // Counted only once the page has the checklist's answer (before it, the region is absent anyway).
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/admin/setup-checklist' && r.ok())
      await page.reload()
      await expectOneH1(page, /^Welcome, /)
      await answered
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      await expect(page.getByRole('region', { name: 'Set up Wellspring' }).count()).resolves.toBe(0)
      // Admin → Setup still shows it.
      await page.goto('/admin?tab=setup')
      await page.getByRole('region', { name: 'Set up Wellspring' }).getByText('Dismissed from the home page.').waitFor()
      expect(problems).toEqual([])
      await context.close()
    })
  },
)
