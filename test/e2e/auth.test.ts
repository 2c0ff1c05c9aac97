import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectOneH1, linkFromOutbox, logIn, openPage, TEST_PASSWORD } from './flows.js'

describe.each(DIALECTS)('browser on %s: setup, login, logout, password reset and invitations', (dialect) => {
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('sends every page to /setup on a fresh server, and creates the first admin there', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await page.goto('/directory')
    await page.waitForURL('**/setup')
    await expectOneH1(page, 'Set up Wellspring')
    await page.getByLabel('Your name').fill('Priya Admin')
    await page.getByLabel('Email').fill('admin@example.com')
    await page.getByLabel('Password').fill('short')
    await page.getByRole('button', { name: 'Create admin account' }).click()
    // The browser refuses a too-short password before anything is sent.
    await expect
      .poll(() => page.getByLabel('Password').evaluate((el) => (el as HTMLInputElement).validity.tooShort), UNTIL_SHOWN)
      .toBe(true)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Create admin account' }).click()
    await expectOneH1(page, 'Welcome, Priya')
    expect(new URL(page.url()).pathname).toBe('/')
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).isVisible(), UNTIL_SHOWN)
      .toBe(true)
    // Setup cannot be reached again.
    await page.goto('/setup')
    await expectOneH1(page, 'Welcome, Priya')
    expect(problems).toEqual([])
    await context.close()
  })

  it('logs in with a password, shows a wrong password as an alert, and logs out', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await page.goto('/org')
    await page.waitForURL('**/login?next=%2Forg')
    await page.getByLabel('Email').fill('admin@example.com')
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('wrong email or password')
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    // Back where the person wanted to go.
    await expectOneH1(page, 'Org chart')
    await page.getByRole('button', { name: 'Log out' }).click()
    await expectOneH1(page, 'Log in')
    await page.goto('/me')
    await page.waitForURL('**/login?next=%2Fme')
    expect(problems).toEqual([])
    await context.close()
  })

  it('explains a failed single sign-on sent back to the login page', async () => {
    const { context, page } = await openPage(browser, server)
    await page.goto('/login?error=sso_no_account')
    await expectOneH1(page, 'Log in')
    await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('there is no Wellspring account for that email')
    await page.goto('/login?error=something_new')
    await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('Single sign-on did not work')
    await context.close()
  })

  it('resets a forgotten password from the mailed link', async () => {
    const { context, page } = await openPage(browser, server)
    await page.goto('/login')
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await expectOneH1(page, 'Reset your password')
    await page.getByLabel('Email').fill('admin@example.com')
    await page.getByRole('button', { name: 'Send reset link' }).click()
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'reset link is on its way' }).textContent(), UNTIL_SHOWN)
      .toContain('admin@example.com')
    await page.goto(await linkFromOutbox(server, 'reset', 'admin@example.com'))
    await expectOneH1(page, 'Choose a new password')
    await page.getByLabel('New password').fill('a brand new passphrase')
    await page.getByLabel('Repeat the password').fill('a different passphrase')
    await page.getByRole('button', { name: 'Set password and log in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('not the same')
    await page.getByLabel('Repeat the password').fill('a brand new passphrase')
    await page.getByRole('button', { name: 'Set password and log in' }).click()
    await expectOneH1(page, 'Welcome, Priya')
    await page.getByRole('button', { name: 'Log out' }).click()
    await expectOneH1(page, 'Log in')
    await logIn(page, 'admin@example.com', 'a brand new passphrase')
    await context.close()
  })

  it('invites a person from the admin page, who joins from the mailed link', async () => {
    const admin = await openPage(browser, server)
    await logIn(admin.page, 'admin@example.com', 'a brand new passphrase')
    await admin.page.getByRole('link', { name: 'Admin' }).click()
    await expectOneH1(admin.page, 'Admin')
    await admin.page.getByLabel('Name', { exact: true }).fill('Noor Haddad')
    await admin.page.getByLabel('Email', { exact: true }).fill('noor@example.com')
    await admin.page.getByRole('button', { name: 'Send invitation' }).click()
    await admin.page.getByText('Invitation sent to noor@example.com.').waitFor()
    await admin.page.getByRole('rowheader', { name: /noor@example\.com/ }).waitFor()
    await admin.context.close()

    const invitee = await openPage(browser, server)
    await invitee.page.goto(await linkFromOutbox(server, 'invite', 'noor@example.com'))
    await expectOneH1(invitee.page, 'Join Wellspring')
    await expect.poll(() => invitee.page.getByRole('main').textContent(), UNTIL_SHOWN).toContain('This invitation is for noor@example.com')
    await invitee.page.getByLabel('New password').fill('noor has a good passphrase')
    await invitee.page.getByLabel('Repeat the password').fill('noor has a good passphrase')
    await invitee.page.getByRole('button', { name: 'Join Wellspring' }).click()
    await expectOneH1(invitee.page, 'Welcome, Noor')
    // A member sees no Admin entry, and the admin page is not theirs.
    await expect
      .poll(() => invitee.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count(), UNTIL_SHOWN)
      .toBe(0)
    await invitee.page.goto('/admin')
    await expectOneH1(invitee.page, 'For administrators')
    await expect.poll(() => invitee.page.getByRole('main').textContent(), UNTIL_SHOWN).toContain('ask one of')
    expect(invitee.problems).toEqual([])
    await invitee.context.close()
  })
})
