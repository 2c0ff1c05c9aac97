import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DIALECTS } from '../helpers/app.js'
import { logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, screenshot } from './knowledge-support.js'

// Issue 10, defect 4: after a Q&A import, placeholders are attribution, not members, and questions closed on
// the source site do not wait for an answer (nor carry a NEWCOMER badge).
const FIXTURE = path.resolve('test/fixtures/stackexchange/beer-slice')
const FILES = ['Posts.xml', 'Users.xml', 'Comments.xml', 'Votes.xml', 'PostLinks.xml']
/** Closed on beer.stackexchange.com on 2014-01-22, with no answer (Posts.xml, Id 115). */
const CLOSED = 'What styles of beer can you age?'

async function importBeer(admin: Client): Promise<Record<string, unknown>> {
  let uploadId: string | undefined
  for (const f of FILES) {
    const res = await admin.request({
      method: 'POST',
      url: `/api/admin/imports/qa/files${uploadId ? `?uploadId=${uploadId}` : ''}`,
      headers: { 'content-type': 'application/xml', 'x-filename': f },
      payload: fs.readFileSync(path.join(FIXTURE, f)),
    })
    expect(res.statusCode, res.body).toBe(201)
    uploadId = res.json<{ uploadId: string }>().uploadId
  }
  const started = await admin.post('/api/admin/imports/qa', {
    uploadId,
    files: FILES,
    communitySlug: 'beer',
    site: 'beer.stackexchange.com',
  })
  expect(started.statusCode).toBe(202)
  for (let i = 0; i < 600; i++) {
    const res = (await admin.get(`/api/admin/imports/qa/${started.json<{ id: string }>().id}`)).json<{
      job: { status: string }
      report: Record<string, unknown>
    }>()
    if (res.job.status === 'done') return res.report
    if (res.job.status === 'failed') throw new Error(JSON.stringify(res))
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('import did not finish')
}

describe.each(DIALECTS)('browser on %s: first touch after a Q&A import (issue 10: 4)', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let admin: Client
  let report: Record<string, unknown> = {}

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    admin = await seedAdmin(server)
    expect((await admin.post('/api/communities', { name: 'Beer', purpose: 'Brewing and tasting', visibility: 'open' })).statusCode).toBe(
      201,
    )
    report = await importBeer(admin)
    expect(report.placeholders).toBeGreaterThan(10)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the community counts and lists its people, not the imported authors', async () => {
    const beer = (await admin.get('/api/communities/beer')).json<{ memberCount: number }>()
    expect(beer.memberCount).toBe(1)
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/communities/beer/members')
    await page.getByRole('link', { name: 'Priya Admin' }).first().waitFor()
    await expect.poll(async () => (await page.getByRole('main').textContent()) ?? '', UNTIL_SHOWN).not.toMatch(/Imported from beer/)
    expect(problems).toEqual([])
    await context.close()
  })

  it('a question closed on the source site is not waiting for an answer, and has no NEWCOMER badge', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/communities/beer')
    const waiting = page.getByRole('region', { name: 'Waiting for an answer' })
    await waiting.waitFor()
    await waiting.getByRole('link').first().waitFor()
    await expect(waiting.getByRole('link', { name: CLOSED }).count()).resolves.toBe(0)
    // No question here is a newcomer's: the imported authors are not members, so none is a newcomer.
    await expect(waiting.getByText('Newcomer', { exact: true }).count()).resolves.toBe(0)
    await expectAccessible(page)
    await screenshot(page, 'import-community-home')
    expect(problems).toEqual([])
    await context.close()
  })

  it('Admin → People lists people with accounts first, and the imported authors apart', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'admin@example.com')
    await page.goto('/admin?tab=people')
    const table = page.getByRole('table', { name: 'People, with their account status and roles' })
    await table.getByRole('link', { name: 'Priya Admin' }).waitFor()
    await expect(table.getByText('placeholder', { exact: true }).count()).resolves.toBe(0)
    const apart = page.getByLabel(/Show only imported authors \(\d+\)/)
    await apart.check()
    await expect.poll(() => table.getByText('placeholder', { exact: true }).count(), UNTIL_SHOWN).toBeGreaterThan(0)
    await expect(table.getByRole('link', { name: 'Priya Admin' }).count()).resolves.toBe(0)
    await expectAccessible(page)
    expect(problems).toEqual([])
    await context.close()
  })
})
