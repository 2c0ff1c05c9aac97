import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, type Client } from '../helpers/app.js'
import { loggedInPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin } from './flows.js'
import { launchBrowser, seriousA11yViolations, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'

const HOUR = 3_600_000
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString()

// Instructor-led sessions (issue 14): learning staff schedule one; people enrol until it is full, then wait;
// a freed seat goes to the first waiting, who is told; the facilitator takes attendance; attendees rate it.
describe.each(DIALECTS)('browser on %s: instructor-led sessions', (dialect) => {
  let server: E2eServer
  let browser: Browser
  let anaApi: Client

  beforeAll(async () => {
    server = await startE2eServer(dialect)
    browser = await launchBrowser()
    await seedAdmin(server)
    await loggedInPerson(server.app, { name: 'Mia Manager', email: 'mia@example.com', manager_granted: 1 })
    anaApi = await loggedInPerson(server.app, { name: 'Ana Learner', email: 'ana@example.com' })
    await loggedInPerson(server.app, { name: 'Raj Learner', email: 'raj@example.com' })
    await loggedInPerson(server.app, { name: 'Leo Learner', email: 'leo@example.com' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('is scheduled by a manager, filled, waitlisted, and a freed seat goes to the first waiting, who is told', async () => {
    const mia = await openPage(browser, server)
    await logIn(mia.page, 'mia@example.com')
    await mia.page.goto('/learning')
    await expectOneH1(mia.page, 'Learning')
    await mia.page.getByRole('button', { name: 'Schedule a session' }).click()
    await mia.page.getByLabel('Title').fill('Facilitating retrospectives')
    const day = new Date(Date.now() + 3 * 24 * HOUR)
    await mia.page.getByLabel('Date').fill(day.toISOString().slice(0, 10))
    await mia.page.getByLabel('Where').fill('Room 4.12')
    await mia.page.getByLabel('Seats').fill('1')
    await mia.page.getByRole('button', { name: 'Schedule', exact: true }).click()
    await mia.page.getByRole('link', { name: 'Facilitating retrospectives' }).first().click()
    await expectOneH1(mia.page, 'Facilitating retrospectives')
    expect(await seriousA11yViolations(mia.page)).toEqual([])
    expect(mia.problems).toEqual([])
    const url = new URL(mia.page.url()).pathname

    const places: Record<string, string> = {}
    for (const email of ['ana@example.com', 'raj@example.com', 'leo@example.com']) {
      const { context, page } = await openPage(browser, server)
      await logIn(page, email)
      await page.goto(url)
      await page.getByRole('button', { name: /^(Enrol|Join the waitlist)$/ }).click()
      await expect.poll(() => page.getByTestId('session-place').textContent(), UNTIL_SHOWN).toMatch(/enrolled|waitlist/)
      places[email] = (await page.getByTestId('session-place').textContent()) ?? ''
      await context.close()
    }
    expect(places).toEqual({
      'ana@example.com': 'You are enrolled',
      'raj@example.com': 'You are number 1 on the waitlist',
      'leo@example.com': 'You are number 2 on the waitlist',
    })

    // Ana gives up her seat: Raj, first in line, gets it and is told; Leo moves up.
    const ana = await openPage(browser, server)
    await logIn(ana.page, 'ana@example.com')
    await ana.page.goto(url)
    await ana.page.getByRole('button', { name: 'Give up my seat' }).click()
    await expect.poll(() => ana.page.getByRole('button', { name: 'Join the waitlist' }).isVisible(), UNTIL_SHOWN).toBe(true)
    await ana.context.close()
    const raj = await openPage(browser, server)
    await raj.page.setViewportSize({ width: 390, height: 844 })
    await logIn(raj.page, 'raj@example.com')
    await raj.page.goto('/notifications')
    await expect
      .poll(() => raj.page.getByText('A seat freed up: you are now enrolled in Facilitating retrospectives').isVisible(), UNTIL_SHOWN)
      .toBe(true)
    await raj.page.goto(url)
    await expect.poll(() => raj.page.getByTestId('session-place').textContent(), UNTIL_SHOWN).toBe('You are enrolled')
    expect(await raj.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await raj.context.close()
    const leo = await openPage(browser, server)
    await logIn(leo.page, 'leo@example.com')
    await leo.page.goto(url)
    await expect.poll(() => leo.page.getByTestId('session-place').textContent(), UNTIL_SHOWN).toBe('You are number 1 on the waitlist')
    await leo.context.close()
    await mia.context.close()
  })

  it('lets the facilitator take attendance once it has started, and attendees rate it', async () => {
    const mia = await openPage(browser, server)
    await logIn(mia.page, 'mia@example.com')
    const created = await mia.page.request.post('/api/learning/sessions', {
      headers: {
        'x-csrf-token': await mia.page.evaluate(
          async () => ((await (await fetch('/api/auth/session')).json()) as { viewer: { csrfToken: string } }).viewer.csrfToken,
        ),
      },
      data: { title: 'Pairing clinic', startsAt: isoIn(HOUR), endsAt: isoIn(2 * HOUR), capacity: 5 },
    })
    expect(created.status()).toBe(201)
    const id = ((await created.json()) as { id: string }).id
    expect((await anaApi.post(`/api/learning/sessions/${id}/enrolment`)).statusCode).toBe(200)
    // The session starts: moved into the past in the database, as an hour passing would.
    await server.app.db
      .updateTable('learning_session')
      .set({ starts_at: isoIn(-HOUR), ends_at: isoIn(-HOUR / 2) })
      .where('id', '=', id)
      .execute()

    await mia.page.goto(`/learning/sessions/${id}`)
    await mia.page.getByRole('checkbox', { name: 'Ana Learner' }).check()
    await mia.page.getByRole('button', { name: 'Save attendance' }).click()
    await expect.poll(() => mia.page.getByText('Attendance saved.').isVisible(), UNTIL_SHOWN).toBe(true)
    await mia.context.close()

    const { context, page } = await openPage(browser, server)
    await logIn(page, 'ana@example.com')
    await page.goto(`/learning/sessions/${id}`)
    await page.getByRole('radio', { name: '4' }).check()
    await page.getByLabel('Anything to add? (optional)').fill('Practical, with real pairs')
    await page.getByRole('button', { name: 'Send feedback' }).click()
    await expect.poll(() => page.getByText('Thank you for your feedback.').isVisible(), UNTIL_SHOWN).toBe(true)
    await context.close()
  })
})
