import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TICK_JOB } from '../../src/server/connections/service.js'
import { upsertParticipant } from '../../src/server/connections/store.js'
import { ManualClock } from '../../src/server/platform/clock.js'
import { DIALECTS } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { jobsSettled } from '../helpers/jobs.js'
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

// Connections' lifecycle in a real browser, with the server's clock moved by days: a lunch round of four drafted
// with its progress bar, the reminder of an unanswered proposal in the bell, and at the end of the programme the
// reflection prompt that leads to the participant's private reflection.

const DAY = 86_400_000
const NAME = 'Lunch of four'

async function fitsPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.setViewportSize({ width: 1280, height: 900 })
}

describe.each(DIALECTS)('browser on %s: connections lifecycle', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let smtp: TestSmtpServer
  const clock = new ManualClock()
  let programmeUrl = ''
  const emails: string[] = []
  const ids: string[] = []

  async function tick(): Promise<void> {
    await server.app.jobs.enqueue(TICK_JOB, {})
    await jobsSettled(server.app)
  }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    server = await startE2eServer(
      dialect,
      { smtp: { host: smtp.host, port: smtp.port, secure: false, user: undefined, pass: undefined } },
      { clock },
    )
    browser = await launchBrowser()
    await seedAdmin(server)
    const olga = await buildPerson(server.app, { name: 'Olga Owner', email: 'olga@example.com', department: 'People' })
    await buildPerson(server.app, { name: 'Rita Report', email: 'rita@example.com', manager_id: olga.id })
    const depts = ['Engineering', 'Sales', 'Support', 'Design']
    for (let i = 1; i <= 8; i++) {
      const p = await buildPerson(server.app, { name: `Lena ${i}`, email: `lena${i}@example.com`, department: depts[i % 4]! })
      emails.push(p.email)
      ids.push(p.id)
    }
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await smtp?.close()
  })

  it('drafts a lunch round of groups of four with a progress bar, previews and approves it', async () => {
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'olga@example.com')
    await page.goto('/connections')
    await expectOneH1(page, 'Connections')
    await page.getByLabel('Kind').selectOption({ label: 'Lunch and coffee' })
    await page.getByLabel('Name').fill(NAME)
    await page.getByLabel('People per lunch group (2 to 6)').fill('4')
    await page.getByLabel('Duration (weeks)').fill('2')
    await page.getByRole('button', { name: 'Create programme' }).click()
    const created = page.getByRole('status').getByRole('link', { name: `Created ${NAME}` })
    await created.waitFor()
    programmeUrl = (await created.getAttribute('href'))!
    // Eight people opt in (the opt-in form itself is covered by connections.test.ts).
    const id = programmeUrl.split('/').pop()!
    for (const personId of ids) {
      await upsertParticipant(server.app.db, {
        programme_id: id,
        person_id: personId,
        role: 'member',
        capacity: 1,
        who_am_i: '',
        want_to_become: '',
        goals: '',
        skills_offered: '[]',
        skills_wanted: '[]',
        status: 'active',
        joined_at: new Date(clock.now()).toISOString(),
      })
    }

    await page.goto(programmeUrl)
    await expectOneH1(page, NAME)
    await page.getByText('Lunch and coffee, groups of 4').waitFor()
    await page.getByRole('button', { name: 'Draft the next round' }).click()
    // The drafting job's progress bar: its steps, then full once the round is drafted.
    const bar = page.getByRole('progressbar', { name: /Round drafted: 2 matches drafted/ })
    await bar.waitFor({ timeout: 20_000 })
    expect(await bar.getAttribute('value')).toBe('5')
    expect(await bar.getAttribute('max')).toBe('5')
    await page.getByRole('heading', { name: 'Round 1 (preview: nobody has been told), 2 matches' }).waitFor({ timeout: 20_000 })
    const groups = page.locator('.connections-list > li strong')
    await expect.poll(() => groups.count(), UNTIL_SHOWN).toBe(2)
    for (const text of await groups.allTextContents()) expect(text.split(' · ')).toHaveLength(4)
    await fitsPhone(page)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Approve round 1 and notify everyone' }).click()
    await page.getByRole('heading', { name: /Round 1 \(approved\), 2 matches/ }).waitFor()
    await jobsSettled(server.app)
    expect(problems).toEqual([])
    await context.close()
  }, 90_000)

  it('reminds an unanswered proposal three days later, in the bell', async () => {
    clock.advance(3 * DAY + 60_000)
    await tick()
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'lena1@example.com')
    await page.getByRole('link', { name: 'Notifications 2 unread' }).waitFor({ timeout: 20_000 })
    await page.goto('/notifications')
    await expectOneH1(page, 'Notifications')
    const list = page.getByRole('list', { name: 'Notifications' })
    await list.getByRole('link', { name: `Your lunch match in ${NAME}`, exact: true }).waitFor()
    const reminder = list.getByRole('link', { name: `Reminder: your lunch match in ${NAME} waits for your answer`, exact: true })
    await reminder.click()
    await expectOneH1(page, `Match in ${NAME}`)
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('ends the programme and prompts for a reflection that only its writer reads', async () => {
    clock.advance(11 * DAY)
    await tick()
    const { context, page, problems } = await openPage(browser, server)
    await logIn(page, 'lena1@example.com')
    await page.goto('/notifications')
    await expectOneH1(page, 'Notifications')
    await page
      .getByRole('list', { name: 'Notifications' })
      .getByRole('link', { name: `${NAME} has ended: write your reflection`, exact: true })
      .click()
    await expectOneH1(page, `Reflection: ${NAME}`)
    await page.getByLabel('My reflection').fill('Four strangers, one table: I learned how Support triages.')
    await page.getByRole('button', { name: 'Save my reflection' }).click()
    await page.getByText('Saved. Only you can read it.').waitFor()
    await fitsPhone(page)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.reload()
    await expect
      .poll(() => page.getByLabel('My reflection').inputValue(), UNTIL_SHOWN)
      .toBe('Four strangers, one table: I learned how Support triages.')
    expect(problems).toEqual([])
    await context.close()

    // The owner sees that the programme ended, and the count of reflections only from the aggregate minimum up.
    const owner = await openPage(browser, server)
    await logIn(owner.page, 'olga@example.com')
    await owner.page.goto(programmeUrl)
    await expectOneH1(owner.page, NAME)
    await owner.page.getByText(/ended/).first().waitFor()
    const stats = owner.page.locator('dl.participation')
    await expect.poll(() => stats.textContent(), UNTIL_SHOWN).toContain('Reflections written')
    expect(await stats.textContent()).toContain('fewer than 5 people')
    expect(await owner.page.content()).not.toContain('Four strangers')
    expect(await owner.page.getByRole('button', { name: 'Draft the next round' }).count()).toBe(0)
    await owner.context.close()
  }, 60_000)
})
