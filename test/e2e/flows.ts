import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { setupAdmin, TEST_PASSWORD, type Client } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { type E2eServer, UNTIL_SHOWN } from './harness.js'

export { TEST_PASSWORD }

/** A fresh browser context (its own cookies) and page; page errors and CSP violations are collected. */
export async function openPage(browser: Browser, server: E2eServer): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('console', (msg) => {
    // A CSP violation is reported on the console; the server's policy forbids inline scripts and styles.
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) problems.push(`csp: ${msg.text()}`)
  })
  return { context, page, problems }
}

/** Runs first-time setup through the API (Priya Admin, admin@example.com, TEST_PASSWORD). */
export function seedAdmin(server: E2eServer): Promise<Client> {
  return setupAdmin(server.app)
}

/**
 * Sam Steward, logged in through the API, who has started "Data engineering" (open) and "Testing" (closed):
 * the communities the knowledge journeys begin with.
 */
export async function seedStewardWithCommunities(server: E2eServer): Promise<Client> {
  const sam = await loggedInPerson(server.app, { name: 'Sam Steward', email: 'sam@example.com' })
  expect((await sam.post('/api/communities', { name: 'Data engineering', purpose: 'Pipelines', visibility: 'open' })).statusCode).toBe(201)
  expect((await sam.post('/api/communities', { name: 'Testing', purpose: 'Tests', visibility: 'closed' })).statusCode).toBe(201)
  return sam
}

/** Logs in through the login form and waits for the home page. */
export async function logIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor()
}

/** The first link of `kind` ('invite' or 'reset') in the mail outbox written by the dev mailer. */
export async function linkFromOutbox(server: E2eServer, kind: 'invite' | 'reset', to: string): Promise<string> {
  const outbox = path.join(server.config.dataDir, 'outbox')
  const files = fs.existsSync(outbox) ? fs.readdirSync(outbox) : []
  for (const file of files.sort()) {
    const text = fs.readFileSync(path.join(outbox, file), 'utf8')
    const match = text.match(new RegExp(`https?://\\S+/${kind}/\\S+`))
    if (text.includes(`To: ${to}`) && match) return new URL(match[0]).pathname
  }
  throw new Error(`no ${kind} mail to ${to} in ${outbox}`)
}

/** Texts of the h1 on the page; every page has exactly one. */
export async function expectOneH1(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor()
  await expect.poll(() => page.locator('h1').count(), UNTIL_SHOWN).toBe(1)
}
