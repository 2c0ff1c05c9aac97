import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPerson } from '../helpers/factories.js'
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js'
import { expectOneH1, openPage, seedAdmin } from './flows.js'
import { DIALECTS } from '../helpers/app.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

describe.each(DIALECTS)('browser on %s: single sign-on with a real OpenID provider', (dialect) => {
  let idp: TestOidcProvider
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    idp = await startOidcProvider({
      accounts: {
        maya: { email: 'maya.okafor@example.com', name: 'Maya Okafor', email_verified: true },
        stranger: { email: 'stranger@elsewhere.example', name: 'Stranger', email_verified: true },
      },
    })
    server = await startE2eServer(dialect, {
      oidc: { issuer: idp.issuer, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: 'Acme SSO' },
    })
    // The app's port is known only once it listens, so the provider learns the callback URL now.
    idp.setRedirectUri(`${server.url}/api/auth/oidc/callback`)
    browser = await launchBrowser()
    await seedAdmin(server)
    await buildPerson(server.app, { email: 'maya.okafor@example.com', name: 'Maya Okafor' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await idp?.close()
  })

  it('signs in from the login page through the provider and lands on the home page', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await page.goto('/login')
    await expectOneH1(page, 'Log in')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click()
    await page.waitForURL(`${idp.issuer}/interaction/**`)
    await page.getByLabel('Email').fill('maya.okafor@example.com')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expectOneH1(page, 'Welcome, Maya')
    expect(page.url()).toBe(`${server.url}/`)
    const cookies = await context.cookies(server.url)
    expect(cookies.find((c) => c.name === 'ws_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
    expect(problems).toEqual([])
    await context.close()
  })

  it('brings the person back to the page they asked for', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await page.goto('/org')
    await page.waitForURL('**/login?next=%2Forg')
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click()
    await page.getByLabel('Email').fill('maya.okafor@example.com')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expectOneH1(page, 'Org chart')
    expect(new URL(page.url()).pathname).toBe('/org')
    expect(problems).toEqual([])
    await context.close()
  })

  it('sends someone the provider knows but the roster does not back to the login page, logged out', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await page.goto('/login')
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click()
    await page.getByLabel('Email').fill('stranger@elsewhere.example')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/login?error=sso_no_account`)
    await expectOneH1(page, 'Log in')
    // The login page says why, rather than failing silently.
    await expect.poll(() => page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('no Wellspring account for that email')
    expect(await seriousA11yViolations(page)).toEqual([])
    expect((await context.cookies(server.url)).find((c) => c.name === 'ws_session')).toBeUndefined()
    expect(problems).toEqual([])
    await context.close()
  })
})
